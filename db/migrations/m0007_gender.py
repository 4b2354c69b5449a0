"""Level 7: a client's gender as the card sets it, for names that do not tell (Саша, Женя).

NULL (every client until someone sets it) means: as the first name and patronymic tell
(clientbook.domain.russian.gender). The script and the card agree with it.
"""

from db.migrations.script import run_script

SCHEMA = """
ALTER TABLE clients ADD COLUMN gender TEXT CHECK (gender IN ('f', 'm'));
"""


def up(database) -> None:
    run_script(database, SCHEMA)
