"""The JSON export holds every table a studio writes, and `clientbook import FILE.json` loads it
into an empty book (a new laptop) with every id kept; backup and restore keep the same rows."""
from __future__ import annotations

import io
import json
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.errors import UserError
from clientbook.main import program
from clientbook.services.bonuses import add_movement, balance
from clientbook.services.book import open_book
from clientbook.services.cases import case, close_case, open_case, work_case
from clientbook.services.catalog import add_master, add_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.complaints import close_complaint, open_complaint
from clientbook.services.contacts import Outcome, record_contact
from clientbook.services.courses import add_course, courses
from clientbook.services.exporter import JSON_TABLES, export
from clientbook.services.import_json import _Reader
from clientbook.services.importer import describe, import_file
from clientbook.services.search import search
from db.migrations import LATEST
from tests.conftest import dump
from tests.unit.cli_book import read

TODAY = date(2026, 11, 22)
FIXTURE = Path(__file__).parent.parent / "fixtures" / "book_level1.db"
# Kept for speed and rebuilt from the facts (services.derived: the search index, the
# figures with each client's lives, the return model): never exported, never imported.
DERIVED_TABLES = {"client_search", "client_words", "client_figures", "client_tracks", "client_outlook",
                  "client_days", "client_spells", "client_master_days", "outlook_stale", "return_model"}
NEW_AT_LEVEL_11 = {"course_sessions", "bonus_movements", "winback_cases"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj=program())


def book_tables(database) -> set[str]:
    return set(dump(database))  # every table, SQLite's own and a server's own aside


def exported(database) -> dict:
    out = io.StringIO()
    export(database, out, "json")
    return json.loads(out.getvalue())


def without_identity(data: dict) -> dict:
    """The export's tables, the moment it was written and the book's own id aside."""
    tables = dict(data["tables"])
    tables["settings"] = [row for row in tables["settings"] if row["key"] != "book_id"]
    return tables


def studio_rows(database) -> dict[str, list[tuple]]:
    return {table: rows for table, rows in dump(database).items() if table in JSON_TABLES}


def book_id(path: Path) -> str:
    return read(path, "SELECT value FROM settings WHERE key = 'book_id'")[0][0]


@pytest.fixture
def studio(new_book_path):
    """A book with a client of every kind of row: visits, a complaint closed, a course whose
    service a done visit used, bonus movements, a win-back case worked and won, calls."""
    path = new_book_path("studio.db")
    database = open_book(path)
    add_master(database, "Ольга")
    add_service(database, "Маникюр", "Ногти", 150000)
    anna = add_client(database, NewClient("Анна", "Иванова", phone="+7 916 123-45-67", tags=("vip",),
                                          alerts="аллергия на латекс"))
    maria = add_client(database, NewClient("Мария", "Петрова", phone="+7 916 765-43-21"))
    add_course(database, anna, 5, date(2026, 10, 1), service="Маникюр", gift_from="мама")
    visit = add_visit(database, anna, datetime(2026, 10, 2, 11))
    add_visit(database, maria, datetime(2026, 5, 4, 15))
    complaint = open_complaint(database, anna, "Скол через день", "quality", date(2026, 10, 3), visit_id=visit)
    close_complaint(database, complaint, date(2026, 10, 5), resolution="Переделали", justified=True,
                    compensation="redo")
    open_complaint(database, maria, "Долго ждала", "staff", date(2026, 10, 6))
    add_movement(database, anna, "earned", 150, date(2026, 10, 2), "за визит")
    add_movement(database, anna, "spent", 50, date(2026, 10, 20))
    number, _new = open_case(database, maria, date(2026, 11, 1))
    work_case(database, case(database, number), date(2026, 11, 1), reason="price", offer="скидка 10%",
              note="звонила")
    close_case(database, number, "won", date(2026, 11, 10))
    record_contact(database, maria, datetime(2026, 11, 1, 12), Outcome("declined", reason="price"))
    database.close()
    return path


@pytest.fixture
def laptop(new_book_path) -> Path:
    """A new, empty book (the studio's is another)."""
    path = new_book_path("laptop.db")
    open_book(path).close()
    return path


def add_visit(database, client_id: int, starts_at: datetime) -> int:
    from clientbook.services.visits import NewVisit
    from clientbook.services.visits import add_visit as add

    return add(database, client_id, NewVisit(starts_at, ("Маникюр",), master="Ольга"), today=TODAY)


