"""The application layer: what a person can do and see, whoever asks.

The command line and the app both stand on it. Every action (logging pages and
sessions, editing, deleting, undoing, moving books, goals, skip days, profiles,
imports, exports, backups) is validated here once, with the same bounds whoever
calls it, and returns an outcome; every view (today, stats, books, history, goals,
the projection) is read in one transaction and computed by the domain. The front
ends parse what is typed, call this layer, and say the result with the wording
layer (compound.words); they never reach the store or the database themselves.

Imports nothing itself: `compound status --short` loads only tracker.glance.
"""
