"""Reading a studio's file as rows: CSV in any spreadsheet's dialect, an Excel workbook
(services.workbooks turns its cells into the CSV's text), or a phone's vCards.

A CSV may come from Excel on a Russian system (Windows-1251, semicolons), from a salon
system (UTF-8 with a BOM), or be typed by hand. Its headers may be ours or Russian; the
kind of rows is told by the headers. Columns we do not know are named, not refused: a
salon system's export carries many a studio does not need.
"""
from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.domain.cells import unmark
from clientbook.domain.text import clean_line, fold
from clientbook.errors import UserError
from clientbook.i18n import N_, _, language

# The columns export writes and import reads, by kind, in the order they are written.
COLUMNS = {
    "clients": ["client_id", "last_name", "first_name", "patronymic", "address_as", "phone",
                "phone_alt", "email", "birthday", "tags", "alerts", "notes", "do_not_contact",
                "source", "interval_days"],
    "visits": ["client_id", "date", "service", "category", "master", "price", "status",
               "duration", "formula", "materials", "notes"],
    "contacts": ["client_id", "date", "outcome", "callback_on", "reason", "note"],
}
KINDS = tuple(COLUMNS)
KIND_NAMES = {"clients": N_("clients"), "visits": N_("visits"), "contacts": N_("calls")}
# Also read: a full name in one column, and the client's phone, e-mail and name on visit
# and call rows (a salon system's export names the client, not our studio id).
IDENTITY = ["client_id", "name", "last_name", "first_name", "patronymic", "phone", "email"]
EXTRA = {"clients": ["name"], "visits": IDENTITY + ["time"], "contacts": IDENTITY + ["time"]}

# Headers as studios write them, folded (lower case, ё as е). Where one word means
# different things by kind ("комментарий"), the kind's own table decides.
_SHARED = {
    "client_id": ["client id", "studio id", "id клиента", "код", "код клиента", "номер клиента",
                  "номер карты", "карта", "№ карты", "карта клиента"],
    "name": ["name", "full name", "фио", "ф.и.о.", "ф.и.о", "клиент", "фио клиента",
             "имя клиента", "имя и фамилия"],
    "last_name": ["last name", "surname", "фамилия"],
    "first_name": ["first name", "имя"],
    "patronymic": ["middle name", "отчество"],
    "phone": ["телефон", "тел", "тел.", "мобильный", "мобильный телефон", "моб. телефон",
              "номер телефона", "телефон 1", "телефон клиента", "mobile", "tel"],
    "email": ["e-mail", "e mail", "mail", "эл. почта", "электронная почта", "почта", "емейл"],
    "date": ["дата", "дата визита", "дата записи", "дата и время", "дата звонка", "when"],
    "time": ["время", "время начала", "время визита"],
}
_BY_KIND = {
    "clients": {
        "address_as": ["address as", "обращение", "как обращаться"],
        "phone_alt": ["phone 2", "second phone", "телефон 2", "доп. телефон",
                      "дополнительный телефон", "второй телефон", "рабочий телефон"],
        "birthday": ["дата рождения", "день рождения", "др", "birth date", "date of birth"],
        "tags": ["теги", "метки", "тег"],
        "alerts": ["важно", "аллергии", "аллергия", "противопоказания", "предупреждения"],
        "notes": ["комментарий", "комментарии", "примечание", "примечания", "заметки",
                  "comment", "comments", "note"],
        "do_not_contact": ["do not contact", "не звонить", "не беспокоить"],
        "source": ["источник", "откуда узнал", "откуда узнала", "откуда узнали",
                   "канал привлечения", "рекламный источник"],
        "interval_days": ["interval", "интервал", "интервал, дней", "интервал (дней)",
                          "интервал визитов"],
    },
    "visits": {
        "service": ["services", "услуга", "услуги", "наименование услуги", "название услуги"],
        "category": ["категория", "категория услуги", "группа услуг"],
        "master": ["staff", "мастер", "сотрудник", "специалист", "исполнитель"],
        "price": ["amount", "стоимость", "цена", "сумма", "итого", "оплачено", "сумма к оплате"],
        "status": ["статус", "статус визита", "статус записи"],
        "duration": ["длительность", "длительность, мин", "длительность (мин)", "минут"],
        "formula": ["формула", "рецептура", "формула окрашивания"],
        "materials": ["материалы"],
        "notes": ["комментарий", "комментарии", "примечание", "заметки", "comment", "note"],
    },
    "contacts": {
        "outcome": ["result", "результат", "итог", "итог звонка", "результат звонка"],
        "callback_on": ["callback", "перезвонить", "дата перезвона", "когда перезвонить"],
        "reason": ["причина", "причина отказа", "причина ухода"],
        "note": ["notes", "комментарий", "комментарии", "примечание", "заметка", "comment"],
    },
}
REQUIRED = {"clients": set(), "visits": {"date", "service"}, "contacts": {"date", "outcome"}}
LARGEST_CELL = 16 * 1024 * 1024  # long notes are a studio's own; the csv module stops at 128 KiB


