"""Whatever a spreadsheet throws at the book: each file either gets a clear sentence and
changes nothing, or is stored literally (and shown literally). Nothing crashes, nothing
half-imports."""
from __future__ import annotations

from datetime import date

import pytest

from clientbook.errors import UserError
from clientbook.services.book import open_book
from clientbook.services.clients import card
from clientbook.services.importer import import_file
from tests.conftest import dump

TODAY = date(2026, 11, 22)  # the day the imports run on: nothing depends on the clock

HEAD = "client_id,name,phone,notes\n"
GOOD = "OK-1,Анна Иванова,+7 916 123-45-67,хорошая строка\n"
MEGABYTE_NOTE = "заметка " * 131072  # 1 MB of text in one cell

# (name, the file's bytes, the sentence expected; None: the file imports)
REFUSED = [
    ("unclosed quote", (HEAD + GOOD + 'OK-2,"Ольга,+7 916,x\nOK-3,Ира,,\n').encode(), "cells, not as many as the header"),
    ("too many cells", (HEAD + GOOD + "OK-2,Ольга,,x,лишнее,ещё\n").encode(), "line 3, row: has 6 cells"),
    ("31 February", ("client_id,name,birthday\n" "OK-1,Анна,31.02.1990\n").encode(),
     "line 2, birthday: There is no day 31 in month 2."),
    ("month 13", ("client_id,name,birthday\n" "OK-1,Анна,01.13.1990\n").encode(), "There is no month 13."),
    ("text for a number", ("client_id,name,interval_days\n" "OK-1,Анна,три недели\n").encode(),
     "interval_days: “три недели” is not a usual interval: give 1 to 3650 days, or auto for the learned rhythm."),
    ("text for a price", ("client_id,date,service,price\n" "OK-1,2026-01-01,Маникюр,дорого\n").encode(),
     "price: “дорого” is not a price (for example 2500)."),
    ("an empty name", (HEAD + ",,+7 916 123-45-67,\n").encode(), "line 2, name: is empty."),
    ("a name of spaces and controls", (HEAD + "OK-9,  \x07 \t\x1f\u200b ,,\n").encode(), "name: is empty."),
    ("NUL bytes", (HEAD + "OK-1,Ан\x00на,,\n").encode(), "is not a text file."),
    ("UTF-16 without a BOM", (HEAD + GOOD).encode("utf-16-le"), "is not a text file."),
    ("an empty file", b"", "is empty."),
    ("only spaces", b" \n\n  \n", "is empty."),
    ("a damaged Excel workbook", b"PK\x03\x04\x14\x00\x06\x00", "is damaged or is not an Excel workbook (.xlsx)"),
    ("no name column", b"client_id,phone\nOK-1,+79161234567\n", "no column for name"),
    ("two name columns", "ФИО,Клиент\nАнна,Анна\n".encode(), "two columns mean name"),
    ("a broken vCard", b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Broken\r\n", "card 1: the card cannot be read"),
    ("bad phones, many", (HEAD + "".join(f"B-{n},Клиент {n},12{n},\n" for n in range(40))).encode(),
     "40 problems; nothing was imported."),
]

# Stored as given (control characters removed), and shown as given.
STORED = [
    ("markup in a name", "[b]Жирная[/b] [link=http://x]ссылка[/link]", "[b]Жирная[/b] [link=http://x]ссылка[/link]"),
    ("right to left and emoji", "مريم 👩‍🎨 Ана", "مريم 👩‍🎨 Ана"),
    ("terminal escapes", "\x1b[31mКрасная\x1b[0m Анна\x07", "[31mКрасная[0m Анна"),
    ("quotes and commas", 'Анна "Аннушка", Иванова', 'Анна "Аннушка", Иванова'),
    ("a formula-looking name", "=HYPERLINK(\"x\") Анна", "=HYPERLINK(\"x\") Анна"),
]


@pytest.fixture
def book(book_path, tmp_path):
    database = open_book(book_path)  # a file, or a database on the server
    import_file(database, _write(tmp_path, "seed.csv", (HEAD + GOOD).encode()), today=TODAY)
    yield database
    database.close()


def _write(folder, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, data, sentence", REFUSED, ids=[c[0] for c in REFUSED])
def test_a_bad_file_is_refused_with_a_sentence_and_changes_nothing(book, tmp_path, name, data, sentence):
    before = dump(book)
    suffix = ".vcf" if "vCard" in name else ".csv"
    with pytest.raises(UserError) as refused:
        import_file(book, _write(tmp_path, "bad" + suffix, data), today=TODAY)
    assert sentence in str(refused.value)
    assert "Traceback" not in str(refused.value)
    assert dump(book) == before


@pytest.mark.parametrize("name, cell, stored", STORED, ids=[c[0] for c in STORED])
def test_strange_text_is_stored_literally(book, tmp_path, name, cell, stored):
    quoted = '"' + cell.replace('"', '""') + '"'
    import_file(book, _write(tmp_path, "odd.csv", (HEAD + f"ODD-1,{quoted},,{quoted}\n").encode()), today=TODAY)
    first, last, notes = book.execute_sql(
        "SELECT first_name, last_name, notes FROM clients WHERE external_id = 'ODD-1'").fetchone()
    assert f"{first} {last}".strip() == stored or f"{last} {first}".strip() == stored
    assert notes == stored


def test_a_megabyte_note_is_kept_whole(book, tmp_path):
    import_file(book, _write(tmp_path, "long.csv", (HEAD + f'LONG-1,Анна,,"{MEGABYTE_NOTE}"\n').encode()), today=TODAY)
    client_id, notes = book.execute_sql(
        "SELECT id, notes FROM clients WHERE external_id = 'LONG-1'").fetchone()
    assert notes == MEGABYTE_NOTE.strip() and len(notes) > 1_000_000
    assert card(book, client_id, date(2026, 11, 22)).notes == notes


def test_a_large_file_lands_whole(book, tmp_path, heavy):
    rows = 200_000 if heavy else 30_000
    data = HEAD + "".join(f"BIG-{n},Клиент{n} Большой,,строка {n}\n" for n in range(rows))
    summary = import_file(book, _write(tmp_path, "big.csv", data.encode()), today=TODAY)
    assert summary.added == rows
    assert book.execute_sql("SELECT count(*) FROM clients WHERE external_id LIKE 'BIG-%'").fetchone()[0] == rows


def test_a_large_file_with_one_bad_row_at_the_end_lands_not_at_all(book, tmp_path):
    before = dump(book)
    data = HEAD + "".join(f"BIG-{n},Клиент{n} Большой,,\n" for n in range(20_000)) + "BIG-X,,,\n"
    with pytest.raises(UserError, match="line 20002, name: is empty"):
        import_file(book, _write(tmp_path, "big.csv", data.encode()), today=TODAY)
    assert dump(book) == before


async def test_strange_names_are_shown_literally_on_screen(book_path, tmp_path):
    from textual.widgets import DataTable

    from tests.ui.pilot import make_app, until

    path = book_path
    database = open_book(path)
    lines = "".join(f'S-{n},"{cell.replace(chr(34), chr(34) * 2)}",,\n' for n, (_n, cell, _s) in enumerate(STORED))
    import_file(database, _write(tmp_path, "odd.csv", (HEAD + lines).encode()), today=TODAY)
    database.close()
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        def every_name_shown_as_stored():
            table = app.screen.query_one("#results", DataTable)
            shown = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
            for _name, _cell, stored in STORED:
                words = stored.split(" ")
                assert any(all(w in row for w in words) for row in shown), (stored, shown)

        await until(pilot, every_name_shown_as_stored)
