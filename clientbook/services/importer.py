"""Bringing a studio's spreadsheet in: clients, visits and the call log from CSV.

An import is all or nothing: every row is read and checked first, every problem is
named with its file, line and field, and only a clean file is written — in one
transaction, with the search index and the figures of every touched client.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.domain.dates import DateError, parse_birthday, parse_iso_date, parse_iso_datetime
from clientbook.domain.names import split_full_name
from clientbook.domain.text import PhoneError, clean_line, clean_notes, parse_phone
from clientbook.errors import UserError
from clientbook.services.clients import now, set_tags, validate_email
from clientbook.services.contacts import Outcome, find_reason, record_contact
from clientbook.services.figures import refresh_clients
from clientbook.services.indexing import index_clients
from clientbook.services.settings import default_region
from clientbook.services.visits import NewVisit, insert_visit
from db.models import OUTCOMES, VISIT_STATUSES

COLUMNS = {
    "clients": ["client_id", "name", "phone", "email", "birthday", "tags", "notes",
                "do_not_contact", "source"],
    "visits": ["client_id", "date", "service", "category", "master", "price", "status", "notes"],
    "contacts": ["client_id", "date", "outcome", "callback_on", "reason", "note"],
}
REQUIRED = {"clients": {"name"}, "visits": {"client_id", "date", "service"},
            "contacts": {"client_id", "date", "outcome"}}
MAX_SHOWN = 20
YES = {"yes", "y", "1", "true", "да", "д", "+"}
NO = {"no", "n", "0", "false", "нет", "н", "-", ""}


class RowError(ValueError):
    """A field cannot be read: (field, message)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str


class ImportFailed(UserError):
    def __init__(self, name: str, problems: list[Problem]):
        self.problems = problems
        shown = [f"  {name}, line {p.line}, {p.field}: {p.message}" for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            shown.append(f"  …and {len(problems) - MAX_SHOWN} more")
        super().__init__(
            f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
            f"nothing was imported.\n" + "\n".join(shown)
        )


@dataclass
class ImportSummary:
    kind: str
    added: int = 0
    updated: int = 0
    skipped: int = 0
    touched: set[int] = field(default_factory=set)


def read_rows(path: Path, kind: str) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a UTF-8 CSV, the header checked against the kind's columns."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(f"{path} cannot be read: {error.strerror or error}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 text; save it from the spreadsheet as “CSV UTF-8”.") from None
    if not text.strip():
        raise UserError(f"{name} is empty.")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [clean_line(h).lower() for h in next(reader)]
    unknown = [h for h in header if h not in COLUMNS[kind]]
    missing = sorted(REQUIRED[kind] - set(header))
    if unknown or missing:
        parts = []
        if unknown:
            parts.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
        if missing:
            parts.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        raise UserError(f"{name}, line 1: {'; '.join(parts)} (a {kind} file has: {','.join(COLUMNS[kind])}).")
    rows, line = [], reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) != len(header):
                    rows.append((line, {"__width__": str(len(cells))}))
                else:
                    rows.append((line, dict(zip(header, cells))))
            line = reader.line_num + 1
    except csv.Error as error:
        raise UserError(f"{name}, line {reader.line_num}: the file is not valid CSV ({error}).") from None
    return rows


def _yes_no(text: str) -> bool:
    value = clean_line(text).lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise RowError("do_not_contact", f"“{text}” is not yes or no.")


def _money(text: str) -> int | None:
    value = clean_line(text).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    value = value.removesuffix("₽").removesuffix("руб.").removesuffix("р.")
    if not value:
        return None
    try:
        amount = float(value)
    except ValueError:
        raise RowError("price", f"“{text}” is not a price.") from None
    if amount < 0:
        raise RowError("price", f"“{text}” is negative.")
    return round(amount * 100)


class _Row:
    """One row being checked: each field read on its own, every problem kept."""

    def __init__(self, row: dict[str, str]):
        self.row, self.problems = row, []

    def text(self, name: str) -> str:
        return self.row.get(name, "")

    def read(self, name: str, parse, *, default=None):
        """parse(text) for a non-empty field; a failure is noted against the field."""
        text = self.text(name)
        if not clean_line(text):
            return default
        try:
            return parse(text)
        except RowError as error:
            self.problems.append((error.field, str(error)))
        except (DateError, PhoneError, UserError) as error:
            self.problems.append((name, str(error)))
        return default

    def need(self, name: str) -> str:
        value = clean_line(self.text(name))
        if not value:
            self.problems.append((name, "is empty."))
        return value


