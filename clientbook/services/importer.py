"""Bringing a studio's data in: clients, visits and the call log, from CSV, Excel or vCards
(a whole book from a clientbook JSON export: services.import_json).

An import is one transaction: every row is read, matched and written inside it, every
problem is kept with its file, line and field, and a file with any problem is rolled back
whole. A dry run does the same and rolls back at the end, so its counts are exact.

Running an import again creates no duplicates: a client is the one with the row's studio
id, else its phone, else its e-mail, else — for a row with none of these — the one client
with its name (a phone or e-mail shared with someone of another first name — a mother and
daughter — is a new client, flagged as a suspected duplicate). Visits already in the book
(same client, moment and services) and calls (same client, moment and outcome) are not
added twice.

Rows are the studio's history, not bookings made today: a pencilled booking that was never
closed comes in on its past day (the card closes it), while a visit marked done after
`today` is refused, as everywhere (clientbook.domain.visits).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from clientbook.domain.dates import DateError, parse_birthday, parse_sheet_date, parse_sheet_datetime
from clientbook.domain.names import full_name, split_full_name
from clientbook.domain.rhythm import IntervalError, read_interval_days
from clientbook.domain.text import PhoneError, clean_line, clean_notes, fold, format_phone, parse_phone
from clientbook.domain.visits import PriceError, check_took_place, parse_price
from clientbook.errors import UserError
from clientbook.i18n import _, ngettext
from clientbook.services.clients import set_tags, validate_email
from clientbook.services.contacts import Outcome, find_reason, record_contact
from clientbook.services.figures import refresh_clients
from clientbook.services.import_files import KIND_NAMES, KINDS, Table, read_file
from clientbook.services.import_json import JsonSummary, describe_json, import_json, is_json
from clientbook.services.indexing import index_clients
from clientbook.services.settings import default_region
from clientbook.services.visits import NewVisit, insert_visit, master_id
from clientbook.services.words import OUTCOMES_SAID, STATUSES, Codes, read_yes_no
from db import import_store as store
from db.presence import Presence
from db.stamps import stamp

MAX_SHOWN = 20
PROGRESS_EVERY = 500


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


@dataclass(frozen=True)
class Suspect:
    """A client added although one like them is already in the book."""

    line: int
    name: str
    like: str  # who they look like, and why


class ImportFailed(UserError):
    def __init__(self, table: Table, problems: list[Problem]):
        self.problems = problems
        shown = [_("  {file}, {unit} {line}, {field}: {message}").format(
            file=table.name, unit=_unit(table), line=p.line, field=table.said(p.field), message=p.message)
            for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            shown.append(_("  …and {n} more").format(n=len(problems) - MAX_SHOWN))
        head = ngettext("{file}: {n} problem; nothing was imported.",
                        "{file}: {n} problems; nothing was imported.", len(problems))
        super().__init__(head.format(file=table.name, n=len(problems)) + "\n" + "\n".join(shown))


def _unit(table: Table) -> str:
    return {"card": _("card"), "row": _("row")}.get(table.unit) or _("line")


@dataclass
class ImportSummary:
    file: str
    kind: str
    dry_run: bool = False
    added: int = 0
    updated: int = 0
    skipped: int = 0
    new_clients: int = 0  # made from the names on visit or call rows
    suspects: list[Suspect] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns not read
    touched: set[int] = field(default_factory=set)


def _choice(text: str, codes: Codes, field_name: str, default: str) -> str:
    if not clean_line(text):
        return default
    code = codes.read(text)
    if code is None:
        raise RowError(field_name, _("“{text}” is not one of {choices}.").format(
            text=clean_line(text), choices=codes.choices()))
    return code


def _yes_no(text: str) -> bool:
    said = read_yes_no(text)
    if said is not None:
        return said
    raise RowError("do_not_contact", _("“{text}” is not yes or no.").format(text=text))


def _whole(name: str):
    def parse(text: str) -> int:
        value = clean_line(text)
        if not (value.isascii() and value.isdigit() and 0 < int(value) < 100_000):
            raise RowError(name, _("“{text}” is not a whole number above zero.").format(text=text))
        return int(value)
    return parse


def _tags(text: str) -> list[str]:
    parts = text.split(";") if ";" in text else text.split(",")
    return [clean_line(t) for t in parts if clean_line(t)]


class _Row:
    """One row being read: each field on its own, every problem kept."""

    def __init__(self, row: dict[str, str]):
        self.row, self.problems = row, []

    def text(self, name: str) -> str:
        return clean_line(self.row.get(name, ""))

    def read(self, name: str, parse, *, default=None):
        """parse(text) for a non-empty field; a failure is noted against the field."""
        raw = self.row.get(name, "")
        if not clean_line(raw):
            return default
        try:
            return parse(raw)
        except RowError as error:
            self.problems.append((error.field, str(error)))
        except (DateError, PhoneError, PriceError, IntervalError, UserError) as error:
            self.problems.append((name, str(error)))
        return default

    def need(self, name: str, parse=lambda text: clean_line(text)):
        if not self.text(name):
            self.problems.append((name, _("is empty.")))
            return None
        return self.read(name, parse)


@dataclass
class _Person:
    """Who a row is about, as far as the row says."""

    external: str | None
    first: str
    last: str
    patronymic: str
    phone: str | None
    email: str | None

    @property
    def name(self) -> str:
        return full_name(self.first, self.last, self.patronymic)


class _Clients:
    """The book's clients by studio id, phone, e-mail and name, kept current as rows land."""

    def __init__(self, database, region: str):
        self.database, self.region = database, region
        self.by_id: dict[str, int] = {}
        # phones, e-mails and names are shared (a family's phone, namesakes): every holder
        self.by_phone: dict[str, list[int]] = defaultdict(list)
        self.by_email: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.names: dict[int, tuple[str, str]] = {}
        self.external_of: dict[int, str] = {}
        self.reachable: set[int] = set()  # clients with a phone or an e-mail
        for row in store.clients_to_match(database):
            self.remember(*row)

    def remember(self, client_id, external, phone, phone_alt, email, first, last, patronymic):
        if phone or phone_alt or email:
            self.reachable.add(client_id)
        if external:
            self.by_id[external] = client_id
            self.external_of[client_id] = external
        for number in (phone, phone_alt):  # the main phone's holder is asked first
            if number:
                self.by_phone[number].append(client_id)
        if email:
            self.by_email[email].append(client_id)
        self.by_name[_name_key(first, last)].append(client_id)  # a patronymic is often left out
        self.names[client_id] = (fold(first), fold(last))

    def _same_first_name(self, client_id: int, person: _Person) -> bool:
        first, last = self.names[client_id]
        given = fold(person.first)
        return not given or not first or given in (first, last)

    def _same_person(self, client_id: int, person: _Person) -> bool:
        """Sharing a phone or e-mail makes the same client, unless the first name or the
        studio id says otherwise (a mother and daughter; two cards of one family)."""
        theirs = self.external_of.get(client_id)
        if person.external and theirs and person.external != theirs:
            return False
        return self._same_first_name(client_id, person)

    def find(self, person: _Person) -> tuple[int | None, str]:
        """(client, "") when found; (None, why they look alike) for a suspected duplicate."""
        if person.external and person.external in self.by_id:
            return self.by_id[person.external], ""
        own = _own_number(person.external)  # a client without a studio id is exported as "#17"
        if (own in self.names and own not in self.external_of and person.first
                and self._same_first_name(own, person)):
            return own, ""  # this book's own export, read back
        suspicion = ""
        for key, known, like in ((person.phone, self.by_phone, _("the same phone as {client}")),
                                 (person.email, self.by_email, _("the same e-mail as {client}"))):
            holders = known.get(key, []) if key else []
            for found in holders:
                if self._same_person(found, person):
                    return found, ""
            if holders:
                suspicion = suspicion or like.format(client=self.who(holders[0]))
        twins = self.by_name.get(_name_key(person.first, person.last), [])
        if not (person.external or person.phone or person.email):
            if len(twins) == 1:
                return twins[0], ""  # a name alone, and only one client has it
            if twins:
                return None, _("the same name as {client}").format(client=self.who(twins[0]))
        # The same name with phones on both sides is two people: namesakes are common.
        if twins and not suspicion and not (
                twins[0] in self.reachable and (person.phone or person.email)):
            suspicion = _("the same name as {client}").format(client=self.who(twins[0]))
        return None, suspicion

    def who(self, client_id: int) -> str:
        """A client as the admin finds them: name, phone, studio id."""
        first, last, patronymic, phone, external = store.who(self.database, client_id)
        return ", ".join(part for part in (full_name(first, last, patronymic),
                                           format_phone(phone, self.region), external) if part)


