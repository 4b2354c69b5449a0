"""Every value has a range: a setting, a typed day, a number on the command line, a file.

A value out of range is refused with one sentence, never a traceback, a hang or a book
that no longer opens; a value stored out of range by hand (or by an older clientbook) is
read within range, so `calls` and the screens keep working.
"""
from __future__ import annotations

import os
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.domain.dates import DateError, parse_iso_date, parse_when
from clientbook.domain.rhythm import Thresholds
from clientbook.errors import UserError
from clientbook.services.backups import restore
from clientbook.services.book import open_book
from clientbook.services.calls import call_list
from clientbook.services.clients import NewClient, add_client
from clientbook.services.importer import import_file
from clientbook.services.settings import call_settings, change_setting, get_setting, set_setting, thresholds
from clientbook.services.visits import NewVisit, add_visit
from tests.conftest import dump

TODAY = date(2026, 11, 22)


@pytest.fixture
def studio(book_path):
    """One regular, due: she is on today's call list."""
    book = open_book(book_path)
    anna = add_client(book, NewClient("Анна", "Ёлкина", phone="89161234567"))
    for ago in (35, 63, 91, 119):
        add_visit(book, anna, NewVisit(datetime(2026, 11, 22, 11) - timedelta(days=ago), ("Маникюр",),
                                       price_cents=200000), {"Маникюр": "nails"}, today=TODAY)
    book.close()
    return book_path


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)])


def one_line_refusal(result, sentence: str, codes=(1, 2)) -> None:
    """Refused with an exit code, the sentence on one `Error:` line, and no traceback."""
    assert result.exit_code in codes, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and sentence in errors[0], result.output


# -- settings ----------------------------------------------------------------------------

@pytest.mark.parametrize("key, value, sentence", [
    ("confirm_days", "99999999", "confirm_days takes a whole number up to 365, not “99999999”."),
    ("cooldown_days", "100000", "cooldown_days takes a whole number up to 365, not “100000”."),
    ("studio_interval_days", "99999999999999999999999", "studio_interval_days takes a whole number "
                                                         "up to 3650, not “99999999999999999999999”."),
    ("daily_cap", "1000000", "daily_cap takes a whole number up to 10000, not “1000000”."),
    ("backups_kept", "1000000", "backups_kept takes a whole number up to 3650, not “1000000”."),
    ("tier_lost", "1e300", "tier_lost takes a number up to 10, not “1e300”."),
])
def test_a_setting_out_of_range_is_refused_and_not_stored(studio, key, value, sentence):
    book = open_book(studio)
    try:
        before = dump(book)
        with pytest.raises(UserError) as refused:
            change_setting(book, key, value)
        assert str(refused.value) == sentence
        assert dump(book) == before
    finally:
        book.close()
    one_line_refusal(run("settings", "--db", studio, key, value), sentence, codes=(1,))


def test_the_largest_value_in_range_still_makes_a_call_list(studio):
    book = open_book(studio)
    try:
        change_setting(book, "confirm_days", "365")
        change_setting(book, "studio_interval_days", "3650")
        change_setting(book, "tier_lost", "10")
        assert get_setting(book, "confirm_days") == "365"
        call_list(book, date(2100, 12, 31))
    finally:
        book.close()


HAND_WRITTEN = [  # (key, stored by hand, read as)
    ("confirm_days", "99999999", "365"),
    ("cooldown_days", "-4", "1"),
    ("daily_cap", "99999999999999999999999999", "10000"),
    ("winback_min_visits", "many", "2"),
    ("studio_interval_days", "0", "1"),
    ("backups_kept", "-1", "1"),
    ("tier_lost", "inf", "3.0"),
    ("margin_percent", "500", ""),
]