def write_export(path: Path, folder: Path, name: str = "studio.json") -> Path:
    database = open_book(path)
    out = folder / name
    out.write_text(json.dumps(exported(database), ensure_ascii=False), encoding="utf-8")
    database.close()
    return out


# --- what JSON holds ------------------------------------------------------------------------

def test_json_holds_every_table_a_studio_writes_and_nothing_rebuilt(book):
    """A table added to the schema is either the studio's (exported and imported) or rebuilt
    from those: this fails until it is named one or the other."""
    tables = book_tables(book)
    rebuilt = {t for t in tables if t in DERIVED_TABLES or t.startswith("client_fts")}
    assert tables >= DERIVED_TABLES, "a derived table named here is gone from the schema"
    assert set(JSON_TABLES) == tables - rebuilt
    assert len(JSON_TABLES) == len(set(JSON_TABLES))


@pytest.mark.sqlite_only("reads the keys with SQLite's PRAGMA foreign_key_list; the schema is the same on a server")
def test_each_table_comes_after_the_tables_it_refers_to(book):
    for place, table in enumerate(JSON_TABLES):
        for reference in book.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall():
            parent = reference[2]
            assert parent == table or JSON_TABLES.index(parent) < place, (table, parent)


# --- export, import, export -----------------------------------------------------------------

def test_export_import_export_gives_every_table_back(studio, tmp_path, new_book_path):
    source = exported(open_book(studio))
    assert {t: len(source["tables"][t]) for t in NEW_AT_LEVEL_11 | {"complaints", "courses"}} == {
        "course_sessions": 1, "bonus_movements": 2, "winback_cases": 1, "complaints": 2, "courses": 1}
    file = write_export(studio, tmp_path)
    laptop = new_book_path("laptop.db")
    open_book(laptop).close()
    own_id = book_id(laptop)
    result = run("import", file, "--db", laptop, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "Imported studio.json (a whole book, as clientbook exports it): clients: 2, visits: 2, calls: 1, "
        "complaints: 2, courses: 1, bonus movements: 2, win-back cases: 1. The search index and the "
        "figures were rebuilt.")
    database = open_book(laptop)
    again = exported(database)
    assert without_identity(again) == without_identity(source)
    assert set(again["tables"]) == set(JSON_TABLES)
    assert book_id(laptop) == own_id != book_id(studio)  # the new book stays itself
    # the derived data is rebuilt: she is found, her figures and balance are there
    assert [hit.name for hit in search(database, "иван")] == ["Иванова Анна"]
    assert database.execute_sql("SELECT count(*) FROM client_figures").fetchone()[0] == 2
    assert balance(database, 1) == 100
    assert courses(database, 1)[0].sessions_used == 1
    database.close()


