"""Storage: tables, engine and migrations.

Kept free of imports so that the light read path (db.sqlite_file, db.revisions) does
not pay for SQLModel.
"""
