"""The app's screens (one per key, 1 to 5) and its dialogs."""