def test_a_new_book_made_by_the_import_itself(studio, tmp_path, new_book_path):
    """`--db` naming a book not there yet: the import makes it, as every command does."""
    file = write_export(studio, tmp_path)
    new = new_book_path("new.db")
    result = run("import", file, "--db", new, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert studio_rows(open_book(new)) == studio_rows(open_book(studio))


def test_the_file_is_read_a_piece_at_a_time(studio, tmp_path, monkeypatch, new_book_path):
    """Read in chunks of 7 characters, values cut anywhere (numbers too) land whole."""
    file = write_export(studio, tmp_path)
    monkeypatch.setattr(_Reader, "CHUNK", 7)
    laptop = open_book(new_book_path("laptop.db"))
    import_file(laptop, file, today=TODAY)
    assert studio_rows(laptop) == studio_rows(open_book(studio))


def test_a_dry_run_says_what_it_would_load_and_writes_nothing(studio, tmp_path, new_book_path):
    file = write_export(studio, tmp_path)
    laptop = new_book_path("laptop.db")
    database = open_book(laptop)
    before = dump(database)
    database.close()
    result = run("import", file, "--dry-run", "--db", laptop, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "Dry run of studio.json (a whole book, as clientbook exports it): would load clients: 2, "
        "visits: 2, calls: 1, complaints: 2, courses: 1, bonus movements: 2, win-back cases: 1; "
        "nothing was written.")
    assert dump(open_book(laptop)) == before


def test_the_terminal_interface_imports_a_json_export_the_same_way(studio, tmp_path, new_book_path):
    """The import dialog calls import_file and describe, as here."""
    file = write_export(studio, tmp_path)
    laptop = open_book(new_book_path("laptop.db"))
    lines = describe(import_file(laptop, file, today=TODAY, dry_run=True))
    assert lines[0].startswith("Dry run of studio.json (a whole book")
    assert describe(import_file(laptop, file, today=TODAY))[0].startswith("Imported studio.json")


# --- refusals: one sentence, exit 1, nothing written ----------------------------------------

def refused(file: Path, book: Path, *more) -> str:
    database = open_book(book)
    before = dump(database)
    database.close()
    result = run("import", file, *more, "--db", book, "--today", TODAY)
    assert result.exit_code == 1, result.output
    said = result.output.strip()
    assert "\n" not in said and "Traceback" not in said, said
    database = open_book(book)
    assert dump(database) == before
    database.close()
    return said.removeprefix("Error: ")


def test_a_book_that_holds_clients_is_refused(studio, tmp_path):
    file = write_export(studio, tmp_path)
    assert refused(file, studio) == (
        f"The book {studio} already holds a studio's clients or lists, so nothing was imported: load a "
        "JSON export into a new book (name it with --db), or import CSV files to add their clients, "
        "visits and calls to this one.")
    assert "already holds" in refused(file, studio, "--dry-run")


def test_a_book_with_only_a_price_list_is_not_empty(studio, tmp_path, laptop):
    file = write_export(studio, tmp_path)
    database = open_book(laptop)
    add_service(database, "Педикюр", "Ногти")
    database.close()
    assert "already holds" in refused(file, laptop)


NOT_AN_EXPORT = ("{file} is not a clientbook JSON export (one written by clientbook export --format json); "
                 "nothing was imported.")


@pytest.mark.parametrize("name, text", [
    ("a JSON list", "[1, 2, 3]"),
    ("another program's JSON", '{"format": "salon", "format_version": 1, "schema_level": 1, "tables": {}}'),
    ("no tables", '{"format": "clientbook", "format_version": 1, "schema_level": 11}'),
    ("no format version", '{"format": "clientbook", "schema_level": 11, "tables": {}}'),
    ("a level in words", '{"format": "clientbook", "format_version": 1, "schema_level": "11", "tables": {}}'),
    ("cut short", '{"format": "clientbook", "format_version": 1, "schema_level": 11, "tables": {"clients": ['
                  '{"id": 1, "first_name": "Анна"'),
    ("rows not objects", '{"format": "clientbook", "format_version": 1, "schema_level": 11, '
                         '"tables": {"clients": [[1, "Анна"]]}}'),
    ("something after it", '{"format": "clientbook", "format_version": 1, "schema_level": 11, "tables": {}} x'),
    ("not JSON at all", "{client_id,name\n1,Анна\n"),
])
def test_a_file_that_is_not_an_export_is_refused(tmp_path, laptop, name, text):
    file = tmp_path / "file.json"
    file.write_text(text, encoding="utf-8")
    assert refused(file, laptop) == NOT_AN_EXPORT.format(file="file.json")


def test_a_file_in_another_encoding_is_refused(tmp_path, laptop):
    file = tmp_path / "file.json"
    file.write_bytes('{"format": "clientbook", "Анна": 1}'.encode("cp1251"))
    assert refused(file, laptop) == NOT_AN_EXPORT.format(file="file.json")


def edited(studio: Path, tmp_path: Path, change) -> Path:
    data = exported(open_book(studio))
    change(data)
    file = tmp_path / "edited.json"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return file


def test_a_newer_format_or_schema_level_is_refused(studio, tmp_path, laptop):
    newer = edited(studio, tmp_path, lambda data: data.update(format_version=2))
    assert refused(newer, laptop) == (
        "edited.json was written by a newer clientbook (JSON format 2; this one reads 1); update "
        "clientbook to import it.")
    higher = edited(studio, tmp_path, lambda data: data.update(schema_level=LATEST + 1))
    assert refused(higher, laptop) == (
        f"edited.json comes from a book of a newer clientbook (schema level {LATEST + 1}; this one knows "
        f"{LATEST}); update clientbook to import it.")


def test_an_unknown_column_or_table_is_refused(studio, tmp_path, laptop):
    column = edited(studio, tmp_path, lambda data: data["tables"]["visits"][0].update(tip_cents=500))
    assert refused(column, laptop) == (
        "edited.json: a row of visits names the column “tip_cents”, which this book does not know; "
        "nothing was imported.")
    # the balance column is known only from a book older than level 11
    balance_now = edited(studio, tmp_path, lambda data: data["tables"]["clients"][0].update(bonus_balance=5))
    assert "names the column “bonus_balance”" in refused(balance_now, laptop)
    table = edited(studio, tmp_path, lambda data: data["tables"].update(client_figures=[]))
    assert refused(table, laptop) == (
        "edited.json: the table “client_figures” is not one a clientbook export holds; nothing was imported.")


def test_a_row_the_book_refuses_is_named_and_nothing_lands(studio, tmp_path, laptop):
    bad = edited(studio, tmp_path, lambda data: data["tables"]["bonus_movements"][1].update(points=0))
    said = refused(bad, laptop)
    assert said.startswith("edited.json: row 2 of bonus_movements cannot be loaded (CHECK constraint failed")
    assert said.endswith("); nothing was imported.")


def test_a_row_referring_to_a_row_not_in_the_file_is_refused(studio, tmp_path, laptop):
    dangling = edited(studio, tmp_path, lambda data: data["tables"]["visits"][0].update(client_id=99))
    assert refused(dangling, laptop) == (
        "edited.json: a row of visits refers to a row of clients that the file does not hold; "
        "nothing was imported.")


def test_kind_and_sheet_are_for_spreadsheets(studio, tmp_path, laptop):
    file = write_export(studio, tmp_path)
    assert refused(file, laptop, "--kind", "clients") == (
        "studio.json is a JSON export of a whole book: import it without --kind.")
    assert "has no sheet" in refused(file, laptop, "--sheet", "Clients")


def test_a_refusal_in_russian(studio, tmp_path, laptop):
    file = write_export(studio, tmp_path)
    result = run("--lang", "ru", "import", file, "--db", studio, "--today", TODAY)
    assert result.exit_code == 1
    assert "уже есть" in result.output and "--db" in result.output and "CSV" in result.output


# --- an export of an older level --------------------------------------------------------------

def test_an_older_export_loads_as_the_upgrade_would_have_it(tmp_path, new_book_path):
    """The level 1 book as that clientbook exported it, a bonus balance and all: imported here,
    it is the book the upgrade makes of it (the balance an adjusting movement, columns added
    since at their defaults)."""
    old = tmp_path / "old.db"
    shutil.copy(FIXTURE, old)
    con = sqlite3.connect(old)
    con.execute("UPDATE clients SET bonus_balance = 450 WHERE id = 1")
    con.commit()
    tables = {}
    for table in JSON_TABLES:
        if table in NEW_AT_LEVEL_11:
            continue
        cursor = con.execute(f'SELECT * FROM "{table}" ORDER BY 1')
        names = [column[0] for column in cursor.description]
        tables[table] = [dict(zip(names, row)) for row in cursor]
    con.close()
    assert "bonus_balance" in tables["clients"][0] and "closes" not in tables["reasons"][0]
    file = tmp_path / "old.json"
    file.write_text(json.dumps({"format": "clientbook", "format_version": 1, "schema_level": 1,
                                "exported_at": "2025-03-01 10:00:00", "tables": tables}), encoding="utf-8")
    laptop = open_book(new_book_path("laptop.db"))  # on a server too: the file book is where the export came from
    summary = import_file(laptop, file, today=TODAY)
    assert (summary.count("clients"), summary.count("bonus_movements")) == (3, 1)
    upgraded = open_book(old)
    assert studio_rows(laptop) == studio_rows(upgraded)
    assert balance(laptop, 1) == 450


# --- backup and restore -----------------------------------------------------------------------

def test_backup_and_restore_keep_the_new_tables(studio, tmp_path):
    before = studio_rows(open_book(studio))
    assert all(before[table] for table in NEW_AT_LEVEL_11 | {"complaints", "courses"})
    assert run("backup", tmp_path / "monday.db", "--db", studio).exit_code == 0
    database = open_book(studio)
    database.execute_sql("DELETE FROM winback_cases")
    database.execute_sql("DELETE FROM bonus_movements")
    database.execute_sql("DELETE FROM course_sessions")
    database.execute_sql("DELETE FROM complaints")
    database.close()
    result = run("restore", tmp_path / "monday.db", "--db", studio)
    assert result.exit_code == 0, result.output
    assert studio_rows(open_book(studio)) == before


def test_the_refusal_sentences_are_user_errors(tmp_path, laptop):
    """The terminal interface shows them in the dialog, as a bad CSV's (expected_failure)."""
    database = open_book(laptop)
    file = tmp_path / "file.json"
    file.write_text("[]", encoding="utf-8")
    with pytest.raises(UserError):
        import_file(database, file, today=TODAY)
