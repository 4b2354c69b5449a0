"""Level 2: the search index.

`client_search` holds each client's normalised text in its own columns (the normalising
itself lives in clientbook.domain.text; db only stores it). `client_fts` is a trigram
FTS5 index over it for fragments of three characters or more; `client_words` serves
one- and two-character prefixes, which trigram MATCH cannot. Triggers keep the FTS
index in step with `client_search`, so no writer has to remember it.
"""

from db.migrations.script import run_script

SCHEMA = """
CREATE TABLE client_search (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    name_key TEXT NOT NULL,
    doc TEXT NOT NULL,
    phones TEXT NOT NULL
);
CREATE INDEX client_search_name ON client_search(name_key);

CREATE TABLE client_words (
    word TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    PRIMARY KEY (word, client_id)
) WITHOUT ROWID;
CREATE INDEX client_words_client ON client_words(client_id);

CREATE VIRTUAL TABLE client_fts USING fts5(
    doc, phones, tokenize = 'trigram', content = 'client_search', content_rowid = 'client_id'
);

CREATE TRIGGER client_search_insert AFTER INSERT ON client_search BEGIN
    INSERT INTO client_fts (rowid, doc, phones) VALUES (new.client_id, new.doc, new.phones);
END;

CREATE TRIGGER client_search_delete AFTER DELETE ON client_search BEGIN
    INSERT INTO client_fts (client_fts, rowid, doc, phones)
        VALUES ('delete', old.client_id, old.doc, old.phones);
END;

CREATE TRIGGER client_search_update AFTER UPDATE ON client_search BEGIN
    INSERT INTO client_fts (client_fts, rowid, doc, phones)
        VALUES ('delete', old.client_id, old.doc, old.phones);
    INSERT INTO client_fts (rowid, doc, phones) VALUES (new.client_id, new.doc, new.phones);
END;
"""

# On a PostgreSQL server: the same tables, and trigram indexes (pg_trgm) on the normalised
# text in place of FTS5, which serve LIKE '%fragment%' (db/search.py). The keys compare as
# SQLite compares text, code point by code point (COLLATE "C"), whatever the database's
# own collation: results keep SQLite's order, and a prefix's range is the same range.
SCHEMA_POSTGRESQL = """
CREATE TABLE client_search (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    name_key TEXT COLLATE "C" NOT NULL,
    doc TEXT NOT NULL,
    phones TEXT NOT NULL
);
CREATE INDEX client_search_name ON client_search(name_key, client_id);
CREATE INDEX client_search_doc ON client_search USING gin (doc gin_trgm_ops);
CREATE INDEX client_search_phones ON client_search USING gin (phones gin_trgm_ops);

CREATE TABLE client_words (
    word TEXT COLLATE "C" NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    PRIMARY KEY (word, client_id)
);
CREATE INDEX client_words_client ON client_words(client_id);
"""

# Derived data the caller must rebuild after this step (see db.migrations.upgrade).
REBUILDS = {"search"}


def up(database) -> None:
    run_script(database, SCHEMA)


def up_postgresql(database) -> None:
    run_script(database, SCHEMA_POSTGRESQL)
