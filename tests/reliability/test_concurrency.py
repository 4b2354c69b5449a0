"""Two windows on one book: the services the terminal interface uses write visits and
calls while `clientbook import` runs in another process. No write is lost, and nobody is
told the book is locked."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from tests.reliability.checks import assert_sound, figures_agree_with_rebuild

CLIENTBOOK = Path(sys.executable).parent / "clientbook"

# As the terminal interface writes: one visit or one call at a time, each its own transaction.
DESK = """
import sys
from datetime import date, datetime
from datetime import date, datetime, timedelta
from clientbook.services.book import open_book
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.visits import NewVisit, add_visit
database = open_book(sys.argv[1])
writes = int(sys.argv[2])
ids = [row[0] for row in database.execute_sql("SELECT id FROM clients ORDER BY id")]
for n in range(writes):
    client = ids[n % len(ids)]
    if n % 4 == 3:
        log_call(database, client, Outcome("no_answer", note=f"desk-{n}"), datetime(2026, 11, 22, 12))
    else:
        add_visit(database, client, NewVisit(datetime(2026, 2, 1) + timedelta(minutes=n),
                  ("Маникюр",), price_cents=150000, notes=f"desk-{n}"), {"Маникюр": "nails"},
                  today=date(2026, 11, 22))
print("done", flush=True)
"""


def test_the_desk_and_an_import_write_at_once(tmp_path, heavy, new_book_path):
    path = new_book_path()
    database = open_book(path)
    generate_demo(database, clients=200, seed=5, today=date(2026, 11, 22))
    external = [r[0] for r in database.execute_sql("SELECT external_id FROM clients ORDER BY id")]
    database.close()
    rows = 30000 if heavy else 10000
    sheet = tmp_path / "visits.csv"
    sheet.write_text("client_id,date,service,category,price\n" + "".join(
        f"{external[n % len(external)]},{2020 + n % 5}-03-01 {8 + n % 10}:{n % 60:02d},Педикюр,pedicure,2000\n"
        for n in range(rows)), encoding="utf-8")
    writes = 2000 if heavy else 500
    desks = [subprocess.Popen([sys.executable, "-c", DESK, str(path), str(writes)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _n in range(2 if heavy else 1)]
    importer = subprocess.Popen([str(CLIENTBOOK), "import", str(sheet), "--db", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in [*desks, importer]]
    for out, err, code in results:
        assert code == 0, err[-2000:]
        assert "locked" not in (out + err).lower() and "busy" not in (out + err).lower()
        assert "Traceback" not in err
    database = open_book(path)
    try:
        desk = database.execute_sql(
            "SELECT (SELECT count(*) FROM visits WHERE notes LIKE 'desk-%'), "
            "(SELECT count(*) FROM contacts WHERE note LIKE 'desk-%')").fetchone()
        assert desk == (len(desks) * writes * 3 // 4, len(desks) * writes // 4)
        imported = database.execute_sql(
            "SELECT count(*) FROM visits v JOIN visit_services vs ON vs.visit_id = v.id "
            "JOIN services s ON s.id = vs.service_id WHERE s.name = 'Педикюр' "
            "AND v.starts_at < '2025-01-01'").fetchone()[0]
        assert imported == len({(external[n % len(external)], n % 5, n % 10, n % 60)
                                for n in range(rows)})
        assert_sound(database)
        figures_agree_with_rebuild(database)
    finally:
        database.close()


def test_two_imports_of_one_file_at_once_make_no_duplicates(tmp_path, new_book_path):
    """The second import waits for the first's write and then matches against its clients:
    every row is one client, whichever import wrote it."""
    path = new_book_path()
    open_book(path).close()
    sheet = tmp_path / "clients.csv"
    count = 3000
    sheet.write_text("client_id,last_name,first_name,phone\n" + "".join(
        f"C-{n},Фамилия{n},Имя{n},+7 916 {n // 10000:03d}-{n % 10000 // 100:02d}-{n % 100:02d}\n"
        for n in range(count)), encoding="utf-8")
    imports = [subprocess.Popen([str(CLIENTBOOK), "import", str(sheet), "--db", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _n in range(2)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in imports]
    for _out, err, code in results:
        assert code == 0, err[-2000:]
    said = sorted(out.strip().splitlines()[-1] for out, _err, _code in results)
    assert any(f"{count} added, 0 updated, 0 unchanged" in line for line in said), said
    assert any(f"0 added, 0 updated, {count} unchanged" in line for line in said), said
    database = open_book(path)
    try:
        assert database.execute_sql("SELECT count(*), count(DISTINCT external_id) FROM clients").fetchone() == (
            count, count)
        assert_sound(database)
    finally:
        database.close()
