"""Qt widgets and models. Widgets never hold SQL: they call dti_desktop.services."""
