"""The daily backups: today's is never pruned away, and `check` never offers an empty or
damaged file as the latest backup."""
from __future__ import annotations

from datetime import date, datetime

from clientbook.services.backups import back_up, daily_backup, latest_backup
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client


def with_a_client(book_path):
    book = open_book(book_path)
    add_client(book, NewClient("Анна", "Ёлкина"))
    book.close()


def test_todays_backup_is_kept_even_when_the_clock_is_behind_the_newest_name(book_path):
    with_a_client(book_path)
    folder = book_path.parent / "backups"
    for day in (date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)):  # made when the clock ran ahead
        daily_backup(book_path, day, keep=3)
    made = daily_backup(book_path, date(2026, 11, 22), keep=3)  # the clock set back
    assert made is not None and made.exists()
    assert sorted(p.name for p in folder.glob("studio.db.daily-*.db")) == [
        "studio.db.daily-2026-11-22.db", "studio.db.daily-2026-12-02.db", "studio.db.daily-2026-12-03.db"]


def test_the_latest_backup_is_never_an_empty_or_damaged_file(book_path):
    with_a_client(book_path)
    sound = back_up(book_path, now=datetime(2026, 11, 20, 9))
    empty = book_path.parent / "backups" / "studio.db.20261121-090000.db"
    empty.write_bytes(b"")
    damaged = book_path.parent / "backups" / "studio.db.20261122-090000.db"
    damaged.write_bytes(sound.read_bytes()[:2048] + b"\0" * 4096)
    assert latest_backup(book_path) == sound