class _Import:
    """One file's rows checked against the book and written by kind."""

    def __init__(self, database, path: Path, kind: str):
        self.database, self.path, self.kind = database, path, kind
        self.region = default_region(database)
        self.summary = ImportSummary(kind)
        self.problems: list[Problem] = []
        self.known_ids = dict(database.execute_sql(
            "SELECT external_id, id FROM clients WHERE external_id IS NOT NULL").fetchall())
        self.services = {name for (name,) in database.execute_sql("SELECT name FROM services")}
        self.seen_ids: dict[str, int] = {}

    def run(self, rows) -> ImportSummary:
        checked = []
        check: Callable = getattr(self, f"check_{self.kind}")
        for line, row in rows:
            if "__width__" in row:
                self.problems.append(Problem(line, "row", f"has {row['__width__']} cells, "
                                                          f"not as many as the header"))
                continue
            reading = _Row(row)
            record = check(reading, line)
            self.problems += [Problem(line, name, message) for name, message in reading.problems]
            if not reading.problems:
                checked.append(record)
        if self.problems:
            raise ImportFailed(self.path.name, self.problems)
        with self.database.atomic():
            write = getattr(self, f"write_{self.kind}")
            for record in checked:
                write(record)
            touched = sorted(self.summary.touched)
            index_clients(self.database, touched)
            refresh_clients(self.database, touched)
        return self.summary

    def client(self, row: _Row) -> int | None:
        external = row.need("client_id")
        if external and external not in self.known_ids:
            row.problems.append(("client_id", f"no client has the studio id “{external}” "
                                              f"(import the clients first)."))
        return self.known_ids.get(external)

    def check_clients(self, row: _Row, line: int) -> dict:
        parts = split_full_name(row.text("name"))
        if not parts.first:
            row.problems.append(("name", "is empty."))
        external = clean_line(row.text("client_id")) or None
        if external in self.seen_ids:
            row.problems.append(("client_id", f"“{external}” is already on line {self.seen_ids[external]}."))
        elif external:
            self.seen_ids[external] = line
        return {
            "external_id": external, "first": parts.first, "last": parts.last,
            "patronymic": parts.patronymic,
            "phone": row.read("phone", lambda t: parse_phone(t, self.region)),
            "email": row.read("email", validate_email),
            "birthday": row.read("birthday", parse_birthday),
            "tags": [t for t in row.text("tags").split(";") if clean_line(t)],
            "notes": clean_notes(row.text("notes")),
            "do_not_contact": row.read("do_not_contact", _yes_no, default=False),
            "source": clean_line(row.text("source")) or None,
        }

    def write_clients(self, r: dict) -> None:
        b = r["birthday"]
        values = (r["first"], r["last"], r["patronymic"], r["phone"], r["email"],
                  b.day if b else None, b.month if b else None, b.year if b else None,
                  r["notes"], int(r["do_not_contact"]), r["source"], now())
        existing = self.known_ids.get(r["external_id"]) if r["external_id"] else None
        if existing:
            self.database.execute_sql(
                "UPDATE clients SET first_name = ?, last_name = ?, patronymic = ?, phone = ?, "
                "email = ?, birth_day = ?, birth_month = ?, birth_year = ?, notes = ?, "
                "do_not_contact = ?, source = ?, updated_at = ? WHERE id = ?", (*values, existing))
            client_id = existing
            self.summary.updated += 1
        else:
            client_id = self.database.execute_sql(
                "INSERT INTO clients (first_name, last_name, patronymic, phone, email, birth_day, "
                "birth_month, birth_year, notes, do_not_contact, source, updated_at, created_at, "
                "external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, values[-1], r["external_id"])).lastrowid
            if r["external_id"]:
                self.known_ids[r["external_id"]] = client_id
            self.summary.added += 1
        set_tags(self.database, client_id, r["tags"])
        self.summary.touched.add(client_id)

    def check_visits(self, row: _Row, line: int) -> dict:
        client_id = self.client(row)
        starts = row.read("date", parse_iso_datetime)
        if starts is None and not clean_line(row.text("date")):
            row.problems.append(("date", "is empty."))
        service = row.need("service")
        status = clean_line(row.text("status")).lower() or "done"
        if status not in VISIT_STATUSES:
            row.problems.append(("status", f"“{row.text('status')}” is not one of {', '.join(VISIT_STATUSES)}."))
        category = clean_line(row.text("category"))
        if service and service not in self.services:
            if category:
                self.services.add(service)  # later rows may name it without a category
            else:
                row.problems.append(("category", f"is needed for the new service “{service}”."))
        return {"client_id": client_id, "category": category, "visit": NewVisit(
            starts, (service,), master=clean_line(row.text("master")), status=status,
            price_cents=row.read("price", _money), notes=clean_notes(row.text("notes")))}

    def write_visits(self, r: dict) -> None:
        insert_visit(self.database, r["client_id"], r["visit"], {r["visit"].services[0]: r["category"]})
        self.summary.added += 1
        self.summary.touched.add(r["client_id"])

    def check_contacts(self, row: _Row, line: int) -> dict:
        client_id = self.client(row)
        at = row.read("date", parse_iso_datetime)
        if at is None and not clean_line(row.text("date")):
            row.problems.append(("date", "is empty."))
        outcome = clean_line(row.text("outcome")).lower()
        if outcome not in OUTCOMES:
            row.problems.append(("outcome", f"“{row.text('outcome')}” is not one of {', '.join(OUTCOMES)}."))
        callback_on = row.read("callback_on", parse_iso_date)
        if outcome == "callback" and callback_on is None and not clean_line(row.text("callback_on")):
            row.problems.append(("callback_on", "a call-back needs its date."))
        reason = clean_line(row.text("reason"))
        row.read("reason", lambda t: find_reason(self.database, t))
        return {"client_id": client_id, "at": at, "outcome": Outcome(
            outcome, on=callback_on, reason=reason, note=row.text("note"))}

    def write_contacts(self, r: dict) -> None:
        # A "booked" call comes without its booking: that arrives as a planned visit.
        record_contact(self.database, r["client_id"], r["at"], r["outcome"])
        self.summary.added += 1
        self.summary.touched.add(r["client_id"])


def import_file(database, path: str | Path, kind: str) -> ImportSummary:
    """Import one CSV file of `kind` (clients, visits or contacts); all or nothing."""
    if kind not in COLUMNS:
        raise UserError(f"“{kind}” is not a kind of import (one of: {', '.join(COLUMNS)}).")
    path = Path(path)
    return _Import(database, path, kind).run(read_rows(path, kind))
