"""A Russian terminal in KOI8-R or CP1251 gets every command's output, never a traceback:
what its encoding lacks (₽, Babel's narrow spaces, dashes) is said with what it has."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from tests.ui.pilot import TODAY

CLIENTBOOK = Path(sys.executable).parent / "clientbook"


@pytest.fixture(scope="module")
def demo_book(new_book_path):
    path = new_book_path("studio.db")  # a file, or a database on the server
    book = open_book(path)
    generate_demo(book, clients=30, seed=3, today=TODAY)
    book.close()
    return path


@pytest.mark.parametrize("encoding", ["koi8_r", "cp1251"])
@pytest.mark.parametrize("command", [["stats"], ["show", "1"], ["calls"], ["search", "ан"], ["masters"]])
def test_every_command_speaks_to_an_older_russian_terminal(demo_book, encoding, command):
    done = subprocess.run([str(CLIENTBOOK), "--db", str(demo_book), "--today", TODAY.isoformat(), "--lang", "ru",
                           *command], capture_output=True, env={**os.environ, "PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")[-1500:]
    shown = done.stdout.decode(encoding)  # every byte is the terminal's own encoding
    assert "Traceback" not in done.stderr.decode(encoding, "replace")
    if command == ["stats"]:
        assert "руб." in shown and "\u202f" not in shown