@dataclass
class Table:
    """A file's rows, each a dict of our column names, with where it came from.

    A CSV's rows are read as the import goes (a chain's file has a million of them);
    `count` is how many to expect, for the progress bar.
    """

    name: str
    kind: str
    rows: Iterable[tuple[int, dict[str, str]]]
    unit: str = "line"  # how a row's place is named: a line of a CSV, a card of a vCard file
    ignored: list[str] = field(default_factory=list)  # headers not read
    count: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # each column's header as the file writes it

    def said(self, column: str) -> str:
        """A column in a Russian sentence: the file's own header, else its Russian name (English
        says export's column names, which import reads too)."""
        if language() != "ru":
            return column
        return self.headers.get(column) or column_name(column, self.kind)


def column_name(column: str, kind: str) -> str:
    """A column in the interface's language: in Russian, the first Russian header read as it
    ("birthday": «дата рождения»); in English, its name as export writes it."""
    if language() == "ru":
        for table in (_BY_KIND.get(kind, {}), _SHARED):
            for spelling in table.get(column, ()):
                if not any("a" <= ch <= "z" for ch in spelling):
                    return spelling
    return column


def _header_key(text: str) -> str:
    return " ".join(fold(clean_line(text)).strip(" *:").split())


def _aliases(kind: str) -> dict[str, str]:
    names = {}
    for column in COLUMNS[kind] + EXTRA[kind]:
        names[column] = column
        names[column.replace("_", " ")] = column
    for table in (_SHARED, _BY_KIND[kind]):
        for column, spellings in table.items():
            if column in names.values():
                names.update({spelling: column for spelling in spellings})
    return names


def known_headers(headers: list[str], kind: str | None = None) -> int:
    """How many of `headers` name a column of `kind` (of any kind when None): a header row
    tells itself from a title above it this way."""
    names = set().union(*(_aliases(k) for k in ((kind,) if kind else KINDS)))
    return sum(1 for header in headers if _header_key(header) in names)


def guess_kind(headers: list[str]) -> str:
    """Calls have an outcome, visits a service; anything else is a list of clients."""
    keys = {_header_key(h) for h in headers}
    for kind in ("contacts", "visits"):
        required = REQUIRED[kind] - {"date"}
        if all(keys & {spelling for spelling, column in _aliases(kind).items() if column == need}
               for need in required):
            return kind
    return "clients"


