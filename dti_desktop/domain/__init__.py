"""Plain dataclasses and rules: no Qt, no SQL (tests assert it)."""
