"""Command-line glue for commands that live outside cli.py: parse options, call the library."""