def map_headers(headers: list[str], kind: str, name: str,
                place: str | None = None) -> tuple[list[str | None], list[str]]:
    """Each header's column (None: not read) and the headers not read. `place` names the
    header's line (a CSV's first; a workbook's header may stand below a title)."""
    place = place or _("{file}, line {line}").format(file=name, line=1)
    aliases = _aliases(kind)
    columns: list[str | None] = []
    ignored = []
    for header in headers:
        column = aliases.get(_header_key(header))
        if column is not None and column in columns:
            raise UserError(_("{place}: two columns mean {column} (“{header}”); keep one.").format(
                place=place, column=column_name(column, kind), header=clean_line(header)))
        columns.append(column)
        if column is None and clean_line(header):
            ignored.append(clean_line(header))
    # "Имя" alone holds the whole name; beside "Фамилия" it is the first name.
    if "first_name" in columns and "last_name" not in columns and "name" not in columns:
        columns[columns.index("first_name")] = "name"
    found = set(columns)
    missing = sorted(REQUIRED[kind] - found)
    if kind != "clients" and not found & {"client_id", "phone", "email", "name", "last_name"}:
        missing.insert(0, "client_id")
    if kind == "clients" and not found & {"name", "first_name", "last_name"}:
        missing.insert(0, "name")
    if missing:
        raise UserError(_("{place}: no column for {columns} in a file of {kind} (its columns: "
                          "{known}).").format(place=place, columns=", ".join(column_name(c, kind) for c in missing),
                                              kind=_(KIND_NAMES[kind]),
                                              known=", ".join(column_name(c, kind) for c in COLUMNS[kind])))
    return columns, ignored


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1251."""
    if raw.startswith(b"PK\x03\x04"):
        raise UserError(_("{file} is an Excel workbook; save it as CSV and import that.").format(
            file=name))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1251")
    except UnicodeDecodeError:
        raise UserError(_("{file} is neither UTF-8 nor Windows-1251 text.").format(file=name)) from None


def _delimiter(first_line: str) -> str:
    """The one of ; , tab that splits the header most (outside quotes)."""
    counts = {d: 0 for d in ";,\t"}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, kind: str | None = None) -> Table:
    name = path.name
    text = decode(_read_bytes(path), name)
    if "\x00" in text:
        raise UserError(_("{file} is not a text file.").format(file=name))
    if not text.strip():
        raise UserError(_("{file} is empty.").format(file=name))
    first_line = text[:text.find("\n")] if "\n" in text else text
    skip = 0
    hint = first_line.strip().strip('"').lower()
    if hint.startswith("sep=") and len(hint) >= 5:
        delimiter, skip = hint[4], 1  # Excel's own hint on the first line ("sep=;", "sep=;;")
    else:
        delimiter = _delimiter(first_line)
    body = io.StringIO(text, newline="")
    for _line in range(skip):
        body.readline()
    csv.field_size_limit(max(csv.field_size_limit(), LARGEST_CELL))
    reader = csv.reader(body, delimiter=delimiter)
    try:
        headers = next(reader)
    except csv.Error as error:
        raise _not_csv(name, reader.line_num + skip, error) from None
    kind = kind or guess_kind(headers)
    columns, ignored = map_headers(headers, kind, name)
    expected = text.count("\n") - reader.line_num - skip + (not text.endswith("\n"))
    return Table(name, kind, _rows(reader, columns, skip, name), "line", ignored, max(expected, 0),
                 headers_of(columns, headers))


def headers_of(columns: list[str | None], headers: list[str]) -> dict[str, str]:
    """Each column read, with its header as the file writes it."""
    return {column: clean_line(header) for column, header in zip(columns, headers) if column}


def _rows(reader, columns: list[str | None], skip: int, name: str) -> Iterator[tuple[int, dict]]:
    """(line, row) for each row with something in it, as the csv reader reads them."""
    line = reader.line_num + 1 + skip
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) > len(columns) and not any(c.strip() for c in cells[len(columns):]):
                    cells = cells[:len(columns)]  # Excel's trailing empty cells
                if len(cells) < len(columns) and not any("\n" in c for c in cells):
                    cells += [""] * (len(columns) - len(cells))  # trailing empty cells left out
                if len(cells) != len(columns):  # a quote left open swallows the lines after it
                    yield line, {"__width__": str(len(cells))}
                else:
                    yield line, {c: unmark(v) for c, v in zip(columns, cells) if c}  # our export's "'="
            line = reader.line_num + 1 + skip
    except csv.Error as error:
        raise _not_csv(name, reader.line_num + skip, error) from None


def _not_csv(name: str, line: int, error: csv.Error) -> UserError:
    return UserError(_("{file}, line {line}: the file is not valid CSV ({error}).").format(
        file=name, line=line, error=error))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("There is no file {file}.").format(file=path)) from None
    except IsADirectoryError:
        raise UserError(_("{file} is a folder, not a file.").format(file=path)) from None
    except OSError as error:
        raise UserError(_("{file} cannot be read: {error}.").format(
            file=path, error=error.strerror or error)) from None


def check_regular_file(path: Path) -> None:
    """A file to read is a file on disk: a device (/dev/zero never ends) or a named pipe
    (waits for a writer for ever) is refused before it is opened."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UserError(_("There is no file {file}.").format(file=path)) from None
    except OSError as error:
        raise UserError(_("{file} cannot be read: {error}.").format(
            file=path, error=error.strerror or error)) from None
    if stat.S_ISDIR(mode):
        raise UserError(_("{file} is a folder, not a file.").format(file=path))
    if not stat.S_ISREG(mode):
        raise UserError(_("{file} is a device or a pipe, not a file.").format(file=path))


def is_vcard(path: Path) -> bool:
    if path.suffix.lower() in (".vcf", ".vcard"):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \r\n").upper().startswith(b"BEGIN:VCARD")
    except OSError:
        return False


def read_file(path: str | Path, kind: str | None = None, sheet: str | None = None) -> Table:
    """A CSV, an Excel workbook (its first sheet, or `sheet`) or a vCard file as rows of
    `kind` (told by the headers when not given). What a file is, its first bytes tell."""
    path = Path(path)
    check_regular_file(path)
    from clientbook.services.workbooks import is_workbook, read_workbook

    if is_workbook(path):
        return read_workbook(path, kind, sheet)
    if sheet is not None:
        raise UserError(_("{file} is not an Excel workbook, so it has no sheet “{sheet}”.").format(
            file=path.name, sheet=sheet))
    if is_vcard(path):
        from clientbook.services.vcards import read_vcards

        if kind not in (None, "clients"):
            raise UserError(_("{file} holds contacts from a phone: import it as clients.").format(
                file=path.name))
        return read_vcards(path, decode(_read_bytes(path), path.name))
    return read_csv(path, kind)
