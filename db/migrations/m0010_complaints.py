"""Level 10: a complaint as the studio works it: its type, the master it names, the verdict
and the compensation given. What happened, the visit and the resolution were there from
level 1; closing it is its resolved_on.

kind: quality, staff, rudeness, hygiene, price, other. justified: NULL until decided, then 1
or 0. compensation: '' for none, redo, refund or discount.
"""

from db.migrations.script import run_script

SCHEMA = """
ALTER TABLE complaints ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
    CHECK (kind IN ('quality', 'staff', 'rudeness', 'hygiene', 'price', 'other'));
ALTER TABLE complaints ADD COLUMN master_id INTEGER REFERENCES masters(id) ON DELETE SET NULL;
ALTER TABLE complaints ADD COLUMN justified INTEGER CHECK (justified IN (0, 1));
ALTER TABLE complaints ADD COLUMN compensation TEXT NOT NULL DEFAULT ''
    CHECK (compensation IN ('', 'redo', 'refund', 'discount'));
"""


def up(database) -> None:
    run_script(database, SCHEMA)
