"""A restore killed at any moment leaves the old book or the new one: never no book, never an
empty one. The hard case is a damaged book, which cannot go through SQLite's backup API and
is replaced as a file. 10 kills; 40 with --heavy."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from clientbook.services.backups import inspect
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo

CLIENTBOOK = Path(sys.executable).parent / "clientbook"


def test_a_restore_killed_at_any_moment_leaves_a_whole_book(tmp_path, heavy):
    source = tmp_path / "copy.db"
    book = open_book(source)
    generate_demo(book, clients=300, seed=9, today=date(2026, 11, 22))
    book.close()
    clients = inspect(source).clients
    rng = random.Random(20261130)
    seen = {"old": 0, "new": 0}
    for attempt in range(40 if heavy else 10):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        target = folder / "studio.db"
        damaged = b"SQLite format 3\x00" + bytes(range(256)) * 64  # a damaged book's bytes
        target.write_bytes(damaged)
        child = subprocess.Popen([str(CLIENTBOOK), "restore", str(source), "--db", str(target)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.6))  # a restore of this size takes about half a second here
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert target.exists() and target.stat().st_size > 0, f"attempt {attempt}: no book, or an empty one"
        if target.read_bytes() == damaged:
            seen["old"] += 1
        else:
            found = inspect(target)
            assert found.sound and found.clients == clients, (attempt, found.problems)
            seen["new"] += 1
    print(f"restores killed: the old book left {seen['old']} times, the new one {seen['new']}")
