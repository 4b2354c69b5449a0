"""The studio's data out: CSV in the columns import reads (or as a Russian Excel opens it),
an Excel workbook of the same columns, vCards for a phone, and JSON with everything the
book holds. Rows are written as they are read: a chain's book of 1.5 million visits is
never held in memory whole.

A client without a studio id is written as "#<number in this book>": visits and calls
refer to it, and importing the files back into this book finds the same client.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from clientbook.domain.cells import neutralise_row
from clientbook.domain.dates import Birthday
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.import_files import COLUMNS, KIND_NAMES, KINDS
from clientbook.services.vcards import client_card
from db import export_store as store
from db.migrations import LATEST
from db.stamps import stamp

FORMATS = ("csv", "json", "vcard", "xlsx")
BINARY = ("xlsx",)  # written as bytes, never to a terminal
JSON_FORMAT_VERSION = 1
# What JSON holds: every table a studio wrote, each after the tables its rows refer to (a
# JSON import writes them in this order). The search index, the figures and the return
# model are rebuilt from these (services.derived); tests/unit/test_json_import.py checks
# that every other table of the book is one of those.
JSON_TABLES = ("settings", "masters", "services", "reasons", "clients", "tags", "client_tags",
               "preferences", "talking_points", "visits", "visit_services", "contacts",
               "complaints", "courses", "course_sessions", "bonus_movements", "winback_cases")


def _money(cents) -> str:
    if cents is None:
        return ""
    whole, rest = divmod(cents, 100)
    return f"{whole}.{rest:02d}" if rest else str(whole)


def client_rows(database) -> Iterator[dict[str, str]]:
    for (ref, last, first, patronymic, address_as, phone, phone_alt, email, day, month, year,
         tags, alerts, notes, do_not_contact, source, interval) in store.client_rows(database):
        yield dict(zip(COLUMNS["clients"], (
            ref, last, first, patronymic, address_as, phone or "", phone_alt or "", email or "",
            Birthday(day, month, year).iso() if day else "", tags or "", alerts, notes,
            "yes" if do_not_contact else "no", source or "", str(interval or ""))))


def visit_rows(database) -> Iterator[dict[str, str]]:
    for ref, starts, services, categories, master, price, status, duration, formula, materials, \
            notes in store.visit_rows(database):
        yield dict(zip(COLUMNS["visits"], (
            ref, starts, services or "", categories or "", master or "", _money(price), status,
            str(duration or ""), formula, materials, notes)))


def contact_rows(database) -> Iterator[dict[str, str]]:
    for ref, at, outcome, callback_on, reason, note in store.call_rows(database):
        yield dict(zip(COLUMNS["contacts"], (ref, at, outcome, callback_on or "", reason or "", note)))


ROWS = {"clients": client_rows, "visits": visit_rows, "contacts": contact_rows}


def write_csv(database, kind: str, out: TextIO, excel: bool = False) -> int:
    """One kind as CSV (UTF-8, comma, a header of our column names); returns the row count.
    A cell a spreadsheet would run (=, +, -, @, tab, CR first) gets a leading "'" (domain.cells).

    `excel`: as a Russian Excel opens a CSV by double-click: a BOM (else it reads the
    file as Windows-1251), ";" between cells (its list separator) and a decimal comma in
    prices (else "1500.50" is text to it). Import reads all three."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], lineterminator="\r\n",
                            delimiter=";" if excel else ",")
    if excel:
        out.write("\ufeff")
    writer.writeheader()
    count = 0
    for row in ROWS[kind](database):
        if excel and row.get("price"):
            row["price"] = row["price"].replace(".", ",")
        writer.writerow(neutralise_row(row))  # never a formula in a spreadsheet: "'=…"
        count += 1
    return count


def sheet_title(kind: str) -> str:
    """A kind's sheet in a workbook, named in the interface's language ("Клиенты")."""
    name = _(KIND_NAMES[kind])
    return name[:1].upper() + name[1:]


def write_xlsx(database, out: BinaryIO) -> int:
    """Clients, visits and calls, a sheet each, in the columns of the CSV (services.workbooks)."""
    from clientbook.services.workbooks import write_workbook

    return write_workbook(out, ((sheet_title(kind), COLUMNS[kind], ROWS[kind](database))
                                for kind in KINDS))


def write_vcards(database, out: TextIO) -> int:
    count = 0
    for row in client_rows(database):
        out.write(client_card(row))
        count += 1
    return count


def write_json(database, out: TextIO) -> int:
    """Every row of every table the studio wrote, archived clients too; returns the row count."""
    count = 0
    head = {"format": "clientbook", "format_version": JSON_FORMAT_VERSION, "schema_level": LATEST,
            "exported_at": stamp(database)}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "tables": {')
    for number, table in enumerate(JSON_TABLES):
        names, rows = store.table_rows(database, table)
        out.write(("," if number else "") + f"\n{json.dumps(table)}: [")
        for index, row in enumerate(rows):
            out.write(("," if index else "") + "\n  " +
                      json.dumps(dict(zip(names, row)), ensure_ascii=False))
            count += 1
        out.write("\n]")
    out.write("\n}}\n")
    return count


def check_export(fmt: str, kind: str, excel: bool = False) -> None:
    if fmt not in FORMATS:
        raise UserError(_("“{format}” is not an export format (one of: {formats}).").format(
            format=fmt, formats=", ".join(FORMATS)))
    if kind not in KINDS:
        raise UserError(_("“{kind}” is not a kind of export (one of: {kinds}).").format(
            kind=kind, kinds=", ".join(KINDS)))
    if excel and fmt != "csv":
        raise UserError(_("--excel is for CSV: an Excel workbook is --format xlsx."))


def export(database, out: TextIO, fmt: str = "csv", kind: str = "clients", excel: bool = False) -> int:
    """Write the book's data in `fmt` to `out`; returns how many rows or cards were written."""
    check_export(fmt, kind, excel)
    if fmt in BINARY:
        raise UserError(_("An Excel workbook cannot be shown on the screen; name the file to "
                          "write it to with --output (for example -o clients.xlsx)."))
    if fmt == "csv":
        return write_csv(database, kind, out, excel)
    if fmt == "vcard":
        return write_vcards(database, out)
    return write_json(database, out)


def export_to_file(database, path: Path, fmt: str = "csv", kind: str = "clients",
                   excel: bool = False) -> int:
    """Export into `path`, whole or not at all: written to a new private file beside it (created
    exclusively, 0600, never through a link or into a file someone put there), then renamed
    over it. An existing file of that name is replaced, never written into: client data
    never lands in a file another user owns or may write."""
    check_export(fmt, kind, excel)
    try:
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as error:
        raise UserError(_("{file} cannot be written: {error}.").format(
            file=path, error=error.strerror or error)) from None
    try:
        binary = fmt in BINARY
        with open(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="") as out:
            count = write_xlsx(database, out) if binary else export(database, out, fmt, kind, excel)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as error:
        raise UserError(_("{file} cannot be written: {error}.").format(
            file=path, error=error.strerror or error)) from None
    finally:
        Path(partial).unlink(missing_ok=True)  # gone already when renamed
    return count
