"""Properties the readers and the round trips keep for any input (hypothesis).

`--heavy` multiplies the examples.
"""
from __future__ import annotations

import contextlib
import io
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.domain.dates import DateError, parse_birthday, parse_sheet_datetime, parse_when
from clientbook.domain.text import PhoneError, clean_line, clean_notes, parse_phone
from clientbook.errors import UserError
from clientbook.services.book import open_book
from clientbook.services.exporter import export
from clientbook.services.import_files import read_csv
from clientbook.services.importer import import_file


def examples(request, light: int) -> settings:
    heavy = request.config.getoption("--heavy")
    return settings(max_examples=light * 10 if heavy else light, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def test_readers_refuse_with_their_own_error_only(request):
    @examples(request, 300)
    @given(TEXT)
    def check(text):
        for parse, expected in ((lambda t: parse_phone(t, "RU"), PhoneError),
                                (lambda t: parse_birthday(t, date(2026, 11, 24)), DateError),
                                (parse_sheet_datetime, DateError),
                                (lambda t: parse_when(t, date(2026, 11, 24)), DateError)):
            with contextlib.suppress(expected):
                parse(text)

    check()


def test_any_bytes_are_read_or_refused_with_a_sentence(request, tmp_path):
    @examples(request, 200)
    @given(st.binary(max_size=300))
    def check(data):
        path = tmp_path / "any.csv"
        path.write_bytes(data)
        try:
            read_csv(path)
        except UserError as error:
            assert str(error)

    check()


def test_a_phone_read_once_reads_the_same_again(request):
    @examples(request, 300)
    @given(st.from_regex(r"(\+7|8)?[ (]?9\d{2}[) -]?\d{3}[ -]?\d{2}[ -]?\d{2}", fullmatch=True))
    def check(typed):
        try:
            stored = parse_phone(typed, "RU")
        except PhoneError:
            return
        assert parse_phone(stored, "RU") == stored

    check()


NAME = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=25)
NOTES = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf")) | st.sampled_from("\n,;\"'"),
                max_size=80)
CLIENT = st.fixed_dictionaries({
    "first": NAME, "last": NAME, "notes": NOTES, "alerts": NOTES, "source": NAME,
    "tags": st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10), max_size=3),
    "birthday": st.none() | st.dates(date(1930, 1, 1), date(2020, 12, 31)),
    # one visit per minute: two of the same service at the same minute are one visit to import
    "visits": st.lists(st.tuples(st.datetimes(datetime(2020, 1, 1), datetime(2026, 11, 1)),
                                 st.integers(0, 10_000_000), NOTES), max_size=3,
                       unique_by=lambda visit: visit[0].replace(second=0, microsecond=0)),
})


def test_export_then_import_is_the_identity(request, new_book_path):
    @examples(request, 25)
    @given(st.lists(CLIENT, min_size=1, max_size=5))
    def check(people):
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            first = open_book(new_book_path("first.db"))  # a file, or a database on the server
            _fill(first, people)
            files = {}
            for kind in ("clients", "visits"):
                out = io.StringIO()
                export(first, out, "csv", kind)
                files[kind] = out.getvalue()
                (folder / f"{kind}.csv").write_bytes(files[kind].encode("utf-8"))
            first.close()
            second = open_book(new_book_path("second.db"))
            for kind in files:
                import_file(second, folder / f"{kind}.csv", today=date(2026, 11, 24))
            for kind, text in files.items():
                out = io.StringIO()
                export(second, out, "csv", kind)
                assert out.getvalue() == text, kind
            second.close()

    check()


def test_xlsx_export_then_import_is_the_identity(request, new_book_path):
    """The same through an Excel workbook: clients and visits out to one .xlsx, each sheet
    imported into an empty book, out again: the same cells, and the same CSV."""
    import openpyxl

    from clientbook.services.exporter import export_to_file

    def cells(path) -> dict:
        workbook = openpyxl.load_workbook(path, read_only=True)
        found = {s.title: list(s.iter_rows(values_only=True)) for s in workbook.worksheets}
        workbook.close()
        return found

    @examples(request, 15)
    @given(st.lists(CLIENT, min_size=1, max_size=5))
    def check(people):
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            first = open_book(new_book_path("first.db"))  # a file, or a database on the server
            _fill(first, [_xml_text(person) for person in people])
            export_to_file(first, folder / "first.xlsx", "xlsx")
            second = open_book(new_book_path("second.db"))
            for sheet in ("Clients", "Visits"):
                import_file(second, folder / "first.xlsx", today=date(2026, 11, 24), sheet=sheet)
            export_to_file(second, folder / "second.xlsx", "xlsx")
            assert cells(folder / "second.xlsx") == cells(folder / "first.xlsx")
            for kind in ("clients", "visits"):
                ours, theirs = io.StringIO(), io.StringIO()
                export(first, ours, "csv", kind)
                export(second, theirs, "csv", kind)
                assert theirs.getvalue() == ours.getvalue(), kind
            first.close()
            second.close()

    check()


def _xml_text(person: dict) -> dict:
    """XML cannot hold U+FFFE or U+FFFF: a workbook drops them (no one types them)."""
    def strip(text: str) -> str:
        return text.replace("\ufffe", "").replace("\uffff", "")

    return {**person, "notes": strip(person["notes"]), "alerts": strip(person["alerts"]),
            "visits": [(when, cents, strip(notes)) for when, cents, notes in person["visits"]]}


def _fill(database, people) -> None:
    from clientbook.domain.dates import Birthday
    from clientbook.services.clients import NewClient, add_client
    from clientbook.services.visits import NewVisit, add_visit

    for n, person in enumerate(people):
        if not clean_line(person["first"]) and not clean_line(person["last"]):
            continue
        born = person["birthday"]
        client = add_client(database, NewClient(
            person["first"], person["last"], notes=person["notes"], alerts=person["alerts"],
            source=person["source"], tags=tuple(person["tags"]), external_id=f"P-{n}",
            birthday=Birthday(born.day, born.month, born.year) if born else None))
        for when, cents, notes in person["visits"]:
            add_visit(database, client, NewVisit(when.replace(second=0, microsecond=0), ("Маникюр",),
                                                 price_cents=cents, notes=notes), {"Маникюр": "nails"},
                      today=date(2026, 11, 24))


@pytest.mark.parametrize("text", ["", " \n", "\x00\x1b[2J", "a\r\nb", "\u202eRTL\u202c"])
def test_clean_text_never_keeps_controls(text):
    for cleaned in (clean_line(text), clean_notes(text)):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
        assert "\u202e" not in cleaned
