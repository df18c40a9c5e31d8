"""Built-in checks, one rule per module."""
