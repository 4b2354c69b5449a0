"""Export: what import reads back unchanged, a phone's vCards, and the whole book as JSON."""
from __future__ import annotations

import io
import json
from datetime import date, datetime, time

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from clientbook.services.exporter import JSON_TABLES, export
from clientbook.services.importer import import_file
from tests.conftest import dump

TODAY = date(2026, 11, 22)
KINDS = ("clients", "visits", "contacts")


@pytest.fixture(scope="module")
def demo_book(new_book_path):
    path = new_book_path("demo.db")
    database = open_book(path)
    generate_demo(database, clients=120, seed=7, today=TODAY)
    # a client with no studio id, every field filled, and text a spreadsheet may choke on
    database.execute_sql(
        "INSERT INTO clients (first_name, last_name, patronymic, address_as, phone, phone_alt, "
        "email, birth_day, birth_month, alerts, notes, do_not_contact, source, "
        "interval_override_days, created_at, updated_at) VALUES ('Анна', 'Без-Номера', 'Ивановна', "
        "'Анечка', '+79160000001', '+74950000002', 'anna@x.ru', 29, 2, 'Аллергия, латекс', "
        "'строка 1\nстрока \"2\"; ещё', 1, 'Instagram', 28, '2026-01-01', '2026-01-01')")
    yield database
    database.close()


def exported(database, fmt="csv", kind="clients") -> str:
    out = io.StringIO()
    export(database, out, fmt, kind)
    return out.getvalue()


def test_csv_export_then_import_loses_nothing(demo_book, tmp_path, new_book_path):
    files = {kind: tmp_path / f"{kind}.csv" for kind in KINDS}
    for kind, path in files.items():
        path.write_bytes(exported(demo_book, kind=kind).encode("utf-8"))
    fresh = open_book(new_book_path("fresh.db"))
    for kind in KINDS:
        import_file(fresh, files[kind], today=TODAY)
    for kind in KINDS:
        assert exported(fresh, kind=kind) == files[kind].read_bytes().decode("utf-8"), kind
    counts = "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM visits), (SELECT count(*) FROM contacts)"
    active = ("SELECT (SELECT count(*) FROM clients WHERE archived_at IS NULL), "
              "(SELECT count(*) FROM visits v JOIN clients c ON c.id = v.client_id WHERE c.archived_at IS NULL), "
              "(SELECT count(*) FROM contacts k JOIN clients c ON c.id = k.client_id WHERE c.archived_at IS NULL)")
    assert fresh.execute_sql(counts).fetchone() == demo_book.execute_sql(active).fetchone()
    fresh.close()


def test_importing_its_own_export_again_changes_nothing(demo_book, tmp_path):
    before = dump(demo_book)
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(exported(demo_book, kind=kind).encode("utf-8"))
        summary = import_file(demo_book, path, today=TODAY)
        assert (summary.added, summary.updated, summary.suspects) == (0, 0, []), kind
    assert dump(demo_book) == before


def test_vcards_round_trip(demo_book, tmp_path, new_book_path):
    path = tmp_path / "phone.vcf"
    path.write_text(exported(demo_book, "vcard"), encoding="utf-8")
    fresh = open_book(new_book_path("fresh.db"))
    summary = import_file(fresh, path, today=TODAY)
    query = ("SELECT last_name, first_name, patronymic, phone, phone_alt, email, birth_day, "
             "birth_month, birth_year, notes FROM clients WHERE archived_at IS NULL ORDER BY 1, 2, 4")
    assert summary.added == len(demo_book.execute_sql(query).fetchall())
    assert fresh.execute_sql(query).fetchall() == demo_book.execute_sql(query).fetchall()
    again = import_file(demo_book, path, today=TODAY)
    assert (again.added, again.updated) == (0, 0)
    fresh.close()


