"""Storage for clientbook: SQLite through peewee. Knows nothing of the UI."""
