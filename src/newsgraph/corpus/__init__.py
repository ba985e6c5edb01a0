"""The cross-article layer: what links documents of the store to each other."""
