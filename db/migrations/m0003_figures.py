"""Level 3: per-client and per-track figures, precomputed for the call list.

They are derived from visits and contacts by clientbook.services.figures and refreshed in
the same transaction as every change to a client's visits, bookings or contacts; dates
(not ratios) are stored so that "due today" is an indexed comparison with today.
Reasons gain `closes`: declining for such a reason ends calls until the next visit.
"""

from db.migrations.script import run_script

SCHEMA = """
ALTER TABLE reasons ADD COLUMN closes INTEGER NOT NULL DEFAULT 0;
UPDATE reasons SET closes = 1 WHERE code IN ('moved_away', 'no_longer_needed');

CREATE TABLE client_tracks (
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    track TEXT NOT NULL,
    visits INTEGER NOT NULL,
    last_visit TEXT NOT NULL,
    learned_days REAL,
    spread_days REAL,
    interval_days REAL NOT NULL CHECK (interval_days > 0),
    interval_source TEXT NOT NULL,
    due_soon_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    at_risk_on TEXT NOT NULL,
    lost_on TEXT NOT NULL,
    PRIMARY KEY (client_id, track)
) WITHOUT ROWID;
CREATE INDEX client_tracks_due ON client_tracks(due_on);

CREATE TABLE client_figures (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    done_visits INTEGER NOT NULL DEFAULT 0,
    no_shows INTEGER NOT NULL DEFAULT 0,
    cancellations INTEGER NOT NULL DEFAULT 0,
    first_visit TEXT,
    last_visit TEXT,
    total_cents INTEGER NOT NULL DEFAULT 0,
    average_cents INTEGER,
    learned_days REAL,
    spread_days REAL,
    interval_days REAL,
    interval_source TEXT,
    tracks INTEGER NOT NULL DEFAULT 0,
    lost_on TEXT,
    regular INTEGER NOT NULL DEFAULT 0,
    booked_until TEXT,
    callback_on TEXT,
    quiet_until TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    unanswered_messages INTEGER NOT NULL DEFAULT 0,
    declined INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    wrong_number INTEGER NOT NULL DEFAULT 0,
    callable INTEGER NOT NULL DEFAULT 1,
    last_contact_at TEXT,
    last_outcome TEXT
);
CREATE INDEX client_figures_callback ON client_figures(callback_on) WHERE callback_on IS NOT NULL;
CREATE INDEX client_figures_lost ON client_figures(lost_on) WHERE lost_on IS NOT NULL;
CREATE INDEX visits_status_day ON visits(status, starts_at);
"""

REBUILDS = {"figures"}


def up(database) -> None:
    run_script(database, SCHEMA)
