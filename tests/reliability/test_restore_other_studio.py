"""Restoring another studio's book over this one's clients says so and asks first.

Every book has an identity (settings `book_id`, schema level 6) that its backups carry. The
installed `clientbook restore` runs with a terminal (a pty) where a person would answer, and
without one (stdin from /dev/null), as in a script or CI."""
from __future__ import annotations

import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clientbook.services.backups import back_up
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.settings import set_setting

CLIENTBOOK = Path(sys.executable).parent / "clientbook"


def make_book(path: Path, studio: str, *names: str) -> Path:
    book = open_book(path)
    set_setting(book, "studio_name", studio)
    for name in names:
        add_client(book, NewClient(name, "Клиентова"))
    book.close()
    return path


def book_id(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM settings WHERE key = 'book_id'").fetchone()
        return row and row[0]
    finally:
        con.close()


def names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT first_name FROM clients ORDER BY id")]
    finally:
        con.close()


def made_before_level_6(copy: Path) -> Path:
    """The copy as a clientbook before book identities left it: no book_id, level 5."""
    con = sqlite3.connect(copy)
    con.execute("DELETE FROM settings WHERE key = 'book_id'")
    con.execute("ALTER TABLE clients DROP COLUMN gender")  # level 7's
    for table in ("client_outlook", "return_model", "outlook_stale",  # level 8's
                  "client_days", "client_spells", "client_master_days"):  # level 9's
        con.execute(f"DROP TABLE {table}")
    # level 10's columns of complaints (a foreign key's column cannot be dropped: the table
    # is made again as level 1 made it)
    con.executescript("""
        CREATE TABLE complaints_before (
            id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL, opened_on TEXT NOT NULL,
            text TEXT NOT NULL CHECK (trim(text) <> ''), resolution TEXT NOT NULL DEFAULT '', resolved_on TEXT);
        INSERT INTO complaints_before SELECT id, client_id, visit_id, opened_on, text, resolution, resolved_on
            FROM complaints;
        DROP TABLE complaints;
        ALTER TABLE complaints_before RENAME TO complaints;
        CREATE INDEX complaints_client ON complaints(client_id);
    """)
    # level 11's: the courses as level 1 made them, the balance a column again, no movements or cases
    con.executescript("""
        DROP TABLE course_sessions; DROP TABLE bonus_movements; DROP TABLE winback_cases;
        CREATE TABLE courses_before (
            id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            title TEXT NOT NULL CHECK (trim(title) <> ''), sessions_total INTEGER NOT NULL CHECK (sessions_total > 0),
            sessions_used INTEGER NOT NULL DEFAULT 0
                CHECK (sessions_used >= 0 AND sessions_used <= sessions_total),
            valid_until TEXT, bought_by_id INTEGER REFERENCES clients(id) ON DELETE SET NULL);
        INSERT INTO courses_before SELECT id, client_id, title, sessions_total, sessions_used, valid_until,
            bought_by_id FROM courses;
        DROP TABLE courses;
        ALTER TABLE courses_before RENAME TO courses;
        CREATE INDEX courses_client ON courses(client_id);
        ALTER TABLE clients DROP COLUMN pushes_for_discounts;
        ALTER TABLE clients ADD COLUMN bonus_balance INTEGER NOT NULL DEFAULT 0;
    """)
    from db.writers import SIGNED_TABLES  # level 12's: who wrote each row

    for table in SIGNED_TABLES:
        if table not in ("courses", "complaints", "bonus_movements", "winback_cases"):  # made again or gone above
            con.execute(f"ALTER TABLE {table} DROP COLUMN written_desk")
            con.execute(f"ALTER TABLE {table} DROP COLUMN written_user")
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()
    return copy


@pytest.fixture
def ours(tmp_path) -> Path:
    return make_book(tmp_path / "ours" / "studio.db", "Бархат", "Анна", "Вера")


@pytest.fixture
def theirs(tmp_path) -> Path:
    """A backup of another studio's book (a file brought on a USB stick)."""
    book = make_book(tmp_path / "theirs" / "studio.db", "Локон", "Ольга")
    return back_up(book, tmp_path / "usb-lokon.db")


def on_terminal(*args, answer: str = "n") -> tuple[int, str, bool]:
    """Run clientbook with a terminal for its input and output; when it asks, `answer` is
    typed. Returns the exit code, what it printed, and whether it asked."""
    main, secondary = pty.openpty()
    child = subprocess.Popen([str(CLIENTBOOK), *map(str, args), "--lang", "en"],
                             stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True)
    os.close(secondary)
    said, asked = b"", False
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        said += chunk
        if not asked and b"[y/N]" in said:
            asked = True
            os.write(main, answer.encode() + b"\n")
    os.close(main)
    return child.wait(), said.decode().replace("\r\n", "\n"), asked


def without_terminal(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLIENTBOOK), *map(str, args), "--lang", "en"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)