def _name_key(first: str, last: str) -> str:
    return fold(f"{last} {first}")


def _own_number(external: str | None) -> int | None:
    """The client number in "#17", as export writes a client without a studio id."""
    if external and external.startswith("#") and external[1:].isascii() and external[1:].isdigit():
        return int(external[1:])
    return None


class _Import:
    """One file's rows, read and written by kind inside the caller's transaction."""

    def __init__(self, database, table: Table, today: date, dry_run: bool):
        self.database, self.table, self.today = database, table, today
        self.written = stamp(database)  # every row of one import is stamped alike
        self.region = default_region(database)
        self.summary = ImportSummary(table.name, table.kind, dry_run, ignored=table.ignored)
        self.problems: list[Problem] = []
        self.clients = _Clients(database, self.region)
        self.known: dict = {}  # masters' and services' ids, found once per import
        self.lines_by_id: dict[str, int] = {}

    def run(self, progress: Callable[[int, int], None] | None) -> None:
        handle = getattr(self, f"import_{self.table.kind}")
        total, done, told = self.table.count, 0, 0
        for done, (line, cells) in enumerate(self.table.rows, start=1):
            if "__width__" in cells:
                self.problems.append(Problem(line, "row", _(
                    "has {n} cells, not as many as the header.").format(n=cells["__width__"])))
            else:
                row = _Row(cells)
                handle(row, line)
                self.problems += [Problem(line, name, message) for name, message in row.problems]
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, max(total, done))
                told = done
        if progress and done != told:  # the expected count was only an estimate
            progress(done, done)
        if not self.problems:
            touched = sorted(self.summary.touched)
            index_clients(self.database, touched)
            refresh_clients(self.database, touched)

    # --- who a row is about -------------------------------------------------------------

    def phone(self, text: str) -> str:
        # "+7…" as our export writes it is kept when the phone plan does not know the range
        return parse_phone(text, self.region, stored=True)

    def person(self, row: _Row) -> _Person:
        if row.text("name"):
            parts = split_full_name(row.text("name"))
            first, last, patronymic = parts.first, parts.last, parts.patronymic
        else:
            first, last, patronymic = row.text("first_name"), row.text("last_name"), row.text("patronymic")
        return _Person(
            external=row.text("client_id") or None, first=first, last=last, patronymic=patronymic,
            phone=row.read("phone", self.phone),
            email=row.read("email", validate_email))

    def client_of(self, row: _Row, line: int) -> int | None:
        """The client a visit or call row is about; made from the row's name if new."""
        person = self.person(row)
        found, suspicion = self.clients.find(person)
        if found is not None or row.problems:
            return found
        if not (person.first or person.last):
            what = person.external or person.phone or person.email or ""
            row.problems.append(("client_id", _("no client is “{what}”; import the clients "
                                                "first, or give the client's name.").format(what=what)))
            return None
        client_id = self.insert_client(person, {})
        self.summary.new_clients += 1
        if suspicion:
            self.summary.suspects.append(Suspect(line, person.name, suspicion))
        return client_id

    def insert_client(self, person: _Person, fields: dict) -> int:
        values = {"external_id": person.external, "first_name": person.first,
                  "last_name": person.last, "patronymic": person.patronymic,
                  "phone": person.phone, "email": person.email, **fields,
                  "created_at": self.written, "updated_at": self.written}
        client_id = store.insert_client(self.database, values)
        self.clients.remember(client_id, person.external, person.phone, values.get("phone_alt"),
                              person.email, person.first, person.last, person.patronymic)
        self.summary.touched.add(client_id)
        return client_id

    # --- clients --------------------------------------------------------------------------

    def import_clients(self, row: _Row, line: int) -> None:
        person = self.person(row)
        if not (person.first or person.last):
            row.problems.append(("name", _("is empty.")))
        if person.external in self.lines_by_id:
            row.problems.append(("client_id", _("“{id}” is already on line {line}.").format(
                id=person.external, line=self.lines_by_id[person.external])))
        elif person.external:
            self.lines_by_id[person.external] = line
        birthday = row.read("birthday", lambda t: parse_birthday(t, self.today))
        fields = {
            "address_as": row.text("address_as") or None,
            "phone_alt": row.read("phone_alt", self.phone),
            "birth_day": birthday.day if birthday else None,
            "birth_month": birthday.month if birthday else None,
            "birth_year": birthday.year if birthday else None,
            "alerts": clean_notes(row.row.get("alerts")) or None,
            "notes": clean_notes(row.row.get("notes")) or None,
            "do_not_contact": row.read("do_not_contact", _yes_no),
            "source": row.text("source") or None,
            "interval_override_days": row.read("interval_days", read_interval_days),
        }
        tags = _tags(row.row.get("tags", ""))
        if row.problems:
            return
        fields = {key: value for key, value in fields.items() if value is not None}
        found, suspicion = self.clients.find(person)
        if found is None:
            client_id = self.insert_client(person, fields)
            self.summary.added += 1
            if suspicion:
                self.summary.suspects.append(Suspect(line, person.name, suspicion))
        else:
            client_id = found
            if not self.update_client(client_id, person, fields, tags):
                self.summary.skipped += 1
                return
            self.summary.updated += 1
        if tags:
            set_tags(self.database, client_id, tags)
        self.summary.touched.add(client_id)

    def update_client(self, client_id: int, person: _Person, fields: dict, tags: list[str]) -> bool:
        """Write what the row says and the book does not; an empty cell keeps the book's value."""
        if fields.get("do_not_contact") is False:
            del fields["do_not_contact"]  # a client's "do not call me" stands until they say otherwise
        given = {"first_name": person.first, "last_name": person.last,
                 "patronymic": person.patronymic, "phone": person.phone, "email": person.email,
                 **fields}
        if person.external and _own_number(person.external) != client_id:
            given["external_id"] = person.external
        given = {key: value for key, value in given.items() if value not in (None, "")}
        stored = store.client_values(self.database, client_id, given)
        changed = {key: value for (key, value), old in zip(given.items(), stored) if value != old}
        stored_tags = store.tag_names_of(self.database, client_id)
        if not changed and (not tags or set(tags) == stored_tags):
            return False
        if changed:
            store.update_client(self.database, client_id, changed, self.written)
        return True

    # --- visits ---------------------------------------------------------------------------

    def moment(self, row: _Row) -> datetime | None:
        when = row.need("date", parse_sheet_datetime)
        at = row.read("time", _time_of_day)
        if when is not None and at is not None and when.time() == time():
            when = datetime.combine(when.date(), at)
        return when

    def import_visits(self, row: _Row, line: int) -> None:
        starts = self.moment(row)
        # A booking made on a call has no service yet: the column is there, the cell empty.
        services = [clean_line(s) for s in row.text("service").split(";") if clean_line(s)]
        status = row.read("status", lambda t: _choice(t, STATUSES, "status", "done"), default="done")
        if starts is not None and not row.problems:
            # The book's history as it was: a booking never closed stays a past booking, but
            # a visit marked done cannot have happened after today.
            try:
                check_took_place(status, starts.date(), self.today)
            except DateError as error:
                row.problems.append(("date", str(error)))
        price = row.read("price", parse_price)
        duration = row.read("duration", _whole("duration"))
        client_id = self.client_of(row, line) if not row.problems else None
        if row.problems or client_id is None:
            return
        stamp = starts.isoformat(sep=" ", timespec="seconds")
        master = row.text("master")
        existing = self.same_visit(client_id, stamp, services)
        notes = clean_notes(row.row.get("notes"))
        if existing:
            wanted = (status, price if price is not None else existing[2],
                      master_id(self.database, master) if master else existing[3],
                      notes or existing[4])
            if wanted == tuple(existing[1:]):
                self.summary.skipped += 1
                return
            store.update_visit(self.database, existing[0], *wanted)
            self.summary.updated += 1
        else:
            categories = [clean_line(c) for c in row.text("category").split(";")]
            if len(categories) != len(services):  # one category for all the visit's services
                categories = [row.text("category")] * len(services)
            insert_visit(self.database, client_id, NewVisit(
                starts, tuple(services), master=master, status=status, price_cents=price,
                duration_min=duration, notes=notes, formula=row.row.get("formula", ""),
                materials=row.row.get("materials", "")),
                {name: category or name for name, category in zip(services, categories)},
                self.known)
            self.summary.added += 1
        self.summary.touched.add(client_id)

    def same_visit(self, client_id: int, stamp: str, services: list[str]) -> tuple | None:
        """The client's visit at that moment for the same services, if the book has it."""
        for visit_id, status, price, master, notes in store.visits_at(self.database, client_id, stamp):
            if store.service_names_of(self.database, visit_id) == set(services):
                return visit_id, status, price, master, notes
        return None

    # --- calls ----------------------------------------------------------------------------

    def import_contacts(self, row: _Row, line: int) -> None:
        at = self.moment(row)
        outcome = row.need("outcome", lambda t: _choice(t, OUTCOMES_SAID, "outcome", ""))
        callback_on = row.read("callback_on", parse_sheet_date)
        if outcome == "callback" and callback_on is None and not row.text("callback_on"):
            row.problems.append(("callback_on", _("a call-back needs its date.")))
        reason = row.text("reason")
        row.read("reason", lambda t: find_reason(self.database, t))
        client_id = self.client_of(row, line) if not row.problems else None
        if row.problems or client_id is None:
            return
        stamp = at.isoformat(sep=" ")
        if store.call_recorded(self.database, client_id, stamp, outcome):
            self.summary.skipped += 1
            return
        # A "booked" call comes without its booking: that arrives as a planned visit.
        record_contact(self.database, client_id, at, Outcome(
            outcome, on=callback_on if outcome == "callback" else None, reason=reason,
            note=row.row.get("note", "")))
        self.summary.added += 1
        self.summary.touched.add(client_id)


