"""Pure business rules: standard library only, the current date always passed in."""
