"""Use cases shared by the CLI and the GUI: each takes a Database and returns domain objects."""
