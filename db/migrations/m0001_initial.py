"""Level 1: the client book as PRODUCT.md describes the card, the visit and the call log.

Forward-only and frozen: later changes go into new steps, never here.
"""

from db.migrations.script import run_script

REASONS = [
    ("price", "Price", "Цена"),
    ("quality", "Service quality or the result", "Качество услуги или результат"),
    ("staff", "A particular staff member", "Конкретный сотрудник"),
    ("rudeness", "Rudeness or indifference", "Грубость или равнодушие"),
    ("hygiene", "Hygiene", "Гигиена"),
    ("not_informed", "Was not kept informed", "Не предупредили об изменениях"),
    ("hard_to_book", "Too hard to book", "Сложно записаться"),
    ("forgot", "Forgot about us", "Забыл(а) о нас"),
    ("competitor", "Went to a competitor", "Ушёл(ушла) к конкурентам"),
    ("moved_away", "Moved away", "Переехал(а)"),
    ("no_longer_needed", "No longer needs the service", "Услуга больше не нужна"),
    ("circumstances", "Personal or money circumstances", "Личные или финансовые обстоятельства"),
    ("unknown", "Unknown", "Неизвестно"),
]

SCHEMA = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE masters (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    category TEXT NOT NULL CHECK (trim(category) <> ''),
    default_interval_days INTEGER CHECK (default_interval_days > 0),
    price_cents INTEGER CHECK (price_cents >= 0),
    duration_min INTEGER CHECK (duration_min > 0),
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE reasons (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (trim(code) <> ''),
    name TEXT NOT NULL,
    name_ru TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    patronymic TEXT NOT NULL DEFAULT '',
    address_as TEXT NOT NULL DEFAULT '',
    phone TEXT,
    phone_alt TEXT,
    email TEXT,
    messengers TEXT NOT NULL DEFAULT '{}',
    preferred_channel TEXT,
    backup_channel TEXT,
    birth_day INTEGER CHECK (birth_day BETWEEN 1 AND 31),
    birth_month INTEGER CHECK (birth_month BETWEEN 1 AND 12),
    birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
    source TEXT,
    referred_by_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    preferred_master_id INTEGER REFERENCES masters(id) ON DELETE SET NULL,
    consent_reminders INTEGER NOT NULL DEFAULT 1,
    consent_offers INTEGER NOT NULL DEFAULT 0,
    contact_frequency TEXT NOT NULL DEFAULT '',
    do_not_contact INTEGER NOT NULL DEFAULT 0,
    alerts TEXT NOT NULL DEFAULT '',
    expectations TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    interval_override_days INTEGER CHECK (interval_override_days > 0),
    bonus_balance INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    CHECK (trim(first_name) <> '' OR trim(last_name) <> ''),
    CHECK ((birth_day IS NULL) = (birth_month IS NULL)),
    CHECK (birth_year IS NULL OR birth_day IS NOT NULL)
);
CREATE INDEX clients_phone ON clients(phone);
CREATE INDEX clients_email ON clients(email);
CREATE INDEX clients_birthday ON clients(birth_month, birth_day);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> '')
);

CREATE TABLE client_tags (
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (client_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX client_tags_tag ON client_tags(tag_id);

CREATE TABLE preferences (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    topic TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL CHECK (trim(text) <> ''),
    created_at TEXT NOT NULL
);
CREATE INDEX preferences_client ON preferences(client_id);

CREATE TABLE talking_points (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    text TEXT NOT NULL CHECK (trim(text) <> ''),
    noted_on TEXT NOT NULL,
    ask_next_time INTEGER NOT NULL DEFAULT 0,
    asked_at TEXT
);
CREATE INDEX talking_points_client ON talking_points(client_id);

CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    master_id INTEGER REFERENCES masters(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'done'
        CHECK (status IN ('done', 'planned', 'tentative', 'no_show', 'cancelled')),
    price_cents INTEGER CHECK (price_cents >= 0),
    duration_min INTEGER CHECK (duration_min > 0),
    notes TEXT NOT NULL DEFAULT '',
    formula TEXT NOT NULL DEFAULT '',
    materials TEXT NOT NULL DEFAULT '',
    liked TEXT NOT NULL DEFAULT '',
    disliked TEXT NOT NULL DEFAULT '',
    aftercare TEXT NOT NULL DEFAULT '',
    products_sold TEXT NOT NULL DEFAULT '',
    next_suggestion TEXT NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    feedback TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX visits_client ON visits(client_id, starts_at);
CREATE INDEX visits_day ON visits(starts_at);

CREATE TABLE visit_services (
    visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE RESTRICT,
    price_cents INTEGER CHECK (price_cents >= 0),
    PRIMARY KEY (visit_id, service_id)
) WITHOUT ROWID;
CREATE INDEX visit_services_service ON visit_services(service_id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT 'call',
    outcome TEXT NOT NULL CHECK (outcome IN ('booked', 'no_answer', 'left_message',
        'callback', 'declined', 'wrong_number', 'do_not_contact')),
    reason_id INTEGER REFERENCES reasons(id) ON DELETE RESTRICT,
    suspected_reason_id INTEGER REFERENCES reasons(id) ON DELETE RESTRICT,
    callback_on TEXT,
    would_return TEXT NOT NULL DEFAULT '',
    offer TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL,
    CHECK (outcome <> 'callback' OR callback_on IS NOT NULL)
);
CREATE INDEX contacts_client ON contacts(client_id, at);

CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL,
    opened_on TEXT NOT NULL,
    text TEXT NOT NULL CHECK (trim(text) <> ''),
    resolution TEXT NOT NULL DEFAULT '',
    resolved_on TEXT
);
CREATE INDEX complaints_client ON complaints(client_id);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (trim(title) <> ''),
    sessions_total INTEGER NOT NULL CHECK (sessions_total > 0),
    sessions_used INTEGER NOT NULL DEFAULT 0
        CHECK (sessions_used >= 0 AND sessions_used <= sessions_total),
    valid_until TEXT,
    bought_by_id INTEGER REFERENCES clients(id) ON DELETE SET NULL
);
CREATE INDEX courses_client ON courses(client_id);
"""


def up(database) -> None:
    run_script(database, SCHEMA)
    database.execute_sql(
        "INSERT INTO settings (key, value) VALUES ('default_region', 'RU'), ('currency', 'RUB')"
    )
    for code, name, name_ru in REASONS:
        database.execute_sql(
            "INSERT INTO reasons (code, name, name_ru, builtin) VALUES (?, ?, ?, 1)",
            (code, name, name_ru),
        )
