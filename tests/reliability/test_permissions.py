"""Client data is written only into the user's own files that nobody else may write.

Run as a second user (`nobody`) where the machine allows it (root with setpriv);
skipped elsewhere, with the reason.
"""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from tests.reliability.disks import as_other_user

NOBODY = 65534
TODAY = "2026-11-22"
OWNER = "belongs to another user, or others may write it; clientbook keeps client data only in your own files."


@pytest.fixture
def shared_folder():
    """A folder both users reach (the test's own tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="clientbook-shared-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


def make_book(path: Path) -> None:
    book = open_book(path)
    add_client(book, NewClient("Анна", "Ёлкина", phone="8 916 123-45-67", alerts="Аллергия на латекс"))
    book.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_users_book_is_refused_even_when_it_may_be_written(shared_folder):
    prefix = as_other_user()
    book = shared_folder / "studio.db"
    make_book(book)
    book.chmod(0o666)  # left writable by everyone: still not nobody's to write client data into
    before = digest(book)
    for command in (["show", "1"], ["add", "Вера"]):
        done = subprocess.run([*prefix, sys.executable, "-m", "clientbook", "--db", str(book), "--today", TODAY,
                               *command], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        assert done.stderr == f"Error: {book} {OWNER} Open it as the user it belongs to.\n"
    assert digest(book) == before
    assert sorted(p.name for p in shared_folder.iterdir()) == ["studio.db"]  # no -wal, -shm of nobody's


def test_a_wal_put_beside_the_book_by_another_user_is_refused(shared_folder):
    book = shared_folder / "studio.db"
    make_book(book)
    planted = Path(f"{book}-wal")
    planted.write_bytes(b"")
    os.chown(planted, NOBODY, NOBODY)
    planted.chmod(0o666)
    done = CliRunner().invoke(cli, ["add", "Вера", "--db", str(book), "--today", TODAY])
    assert done.exit_code == 1
    assert done.output == f"Error: {planted} {OWNER} Open it as the user it belongs to.\n"
    assert planted.read_bytes() == b""


def test_the_owners_book_left_open_to_others_is_made_hers_alone(tmp_path):
    book = tmp_path / "studio.db"
    make_book(book)
    book.chmod(0o666)
    done = CliRunner().invoke(cli, ["show", "1", "--db", str(book), "--today", TODAY])
    assert done.exit_code == 0, done.output
    assert stat.S_IMODE(book.stat().st_mode) == 0o600


def test_folders_made_for_a_new_book_are_the_owners_alone(tmp_path):
    book = tmp_path / "new" / "studio" / "studio.db"
    done = CliRunner().invoke(cli, ["add", "Вера", "--db", str(book), "--today", TODAY])
    assert done.exit_code == 0, done.output
    for folder in (tmp_path / "new", tmp_path / "new" / "studio"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(book.stat().st_mode) == 0o600


def test_an_export_replaces_another_users_file_and_never_writes_into_it(shared_folder):
    book = shared_folder / "studio.db"
    make_book(book)
    target = shared_folder / "clients.csv"
    target.write_text("old\n")
    os.chown(target, NOBODY, NOBODY)
    target.chmod(0o666)
    kept = shared_folder / "nobody-keeps-this"
    os.link(target, kept)  # another name for that user's file: what was in it stays hers
    lure = shared_folder / "nobody-lure"
    lure.write_text("lure\n")
    os.chown(lure, NOBODY, NOBODY)
    (shared_folder / "clients.csv.partial").symlink_to(lure)  # where a half-written export once went
    done = CliRunner().invoke(cli, ["export", "-o", str(target), "--db", str(book), "--today", TODAY])
    assert done.exit_code == 0, done.output
    assert (kept.read_text(), lure.read_text()) == ("old\n", "lure\n")  # nothing of the book in them
    assert "Ёлкина" in target.read_text(encoding="utf-8")
    found = target.stat()
    assert (found.st_uid, stat.S_IMODE(found.st_mode)) == (os.getuid(), 0o600)
    assert [p.name for p in shared_folder.iterdir() if ".partial" in p.name] == ["clients.csv.partial"]
