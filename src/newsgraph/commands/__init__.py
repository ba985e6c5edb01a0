"""Commands of the `newsgraph` CLI that live in modules of their own."""
