"""A full disk, a read-only folder: a sentence, never a traceback; reading goes on.

Each test puts the book on a small tmpfs of its own (tests/reliability/disks.py), fills it
to the last byte or makes it read-only, and tries what a studio would: look a client up
(her allergies must still show), then write, which must say why it cannot and change
nothing.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import datetime

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from tests.reliability.disks import fill, make_read_only, small_disk
from tests.ui.pilot import TODAY, make_app, shows, until

FULL = ("The disk holding the book {book} is full: the book can be read, but nothing can be saved. "
        "Free some space and try again; nothing was changed.")
READ_ONLY = ("The book {book} is in a folder or on a disk that cannot be written: it can be read, but "
             "nothing can be saved; nothing was changed.")


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk") as folder:
        yield folder


@pytest.fixture
def studio(disk):
    """Анна, with her allergy and a visit, on the small disk; the book closed as after a day."""
    path = disk / "studio.db"
    book = open_book(path)
    anna = add_client(book, NewClient("Анна", "Ёлкина", phone="8 916 123-45-67", alerts="Аллергия на латекс"))
    add_visit(book, anna, NewVisit(datetime(2026, 11, 1, 11), ("Маникюр",), master="Ольга", price_cents=200000),
              {"Маникюр": "nails"}, today=TODAY)
    book.close()
    return path


def run(*args: str):
    return CliRunner().invoke(cli, [*args, "--today", TODAY.isoformat()])


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_reading_works(book) -> None:
    shown = run("show", "1", "--db", str(book))
    assert shown.exit_code == 0, shown.output
    assert "Аллергия на латекс" in shown.output
    for command in (["calls"], ["stats"], ["export"], ["search", "Анна"]):
        done = run(*command, "--db", str(book))
        assert done.exit_code == 0, (command, done.output)
        assert "Traceback" not in done.output
    checked = run("check", "--db", str(book))
    assert checked.exit_code == 0 and "is sound" in checked.output, checked.output


def assert_writes_refused(book, sentence: str, tmp_path) -> None:
    before = digest(book)
    sheet = tmp_path / "clients.csv"
    sheet.write_text("last_name,first_name\n" + "".join(f"Фамилия{n},Имя{n}\n" for n in range(300)),
                     encoding="utf-8")
    for command in (["add", "Вера", "--phone", "8 903 000-11-22"], ["import", str(sheet)],
                    ["log-call", "1", "--outcome", "no_answer"]):
        done = run(*command, "--db", str(book))
        assert done.exit_code == 1, (command, done.output)
        assert done.output == f"Error: {sentence.format(book=book)}\n", command
    assert digest(book) == before


def test_a_full_disk_still_reads_and_refuses_writes_in_a_sentence(studio, disk, tmp_path):
    fill(disk)
    assert_reading_works(studio)
    assert_writes_refused(studio, FULL, tmp_path)
    backup = run("backup", "--db", str(studio))
    assert backup.exit_code == 1 and "Traceback" not in backup.output
    assert "cannot be written: there is no room on its disk, or the folder cannot be written" in backup.output
    assert not [p for p in disk.rglob("*") if p.name.endswith((".partial", ".db")) and p != studio]
    (disk / "filler").unlink()
    book = open_book(studio)  # with room again, the book is whole and as it was
    assert book.execute_sql("SELECT count(*), min(first_name) FROM clients").fetchone() == (1, "Анна")
    assert book.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    book.close()


def test_a_disk_filling_up_under_an_open_book_says_so_and_keeps_it_whole(studio, disk, tmp_path):
    """Another window keeps the book open (its -wal and -shm in place) while the disk fills:
    an import fails part-way, in one sentence (not "cannot rollback"), leaving nothing."""
    window = open_book(studio)
    window.execute_sql("SELECT count(*) FROM clients").fetchone()
    fill(disk)
    sheet = tmp_path / "clients.csv"
    sheet.write_text("last_name,first_name,notes\n" + "".join(
        f"Фамилия{n},Имя{n},{'заметка ' * 40}\n" for n in range(20000)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "clientbook", "--db", str(studio), "--today", TODAY.isoformat(),
                           "import", str(sheet)], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[-1] == f"Error: {FULL.format(book=studio)}"  # after: no daily backup
    assert "Traceback" not in done.stderr and "rollback" not in done.stderr
    assert "Аллергия на латекс" in run("show", "1", "--db", str(studio)).output
    (disk / "filler").unlink()
    assert window.execute_sql("SELECT count(*) FROM clients").fetchone() == (1,)
    assert window.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    window.close()


def test_a_new_book_on_a_full_disk_is_a_sentence(disk):
    fill(disk)
    book = disk / "new" / "studio.db"
    done = run("add", "Вера", "--db", str(book))
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert done.output.startswith(f"Error: The disk holding the book {book} is full")


def test_a_read_only_folder_reads_checks_sound_and_refuses_writes(studio, disk, tmp_path):
    make_read_only(disk)
    assert_reading_works(studio)  # `check` calls it sound, not damaged
    assert_writes_refused(studio, READ_ONLY, tmp_path)


async def test_the_window_on_a_full_disk_shows_the_card_and_says_why_it_cannot_save(studio, disk):
    fill(disk)
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        messages = lambda: [n.message for n in app._notifications]  # noqa: E731
        await until(pilot, lambda: FULL.format(book=studio) in messages(), show=messages)
        from clientbook.tui.screens.card import CardScreen

        app.push_screen(CardScreen(1))
        await shows(pilot, "#overview", "⚠ Аллергия на латекс")
        app.clear_notifications()
        await pilot.press("p")
        await until(pilot, lambda: app.screen.query("#answer"), what="the question")
        await pilot.press(*"кофе без сахара", "enter")
        await until(pilot, lambda: FULL.format(book=studio) in messages(), show=messages)
        assert app.is_running and isinstance(app.screen, CardScreen)