def test_settings_stored_out_of_range_are_read_within_range(studio):
    book = open_book(studio)
    try:
        for key, stored, _read in HAND_WRITTEN:
            set_setting(book, key, stored)  # as a hand edit or an old clientbook left them
        assert [get_setting(book, key) for key, _stored, _read in HAND_WRITTEN] == [
            read for _key, _stored, read in HAND_WRITTEN]
        assert call_settings(book).confirm_days == 365 and call_settings(book).daily_cap == 10000
        set_setting(book, "tier_due", "5")  # out of order: due after at risk
        assert thresholds(book) == Thresholds()  # the studio's defaults stand in
        assert [item.name for item in call_list(book, TODAY).items] == ["Ёлкина Анна"]
    finally:
        book.close()
    result = run("calls", "--db", studio, "--today", "2026-11-22", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Ёлкина Анна" in result.output


async def test_the_screens_open_on_a_book_with_a_setting_stored_out_of_range(studio):
    from textual.widgets import DataTable

    from tests.ui.pilot import make_app, until

    book = open_book(studio)
    set_setting(book, "confirm_days", "99999999")
    set_setting(book, "studio_interval_days", "99999999")
    book.close()
    app = make_app(studio, TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")

        def listed():
            table = app.screen.query_one("#calls", DataTable)
            assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["Ёлкина Анна"]

        await until(pilot, listed)
        assert app.is_running


# -- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_a_typed_day_out_of_range_is_refused(text):
    sentence = f"“{text}” is out of range: give a date from 1900 to 2100."
    with pytest.raises(DateError, match="out of range") as refused:
        parse_iso_date(text)
    assert str(refused.value) == sentence
    for typed in (text, f"{text} 14:30", ".".join(reversed(text.split("-")))):
        with pytest.raises(DateError, match="out of range"):
            parse_when(typed, TODAY)


@pytest.mark.parametrize("text", ["1900-01-01", "2100-12-31"])
def test_the_ends_of_the_range_are_days(text):
    assert parse_iso_date(text) == date.fromisoformat(text)
    assert parse_when(text, TODAY).date() == date.fromisoformat(text)


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31"])
def test_today_and_on_out_of_range_are_refused_in_one_line(studio, text):
    sentence = f"“{text}” is out of range: give a date from 1900 to 2100."
    for args in (["calls", "--db", studio, "--today", text],
                 ["--today", text, "stats", "--db", studio],
                 ["log-call", "--db", studio, "--today", "2026-11-22", "Ёлкина", "--outcome", "no_answer",
                  "--on", text],
                 ["stats", "--db", studio, "--today", "2026-11-22", "--from", text]):
        one_line_refusal(run(*args), sentence)


# -- numbers on the command line -------------------------------------------------------------

@pytest.mark.parametrize("args, option", [
    (["calls", "--limit", "99999999999999999999"], "'--limit'"),
    (["search", "--limit", "99999999999999999999", "Анна"], "'--limit'"),
    (["visit-status", "99999999999999999999", "done"], "'VISIT'"),
])
def test_a_huge_number_is_refused_in_one_line(studio, args, option):
    result = run(*args, "--db", studio, "--today", "2026-11-22")
    one_line_refusal(result, f"Invalid value for {option}", codes=(2,))
    assert "is not in the range" in result.output


# -- files that are not files ----------------------------------------------------------------

class _Writer(threading.Thread):
    """Serves `data` through a named pipe to every reader that opens it, until finish():
    a reader that opens the pipe reads those bytes to the end (it is never left waiting)."""

    def __init__(self, pipe, data: bytes):
        super().__init__(daemon=True)
        self.pipe, self.data, self.done = pipe, data, threading.Event()

    def run(self):
        while not self.done.is_set():
            with open(self.pipe, "wb") as end:  # waits for a reader
                try:
                    end.write(self.data)
                    end.flush()
                except BrokenPipeError:  # the reader read a little and closed
                    pass

    def finish(self):
        """Release the writer waiting for a reader, and wait for it."""
        self.done.set()
        fd = os.open(self.pipe, os.O_RDONLY | os.O_NONBLOCK)
        try:
            self.join()
        finally:
            os.close(fd)


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "clients.csv"
    os.mkfifo(path)
    return path


def test_a_named_pipe_is_not_imported(book, fifo):
    writer = _Writer(fifo, "client_id,name\nP-1,Анна Пайпова\n".encode())
    writer.start()
    before = dump(book)
    try:
        with pytest.raises(UserError) as refused:
            import_file(book, fifo, today=TODAY)
    finally:
        writer.finish()
    assert str(refused.value) == f"{fifo} is a device or a pipe, not a file."
    assert dump(book) == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_imported(book, book_path, device):
    if not os.path.exists(device):
        pytest.skip(f"this machine has no {device}")
    with pytest.raises(UserError) as refused:
        import_file(book, device, today=TODAY)
    assert str(refused.value) == f"{device} is a device or a pipe, not a file."
    one_line_refusal(run("import", "--db", book_path, device), f"{device} is a device or a pipe, not a file.")


@pytest.mark.sqlite_only("a file book's bytes, left as they were by restore (a server's restore reads a pg_dump archive)")
def test_restore_refuses_a_pipe_or_a_device(studio, tmp_path, fifo):
    before = studio.read_bytes()
    writer = _Writer(fifo, b"SQLite format 3\x00" + bytes(4096))
    writer.start()
    try:
        with pytest.raises(UserError) as refused:
            restore(studio, fifo, datetime(2026, 11, 22, 12))
    finally:
        writer.finish()
    assert str(refused.value) == (f"{fifo} cannot be restored: {fifo} is a device or a pipe, not a file. "
                                  "The book was not changed.")
    with pytest.raises(UserError) as refused:
        restore(studio, Path("/dev/zero"), datetime(2026, 11, 22, 12))
    assert "/dev/zero is a device or a pipe, not a file." in str(refused.value)
    assert studio.read_bytes() == before


@pytest.mark.parametrize("typed", ["8 916 123-45-67 доб. 12", "+7 495 123-45-67 ext. 345", "8 (495) 123-45-67 доб 7"])
def test_a_phone_extension_is_refused_with_a_sentence_never_dropped(typed):
    from clientbook.domain.text import PhoneError, parse_phone

    with pytest.raises(PhoneError, match=r"has an extension \(\d+\), which a phone here cannot keep"):
        parse_phone(typed)
