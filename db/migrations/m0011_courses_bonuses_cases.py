"""Level 11: courses that visits use, bonus movements, and win-back cases.

A course names the service its sessions are for (a done visit with that service uses one,
recorded in course_sessions so that undoing the visit gives it back), the day it was
bought, and who gave it when it was a gift. A bonus balance is the sum of its movements:
the balance level 1 kept on the client becomes one adjusting movement and is dropped, so
the book never holds two balances that may disagree. A win-back case is a lost client
worked as a case: the reasons, what would bring her back, the offer and the outcome; the
client's pushes_for_discounts flag is what later offers see.
"""

from db.migrations.script import run_script

SCHEMA = """
ALTER TABLE courses ADD COLUMN service_id INTEGER REFERENCES services(id) ON DELETE SET NULL;
ALTER TABLE courses ADD COLUMN bought_on TEXT;
ALTER TABLE courses ADD COLUMN gift_from TEXT NOT NULL DEFAULT '';
CREATE INDEX courses_valid_until ON courses(valid_until) WHERE sessions_used < sessions_total;

CREATE TABLE course_sessions (
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    PRIMARY KEY (course_id, visit_id)
) WITHOUT ROWID;
CREATE INDEX course_sessions_visit ON course_sessions(visit_id);

CREATE TABLE bonus_movements (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    on_day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('earned', 'spent', 'adjusted')),
    points INTEGER NOT NULL CHECK (points <> 0),
    note TEXT NOT NULL DEFAULT '',
    CHECK (kind <> 'earned' OR points > 0),
    CHECK (kind <> 'spent' OR points < 0)
);
CREATE INDEX bonus_movements_client ON bonus_movements(client_id, on_day);
INSERT INTO bonus_movements (client_id, on_day, kind, points)
    SELECT id, substr(updated_at, 1, 10), 'adjusted', bonus_balance FROM clients WHERE bonus_balance <> 0;
ALTER TABLE clients DROP COLUMN bonus_balance;

ALTER TABLE clients ADD COLUMN pushes_for_discounts INTEGER NOT NULL DEFAULT 0;

CREATE TABLE winback_cases (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    opened_on TEXT NOT NULL,
    reason_id INTEGER REFERENCES reasons(id) ON DELETE RESTRICT,
    suspected_reason_id INTEGER REFERENCES reasons(id) ON DELETE RESTRICT,
    would_return TEXT NOT NULL DEFAULT '',
    offer TEXT NOT NULL DEFAULT '',
    offered_on TEXT,
    outcome TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'won', 'lost')),
    closed_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    CHECK ((outcome = 'open') = (closed_on IS NULL))
);
CREATE INDEX winback_cases_client ON winback_cases(client_id);
CREATE UNIQUE INDEX winback_cases_one_open ON winback_cases(client_id) WHERE outcome = 'open';
"""


def up(database) -> None:
    run_script(database, SCHEMA)
