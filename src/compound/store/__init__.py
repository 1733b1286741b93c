"""The store: every read and write of compound's data, returning plain domain objects.

store.repository holds the Store (SQLModel); store.snapshot is the ORM-free read
of today's status. Import the one you need: this package imports nothing itself,
so the light path pays only for what it uses.
"""
