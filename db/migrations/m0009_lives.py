"""Level 9: each client's life as the reports count it, kept like the call list's figures.

clientbook.services.lives computes it from her completed visits (clientbook.domain.retention:
after each visit she is lost on the day her absence reaches the studio's "lost" multiple of
her usual interval, unless she comes first) and stores it in the same transaction as every
change to her visits, so that `clientbook stats` and the Reports screen add up stored rows
instead of reading every visit of the book (9 s and 525 MB at 100,000 clients).

client_days has a row for each day she came: her usual interval after it, the day she is
lost unless she comes again, her first day and what she has spent by then, and the master
of the day's last visit with the days she came to that master before and after (0 and
9999-12-31 for none: the first of her days with a master in a period is the one whose
master_before is earlier, so counting a master's clients needs no DISTINCT); keyed by the
next day she came, so that the rows in force on a day D (day <= D < next_day) are one
range of the key. client_master_days holds the day's other masters, where she saw two
(under 0.2 % of the days at the demo's 100,000 clients). client_spells has a row for each
spell of being a client, from its first visit to the day she was (or will be) lost, with
the day she was lost before it (0 before her first): the spells in force after a day D
with lost_before <= D are one a client, so counting clients needs no DISTINCT. Days are
date.toordinal() numbers.
"""

from db.migrations.script import run_script

SCHEMA = """
CREATE TABLE client_days (
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    next_day INTEGER NOT NULL,
    first_day INTEGER NOT NULL,
    interval_days REAL NOT NULL CHECK (interval_days > 0),
    lost_on INTEGER NOT NULL,
    spent_cents INTEGER NOT NULL CHECK (spent_cents >= 0),
    priced INTEGER NOT NULL CHECK (priced >= 0),
    master_id INTEGER REFERENCES masters(id) ON DELETE SET NULL,
    master_before INTEGER NOT NULL,
    master_next INTEGER NOT NULL,
    PRIMARY KEY (next_day, client_id),
    CHECK (first_day <= day AND day < next_day AND day < lost_on),
    CHECK (master_before < day AND day < master_next)
) WITHOUT ROWID;
CREATE INDEX client_days_client ON client_days(client_id, day);

CREATE TABLE client_spells (
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    started_on INTEGER NOT NULL,
    lost_on INTEGER NOT NULL,
    interval_days REAL NOT NULL CHECK (interval_days > 0),
    lost_before INTEGER NOT NULL,
    PRIMARY KEY (lost_on, client_id),
    CHECK (lost_before <= started_on AND started_on < lost_on)
) WITHOUT ROWID;
CREATE INDEX client_spells_client ON client_spells(client_id);

CREATE TABLE client_master_days (
    day INTEGER NOT NULL,
    master_id INTEGER NOT NULL REFERENCES masters(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    master_before INTEGER NOT NULL,
    master_next INTEGER NOT NULL,
    PRIMARY KEY (day, master_id, client_id),
    CHECK (master_before < day AND day < master_next)
) WITHOUT ROWID;
CREATE INDEX client_master_days_client ON client_master_days(client_id);
"""

# Derived data the caller must rebuild after this step (see db.migrations.upgrade).
REBUILDS = {"figures"}


def up(database) -> None:
    run_script(database, SCHEMA)
