"""Level 8: the return model's figures, per client, and its studio-wide parameters.

client_outlook holds what clientbook.services.outlook computed for each client with a
completed visit: the chance she is still a client, that she comes back within 90 days, the
visits and revenue expected in them, her regularity, and the value a call can save (with
whether she is a regular, so that the call list's win-back part walks one index in its
order). The chances are NULL while the book has too few returning clients to fit on; the
value is then a year of her visits. return_model holds the fitted parameters (JSON, NULL
while the book has too few returning clients to fit on) and the days of the fit and of the
scores: both are redone on the first use of a new day. outlook_stale lists the clients
whose visits changed since they were scored, rescored on the next read.
"""

from db.migrations.script import run_script

SCHEMA = """
CREATE TABLE client_outlook (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    p_alive REAL CHECK (p_alive BETWEEN 0 AND 1),
    p_return REAL CHECK (p_return BETWEEN 0 AND 1),
    expected_visits REAL CHECK (expected_visits >= 0),
    expected_revenue_cents INTEGER CHECK (expected_revenue_cents >= 0),
    regularity REAL,
    regular INTEGER NOT NULL,
    call_value REAL NOT NULL
);
CREATE INDEX client_outlook_call ON client_outlook(regular DESC, call_value DESC, client_id);

CREATE TABLE return_model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    params TEXT,
    fitted_on TEXT NOT NULL,
    scored_on TEXT NOT NULL
);

CREATE TABLE outlook_stale (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE
) WITHOUT ROWID;
"""


def up(database) -> None:
    run_script(database, SCHEMA)