def test_json_holds_every_table(demo_book):
    data = json.loads(exported(demo_book, "json"))
    assert (data["format"], data["format_version"]) == ("clientbook", 1)
    assert list(data["tables"]) == list(JSON_TABLES)
    for table in JSON_TABLES:
        assert len(data["tables"][table]) == demo_book.execute_sql(
            f"SELECT count(*) FROM {table}").fetchone()[0], table
    anna = next(c for c in data["tables"]["clients"] if c["last_name"] == "Без-Номера")
    assert (anna["notes"], anna["birth_day"], anna["external_id"]) == ('строка 1\nстрока "2"; ещё', 29, None)


def test_cli_export_to_a_private_file(demo_book, tmp_path):
    path = demo_book.database
    out = tmp_path / "clients.csv"
    result = CliRunner().invoke(cli, ["export", "--db", path, "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 121 rows to" in result.output
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert out.read_text(encoding="utf-8").startswith("client_id,last_name,first_name,patronymic")
    screen = CliRunner().invoke(cli, ["export", "--db", path, "--format", "vcard"])
    assert screen.output.count("BEGIN:VCARD") == 121
    nowhere = CliRunner().invoke(cli, ["export", "--db", path, "--output", str(tmp_path / "no" / "x.csv")])
    assert nowhere.exit_code == 1 and "cannot be written" in nowhere.output
    assert not (tmp_path / "no").exists()


def test_a_book_from_another_books_export_exports_without_collisions(tmp_path, new_book_path):
    first = open_book(new_book_path("first.db"))
    from clientbook.services.clients import NewClient, add_client
    from clientbook.services.contacts import Outcome, log_call
    from clientbook.services.visits import NewVisit, add_visit

    anna = add_client(first, NewClient("Анна", "Иванова"))
    add_visit(first, anna, NewVisit(datetime(2026, 10, 1, 11), ("Педикюр", "Маникюр"), price_cents=300000),
              {"Педикюр": "feet", "Маникюр": "nails"}, today=TODAY)
    log_call(first, anna, Outcome("booked", on=datetime(2026, 12, 5, 11)),
             datetime.combine(TODAY, time(12)))  # a booking, no service
    (tmp_path / "a.csv").write_bytes(exported(first, kind="clients").encode())
    (tmp_path / "a-visits.csv").write_bytes(exported(first, kind="visits").encode())
    assert "Маникюр;Педикюр,nails;feet" in exported(first, kind="visits")  # services in name order
    second = open_book(new_book_path("second.db"))
    add_client(second, NewClient("Ольга", "Ким"))  # the second book's own client number 1
    for name in ("a.csv", "a-visits.csv"):
        import_file(second, tmp_path / name, today=TODAY)
    clients = exported(second, kind="clients")
    assert [line.split(",")[0] for line in clients.splitlines()[1:]] == ["##1", "#1"]
    (tmp_path / "b.csv").write_bytes(clients.encode())
    (tmp_path / "b-visits.csv").write_bytes(exported(second, kind="visits").encode())
    third = open_book(new_book_path("third.db"))
    for name in ("b.csv", "b-visits.csv"):
        import_file(third, tmp_path / name, today=TODAY)
    assert exported(third, kind="visits") == exported(second, kind="visits")
    assert third.execute_sql("SELECT count(*) FROM visits WHERE status = 'planned'").fetchone()[0] == 1
    for database in (first, second, third):
        database.close()


@pytest.mark.sqlite_only("the book is a file here, which export must not write over and a dry run must not make")
def test_export_will_not_write_over_the_book_and_a_dry_run_makes_no_book(demo_book, tmp_path):
    path = demo_book.database
    over = CliRunner().invoke(cli, ["export", "--db", path, "--output", path])
    assert over.exit_code == 1 and "is the book itself; export to another file." in over.output
    assert demo_book.execute_sql("SELECT count(*) FROM clients").fetchone()[0] == 121
    sheet = tmp_path / "c.csv"
    sheet.write_text("ФИО\nАнна\n", encoding="utf-8")
    missing = tmp_path / "nowhere.db"
    dry = CliRunner().invoke(cli, ["import", str(sheet), "--dry-run", "--db", str(missing)])
    assert dry.exit_code == 1 and f"There is no book at {missing}." in dry.output
    assert not missing.exists()
