"""Excel workbooks (.xlsx) in and out, through openpyxl (imported only when one is used).

In: a sheet's cells become the text a CSV of that sheet would hold — a date cell its ISO
date, a number without a ".0", an empty cell "" — so headers, kinds, dates, phones,
prices, matching and all or nothing are the CSV's own rules, not a second copy of them.
A salon system puts a title (often merged over the columns) and empty rows above the
header: the header is the first row whose cells name our columns.

Out: one sheet per kind, the header bold and frozen, dates as Excel dates, money as a
number of roubles, phones and ids as text. A text cell is never a formula: openpyxl would
store "=…" as one, so such a cell is written as text with Excel's own "this is text" flag
(the quote prefix a person's typed "'" sets); Excel shows the value itself, "+7 916…" not
"'+7 916…", and keeps it text when edited. A studio's own text that starts with "'" gets
the CSV mark (domain.cells), since import takes that mark off, as from a CSV.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from clientbook.domain.cells import neutralise, unmark
from clientbook.domain.text import fold
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.import_files import Table, guess_kind, headers_of, known_headers, map_headers

ZIP = b"PK\x03\x04"  # an .xlsx is a zip of XML parts
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls, or any workbook with a password
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected one holds
HEADER_SEARCH = 30  # filled rows looked through for the header; a title is a few at most
EXCEL_ROWS = 1_048_576  # rows on a sheet, the header's included
EXCEL_CELL = 32_767  # characters in a cell
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what XML cannot hold


def is_workbook(path: Path) -> bool:
    """An .xlsx, an .xls or a password-protected workbook, by its first bytes."""
    try:
        with open(path, "rb") as handle:
            return handle.read(8).startswith((ZIP, OLE2))
    except OSError:
        return False  # said by the reader that opens it next


# --- in --------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell's value as the text a CSV of the sheet would hold, for the CSV's readers."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))  # 79161234567, not 79161234567.0
        return format(Decimal(repr(value)), "f")  # 2500.5, never 2.5005e+03
    if isinstance(value, datetime):
        value = (value + timedelta(microseconds=500_000)).replace(microsecond=0)  # Excel's float
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, timedelta):  # a duration formatted [h]:mm is read in minutes
        minutes, seconds = divmod(round(value.total_seconds()), 60)
        return str(minutes) if not seconds else str(value)
    return str(value)


def read_workbook(path: Path, kind: str | None = None, sheet: str | None = None) -> Table:
    """The first sheet of an .xlsx (or the one named `sheet`) as a Table of rows."""
    import openpyxl

    name = path.name
    held = ExitStack()  # the file and the workbook stay open while the rows are read
    try:
        handle = held.enter_context(open(path, "rb"))  # noqa: SIM115 - closed with `held`
        _refuse_other_office_files(handle, name)
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        except Exception:  # a zip or its XML can be broken in any way
            raise _damaged(name) from None
        held.callback(book.close)
        return _read_sheet(_sheet(book, sheet, name), kind, name, held)
    except OSError as error:
        held.close()
        raise UserError(_("{file} cannot be read: {error}.").format(
            file=path, error=error.strerror or error)) from None
    except BaseException:
        held.close()
        raise


def _refuse_other_office_files(handle: BinaryIO, name: str) -> None:
    """An .xls, and an .xlsx with a password (a different container), each with its sentence."""
    if not handle.read(8).startswith(OLE2):
        handle.seek(0)
        return
    if ENCRYPTED in handle.read():
        raise UserError(_("{file} is protected with a password: save it in Excel without the "
                          "password and import that copy.").format(file=name))
    raise UserError(_("{file} is an old Excel workbook (.xls): save it in Excel as an Excel "
                      "workbook (.xlsx) or as CSV and import that.").format(file=name))


def _damaged(name: str) -> UserError:
    return UserError(_("{file} is damaged or is not an Excel workbook (.xlsx); it cannot be "
                       "read.").format(file=name))


def _sheet(book, wanted: str | None, name: str):
    sheets = book.worksheets
    if not sheets:
        raise _damaged(name)
    if wanted is None:
        return sheets[0]
    for key in (lambda title: title, lambda title: fold(title.strip())):  # exact, then any case
        for sheet in sheets:
            if key(sheet.title) == key(wanted):
                return sheet
    raise UserError(_("{file} has no sheet “{sheet}”; its sheets: {sheets}.").format(
        file=name, sheet=wanted, sheets=", ".join(_("“{name}”").format(name=s.title) for s in sheets)))


def _read_sheet(sheet, kind: str | None, name: str, held: ExitStack) -> Table:
    expected = sheet.max_row or _rows_in_xml(sheet)
    sheet.reset_dimensions()  # a stale dimension must not cut rows off: read them all
    rows = _text_rows(sheet, name)
    number, headers, waiting = _header(rows, kind)
    if headers is None:
        raise UserError(_("The sheet “{sheet}” of {file} is empty.").format(
            sheet=sheet.title, file=name))
    kind = kind or guess_kind(headers)
    place = _("{file}, row {row}").format(file=name, row=number)
    columns, ignored = map_headers(headers, kind, name, place)

    def table_rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            for line, cells in chain(waiting, rows):
                if any(c.strip() for c in cells):
                    yield line, _row(cells, columns)
        finally:
            held.close()

    return Table(name, kind, table_rows(), "row", ignored, max(expected - number, 0),
                 headers_of(columns, headers))


def _rows_in_xml(sheet) -> int:
    """How many rows the sheet's XML holds, for the progress bar, when the sheet does not say
    (openpyxl's own write-only files do not); 0 when it cannot be told."""
    try:
        with sheet.parent._archive.open(sheet._worksheet_path) as xml:  # openpyxl 3.1's read-only parts
            count, tail = 0, b""
            while chunk := xml.read(1 << 20):
                count += (tail + chunk).count(b"<row ")
                tail = chunk[-4:]
            return count
    except Exception:  # a guess only; the rows themselves are read next
        return 0


def _text_rows(sheet, name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for every row, empty ones too."""
    values = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            row = next(values)
        except StopIteration:
            return
        except Exception:  # a sheet's XML or its zip entry is broken
            raise _damaged(name) from None
        number += 1
        yield number, [cell_text(value) for value in row]


def _header(rows: Iterator, kind: str | None) -> tuple[int, list[str] | None, list]:
    """The header's row number, its cells, and the rows read after it while looking.

    The header is the first row with two or more of our column names; failing that, the
    first with one (a sheet of names alone); failing that, the first row with anything in
    it, for map_headers to say what is missing.
    """
    seen: list[tuple[int, list[str]]] = []
    filled = 0
    for number, cells in rows:
        seen.append((number, cells))
        filled += any(c.strip() for c in cells)
        if known_headers(cells, kind) >= 2 or filled >= HEADER_SEARCH:
            break
    if not filled:
        return 0, None, []
    for least in (2, 1, 0):
        for at, (number, cells) in enumerate(seen):
            if any(c.strip() for c in cells) and known_headers(cells, kind) >= least:
                return number, _trimmed(cells), seen[at + 1:]
    raise AssertionError("a filled row was seen")  # pragma: no cover


def _trimmed(cells: list[str]) -> list[str]:
    """Without the empty cells to the right of the last filled one."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _row(cells: list[str], columns: list[str | None]) -> dict[str, str]:
    """A row's cells by our column names; a filled cell under no header is the CSV's
    "too many cells" problem, and every cell loses the formula mark as a CSV's does."""
    filled = len(_trimmed(cells))
    if filled > len(columns):
        return {"__width__": str(filled)}
    return {column: unmark(value) for column, value in zip(columns, cells) if column}


# --- out -------------------------------------------------------------------------------

DAY = "dd.mm.yyyy"
MOMENT = "dd.mm.yyyy hh:mm"
WHOLE_ROUBLES, ROUBLES = "#,##0", "#,##0.00"
# How a column's text (as the CSV export writes it) is held in a cell; other columns are text.
_MOMENTS = {"date"}
_DAYS = {"birthday", "callback_on"}
_MONEY = {"price"}
_NUMBERS = {"duration", "interval_days"}
_WIDTHS = {"client_id": 10, "date": 17, "birthday": 12, "callback_on": 12, "phone": 16,
           "phone_alt": 16, "price": 11, "notes": 40, "note": 40, "alerts": 30}


def write_workbook(out: BinaryIO, sheets: Iterable[tuple[str, list[str], Iterable[dict]]]) -> int:
    """Write (title, columns, rows) as one sheet each into `out`; returns the row count.

    Rows are dicts of text, as the CSV export makes them; they are streamed (write-only
    mode), so a large book is never held in memory whole."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    count = 0
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = _WIDTHS.get(column, 14)
        sheet.append([_styled(sheet, column, font=bold) for column in columns])
        for number, row in enumerate(rows, start=2):
            if number > EXCEL_ROWS:
                raise UserError(_("The sheet “{sheet}” does not fit in Excel (at most {n} rows); "
                                  "export it as CSV.").format(sheet=title, n=EXCEL_ROWS - 1))
            sheet.append([_cell(sheet, column, row[column], title, number) for column in columns])
            count += 1
    book.save(out)
    return count


def _styled(sheet, value, **style):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _cell(sheet, column: str, text: str, title: str, number: int):
    """One value of a row, typed as Excel holds it."""
    if not text:
        return None
    if column in _MOMENTS:
        return _styled(sheet, datetime.fromisoformat(text), number_format=MOMENT)
    if column in _DAYS and not text.startswith("--"):  # a birthday without its year stays text
        return _styled(sheet, date.fromisoformat(text), number_format=DAY)
    if column in _MONEY:
        roubles = Decimal(text)
        return _styled(sheet, float(roubles), number_format=WHOLE_ROUBLES if roubles == int(roubles)
                       else ROUBLES)
    if column in _NUMBERS and text.isdigit():
        return int(text)
    return _text(sheet, text, title, number)


def _text(sheet, text: str, title: str, number: int):
    text = _UNWRITABLE.sub("", text)  # never typed in (input drops them); XML cannot hold them
    if len(text) > EXCEL_CELL:
        raise UserError(_("A cell on the sheet “{sheet}”, row {row}, is longer than Excel allows "
                          "({limit} characters); export as CSV or JSON instead.").format(
                              sheet=title, row=number, limit=EXCEL_CELL))
    if text.startswith("'"):
        return neutralise(text)  # runs never; import takes one mark off, as from a CSV
    if neutralise(text) == text:
        return text
    cell = _styled(sheet, text, quotePrefix=True)  # would run: text, as Excel marks typed "'="
    cell.data_type = "s"
    return cell