def test_every_book_has_an_identity_and_its_backups_carry_it(ours, tmp_path):
    assert re.fullmatch(r"[0-9a-f]{32}", book_id(ours))
    assert book_id(back_up(ours, tmp_path / "copy.db")) == book_id(ours)
    assert book_id(make_book(tmp_path / "other.db", "Бархат")) != book_id(ours)


def test_the_identity_is_no_setting_to_list_or_change(ours):
    listed = without_terminal("settings", "--db", ours)
    assert listed.returncode == 0 and "book_id" not in listed.stdout
    before = book_id(ours)
    changed = without_terminal("settings", "book_id", "0" * 32, "--db", ours)
    assert changed.returncode == 1 and "is not a setting" in changed.stderr
    assert book_id(ours) == before


def test_another_studios_book_is_asked_about_and_no_leaves_the_book_as_it_was(ours, theirs):
    before = ours.read_bytes()
    code, said, asked = on_terminal("restore", theirs, "--db", ours, answer="n")
    assert asked, said
    assert (f"{theirs} is another studio's book (Локон, 1 client); restoring it would replace "
            f"the book {ours} (Бархат, 2 clients).") in said
    assert "Replace it? [y/N]" in said
    assert code == 1 and f"The book {ours} was not changed." in said
    assert ours.read_bytes() == before and names(ours) == ["Анна", "Вера"]
    assert not list((ours.parent / "backups").glob("*before-restore*"))


def test_answered_yes_it_is_restored(ours, theirs):
    code, said, asked = on_terminal("restore", theirs, "--db", ours, answer="y")
    assert asked and code == 0, said
    assert names(ours) == ["Ольга"]
    assert book_id(ours) == book_id(theirs)  # it is that studio's book now


def test_yes_restores_without_a_question(ours, theirs):
    code, said, asked = on_terminal("restore", theirs, "--db", ours, "--yes")
    assert not asked and code == 0, said
    assert names(ours) == ["Ольга"]


def test_without_a_terminal_it_is_refused_with_a_sentence_that_says_to_add_yes(ours, theirs):
    before = ours.read_bytes()
    refused = without_terminal("restore", theirs, "--db", ours)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"Error: {theirs} is another studio's book (Локон, 1 client); restoring it would "
        f"replace the book {ours} (Бархат, 2 clients). Nothing was changed; to replace it all "
        "the same, add --yes.")
    assert ours.read_bytes() == before
    assert without_terminal("restore", theirs, "--db", ours, "--yes").returncode == 0
    assert names(ours) == ["Ольга"]


def test_a_copy_of_the_same_book_asks_nothing(ours, tmp_path):
    copy = back_up(ours, tmp_path / "monday.db")
    make_book(tmp_path / "elsewhere.db", "Локон")  # a copy is known by its identity, not its folder
    code, said, asked = on_terminal("restore", copy, "--db", ours)
    assert not asked and code == 0, said
    # Another day: the copy kept of the book replaced is named by the second.
    assert without_terminal("restore", copy, "--db", ours, "--today", "2026-12-01").returncode == 0


def test_an_empty_or_new_book_asks_nothing(theirs, tmp_path):
    empty = make_book(tmp_path / "laptop" / "studio.db", "")  # opened once, no clients yet
    code, said, asked = on_terminal("restore", theirs, "--db", empty)
    assert not asked and code == 0, said
    assert names(empty) == ["Ольга"]
    new = tmp_path / "new-laptop" / "studio.db"  # no book at all yet
    code, said, asked = on_terminal("restore", theirs, "--db", new)
    assert not asked and code == 0, said
    assert names(new) == ["Ольга"] and book_id(new) == book_id(theirs)


def test_a_copy_made_before_identities_is_judged_by_the_studio_name(ours, theirs, tmp_path):
    own = made_before_level_6(back_up(ours, tmp_path / "own-level5.db"))
    identity = book_id(ours)
    code, said, asked = on_terminal("restore", own, "--db", ours)
    assert not asked and code == 0, said
    assert book_id(ours) == identity  # still this book: its later copies ask nothing either
    other = made_before_level_6(shutil.copy(theirs, tmp_path / "lokon-level5.db"))
    refused = without_terminal("restore", other, "--db", ours)
    assert refused.returncode == 1 and "is another studio's book (Локон, 1 client)" in refused.stderr
