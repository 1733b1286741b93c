"""Self-contained widgets: they know nothing of the screens or the app."""
