"""A backup killed at any moment leaves the book whole and no half copy under a real name;
the .partial it was writing is cleared away by the next backup, unless someone is copying
into it right now. 10 kills; 40 with --heavy."""
from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from clientbook.services.backups import inspect
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo

CLIENTBOOK = Path(sys.executable).parent / "clientbook"


@pytest.fixture(scope="module")
def big_book(tmp_path_factory):
    """A book whose copy takes a while (about 37 MB: a tenth of a second or more)."""
    path = tmp_path_factory.mktemp("killed") / "studio.db"
    database = open_book(path)
    generate_demo(database, clients=10000, seed=9, today=date(2026, 11, 22))
    database.close()
    return path


def backup(book: Path, day: date) -> subprocess.Popen:
    # Each run on its own --today: the copy's name (by the moment) never meets an earlier one's.
    return subprocess.Popen([str(CLIENTBOOK), "backup", "--db", str(book), "--today", day.isoformat()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def partials(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.partial")) if folder.is_dir() else []


def test_a_backup_killed_at_any_moment_leaves_no_half_copy(big_book, heavy):
    before = inspect(big_book)
    assert before.sound and before.clients == 10000
    folder = big_book.parent / "backups"
    rng = random.Random(20261130)
    checked: set[Path] = set()
    seen = {"partial left": 0, "copy made": 0, "nothing yet": 0}
    for attempt in range(40 if heavy else 10):
        child = backup(big_book, date(2026, 1, 1) + timedelta(days=attempt))
        if attempt % 2:  # half the kills while the copy is being written
            while not partials(folder) and child.poll() is None:
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.15))
        else:  # half at any moment of the run, start-up included
            time.sleep(rng.uniform(0.0, 0.5))
        child.send_signal(signal.SIGKILL)
        child.wait()

        after = inspect(big_book)
        assert after.sound, (attempt, after.problems)
        assert (after.clients, after.visits) == (before.clients, before.visits), attempt
        for half in partials(folder):  # half-written, and still the owner's only
            assert oct(half.stat().st_mode & 0o777) == "0o600", half
        copies = set(folder.glob("*.db")) if folder.is_dir() else set()
        for copy in copies - checked:  # a final name is only ever a whole, sound copy
            found = inspect(copy)
            assert found.sound and found.clients == before.clients, (attempt, copy.name, found.problems)
        seen["partial left" if partials(folder) else "copy made" if copies - checked else "nothing yet"] += 1
        checked |= copies
    print(f"backups killed: {seen}")

    finished = backup(big_book, date(2027, 1, 1))
    assert finished.wait() == 0
    assert partials(folder) == []
    assert inspect(big_book).sound


def test_a_partial_someone_is_writing_is_left_alone(big_book):
    folder = big_book.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    writing = folder / "studio.db.20260301-120000.db.partial"
    writing.write_bytes(b"SQLite format 3\x00 half a copy")
    writing.chmod(0o600)
    theirs = folder / "studio.sqlite.20260301-120000.db.partial"  # another book's: never touched
    theirs.write_bytes(b"")
    holder = os.open(writing, os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as a backup running in another window holds it
        assert backup(big_book, date(2027, 2, 1)).wait() == 0
        assert writing.exists()
    finally:
        os.close(holder)
    assert backup(big_book, date(2027, 2, 2)).wait() == 0
    assert not writing.exists()
    assert theirs.exists()


def test_any_command_clears_a_leftover_on_its_first_use_of_the_book(big_book):
    """The daily backup's start clears leftovers too, whether today's copy is made or there."""
    leftover = big_book.parent / "backups" / "studio.db.daily-2027-02-28.db.partial"  # killed yesterday
    for _run in ("today's copy made", "today's copy already there"):
        leftover.write_bytes(b"SQLite format 3\x00 half a copy")
        searched = subprocess.run([str(CLIENTBOOK), "search", "Анна", "--db", str(big_book),
                                   "--today", "2027-03-01"], capture_output=True, text=True)
        assert searched.returncode == 0, searched.stderr
        assert not leftover.exists(), _run
