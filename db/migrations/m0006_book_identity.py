"""Level 6: the book's identity, a random id in the settings table under `book_id`.

A backup carries it, so that a restore tells a copy of this very book from another
studio's (clientbook.services.backups.restore). A new book runs every step and gets
one too; a book copied as a file keeps it, being the same book. It is no studio setting:
`settings` lists and changes only the keys of clientbook.services.settings.DEFAULTS.
An id already there (given to a book restored from a copy made before this level) stays.
"""

from db.migrations.script import run_script

SCHEMA = """
INSERT INTO settings (key, value) VALUES ('book_id', lower(hex(randomblob(16))))
    ON CONFLICT (key) DO NOTHING;
"""


def up(database) -> None:
    run_script(database, SCHEMA)


def up_postgresql(database) -> None:
    database.execute_sql("INSERT INTO settings (key, value) VALUES ('book_id', replace(gen_random_uuid()::text, '-', '')) "
                         "ON CONFLICT (key) DO NOTHING")
