"""Level 5: a master's working hours, and the answer to a talking point once asked.

`working_hours` is the weekly pattern as clientbook.domain.hours writes it
("mon-fri 10:00-20:00, sat 11:00-18:00"); empty means the studio's default week.
"""

from db.migrations.script import run_script

SCHEMA = """
ALTER TABLE masters ADD COLUMN working_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE talking_points ADD COLUMN answer TEXT NOT NULL DEFAULT '';
"""


def up(database) -> None:
    run_script(database, SCHEMA)
