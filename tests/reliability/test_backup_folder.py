"""backups/ is the owner's alone: made 0700, repaired when others may write into it, refused
when it is a link (copies would land wherever it points)."""
from __future__ import annotations

import os
from datetime import datetime

import pytest

from clientbook.services.backups import BackupFailed, back_up
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client

NOW = datetime(2026, 11, 22, 9)


@pytest.fixture
def studio(book_path):
    book = open_book(book_path)
    add_client(book, NewClient("Анна", "Ёлкина"))
    book.close()
    return book_path


def test_the_backups_folder_is_made_for_the_owner_alone_and_repaired(studio):
    made = back_up(studio, now=NOW)
    folder = made.parent
    assert folder.stat().st_mode & 0o777 == 0o700
    assert made.stat().st_mode & 0o777 == 0o600
    folder.chmod(0o777)  # someone opened it to everyone
    back_up(studio, now=datetime(2026, 11, 22, 10))
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_backups_folder_that_is_a_link_is_refused(studio, tmp_path):
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    os.symlink(elsewhere, studio.parent / "backups")
    with pytest.raises(BackupFailed, match="is a link, not a folder"):
        back_up(studio, now=NOW)
    assert list(elsewhere.iterdir()) == []  # no copy of the clients landed where it points


def test_a_copy_is_never_written_through_a_file_or_link_put_in_its_place(studio, tmp_path):
    from db.backup import copy_book

    target = tmp_path / "someone-elses.txt"
    target.write_text("theirs")
    planted = tmp_path / "copy.db"
    os.symlink(target, planted)
    with pytest.raises(OSError):
        copy_book(studio, planted)
    assert target.read_text() == "theirs"
    made = back_up(studio, now=NOW)  # the program's own copies: made fresh, the owner's alone
    assert made.stat().st_mode & 0o777 == 0o600