def _time_of_day(text: str) -> time:
    try:
        return time.fromisoformat(clean_line(text).replace(".", ":").zfill(5))
    except ValueError:
        raise RowError("time", _("“{text}” is not a time of day.").format(text=text)) from None


def import_table(database, table: Table, *, today: date, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Import rows already read from a file; all or nothing (a dry run: nothing)."""
    presence = Presence(database.path)  # a restore waits for nobody: it refuses meanwhile
    try:
        with database.atomic() as transaction:
            # The book as it is matched against is read inside the write transaction: another
            # import of the same file waits, then finds the clients the first one added.
            work = _Import(database, table, today, dry_run)
            work.run(progress)
            if work.problems or dry_run:
                transaction.rollback()
    finally:
        presence.release()
    if work.problems:
        raise ImportFailed(table, work.problems)
    return work.summary


def import_file(database, path: str | Path, kind: str | None = None, *, today: date | None = None,
                dry_run: bool = False, progress=None, sheet: str | None = None) -> ImportSummary | JsonSummary:
    """Import one CSV, Excel workbook (its first sheet, or `sheet`) or vCard file of `kind`
    (told by its headers when None), or load a clientbook JSON export into an empty book
    (services.import_json)."""
    if kind is not None and kind not in KINDS:
        raise UserError(_("“{kind}” is not a kind of import (one of: {kinds}).").format(
            kind=kind, kinds=", ".join(KINDS)))
    if is_json(path):
        name = Path(path).name
        if sheet is not None:
            raise UserError(_("{file} is not an Excel workbook, so it has no sheet “{sheet}”.").format(
                file=name, sheet=sheet))
        if kind is not None:
            raise UserError(_("{file} is a JSON export of a whole book: import it without --kind.").format(
                file=name))
        return import_json(database, path, today=today, dry_run=dry_run, progress=progress)
    return import_table(database, read_file(path, kind, sheet), today=today, dry_run=dry_run,
                        progress=progress)


def describe(summary: ImportSummary | JsonSummary) -> list[str]:
    """The summary as the lines a person reads after an import or a dry run."""
    if isinstance(summary, JsonSummary):
        return describe_json(summary)
    kind = _(KIND_NAMES[summary.kind])
    counts = _("{added} added, {updated} updated, {skipped} unchanged").format(
        added=summary.added, updated=summary.updated, skipped=summary.skipped)
    if summary.dry_run:
        lines = [_("Dry run of {file} ({kind}): would be {counts}; nothing was written.").format(
            file=summary.file, kind=kind, counts=counts)]
    else:
        lines = [_("Imported {file} ({kind}): {counts}.").format(
            file=summary.file, kind=kind, counts=counts)]
    if summary.new_clients:
        lines.append(ngettext("{n} new client made from the names in the file.",
                              "{n} new clients made from the names in the file.",
                              summary.new_clients).format(n=summary.new_clients))
    if summary.ignored:
        lines.append(_("Columns not read: {columns}.").format(columns=", ".join(summary.ignored)))
    if summary.suspects:
        lines.append(ngettext("{n} suspected duplicate (added; check and merge by hand):",
                              "{n} suspected duplicates (added; check and merge by hand):",
                              len(summary.suspects)).format(n=len(summary.suspects)))
        lines += [_("  line {line}: {name} — {like}").format(line=s.line, name=s.name, like=s.like)
                  for s in summary.suspects[:MAX_SHOWN]]
        if len(summary.suspects) > MAX_SHOWN:
            lines.append(_("  …and {n} more").format(n=len(summary.suspects) - MAX_SHOWN))
    return lines
