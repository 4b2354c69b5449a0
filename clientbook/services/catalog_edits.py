"""Correcting the price list and the masters: edit, merge, archive — and nothing lost.

An edit writes only the fields that changed, and only if nobody changed them since they
were read. A merge moves every visit (and a client's preference) to the name kept, then
drops the other; archiving takes a name off the lists a visit is chosen from and keeps
its visits. A service's track and default interval feed the clients' rhythm, so changing
them refreshes those clients' figures in the same transaction.
"""
from __future__ import annotations

from clientbook.domain.hours import hours_text, read_hours
from clientbook.errors import UserError
from clientbook.i18n import N_, _, language, money, ngettext
from clientbook.services.card_text import track_label
from clientbook.services.catalog import (
    MasterFields,
    MasterLine,
    ServiceFields,
    ServiceLine,
    book_category,
    find_master,
    find_service,
    read_master_fields,
)
from clientbook.services.figures import refresh_clients
from db import catalog as catalog_db

# A column's name in a sentence about it.
FIELD_WORDS = {"name": N_("the service's name"), "master_name": N_("the master's name"), "category": N_("category"), "price_cents": N_("price"),
               "duration_min": N_("duration"), "default_interval_days": N_("interval"),
               "working_hours": N_("working hours")}
# What the clients' rhythm depends on: a change refreshes their figures.
RHYTHM_FIELDS = ("category", "default_interval_days")


def master_named(database, name: str) -> MasterLine:
    """A master by name (any case, ё = е), or a sentence saying how to list them."""
    found = find_master(database, name, with_visits=True)  # the line as the price list shows it
    if found is None:
        raise UserError(_("There is no master “{name}”; `clientbook masters` lists them.").format(name=name.strip()))
    return found


def service_named(database, name: str) -> ServiceLine:
    """A service by name (any case, ё = е), or a sentence saying how to list them."""
    found = find_service(database, name, with_visits=True)
    if found is None:
        raise UserError(_("“{name}” is not on the price list; `clientbook services` lists it.")
                        .format(name=name.strip()))
    return found


def _service_columns(name: str, category: str, price_cents, duration_min, interval_days) -> dict[str, object]:
    return {"name": name, "category": category, "price_cents": price_cents, "duration_min": duration_min,
            "default_interval_days": interval_days}


def _shown(column: str, value) -> str:
    if column == "working_hours":  # empty: the default week
        return hours_text(read_hours(value or ""), language())
    if value is None or value == "":
        return "—"
    if column == "category":
        return track_label(value)
    return money(value) if column == "price_cents" else str(value)


def _conflict(name: str, column: str, now, was, word: str = "") -> UserError:
    return UserError(_("“{name}” was changed meanwhile: {field} is now {now}, not {was}. Nothing was saved.")
                     .format(name=name, field=_(FIELD_WORDS[word or column]), now=_shown(column, now),
                             was=_shown(column, was)))


def _gone(name: str) -> UserError:
    return UserError(_("“{name}” is no longer in the book. Nothing was saved.").format(name=name))


def edit_service(database, service_id: int, before: ServiceLine, after: ServiceFields) -> list[str]:
    """Write the fields that changed from `before` to `after`; the columns written."""
    old = _service_columns(before.name, before.category, before.price_cents, before.duration_min,
                           before.interval_days)
    new = _service_columns(after.name, book_category(database, after.category), after.price_cents,
                           after.duration_min, after.interval_days)
    changes = {column: value for column, value in new.items() if value != old[column]}
    if not changes:
        return []
    with database.atomic():
        if "name" in changes and (taken := find_service(database, after.name)) and taken.id != service_id:
            raise UserError(_("“{name}” is already on the price list: merge the two to make them one.")
                            .format(name=taken.name))
        if not catalog_db.update_service(database, service_id, changes, old):
            row = catalog_db.service_by_id(database, service_id)
            if row is None:
                raise _gone(before.name)
            now = dict(zip(catalog_db.SERVICE_FIELDS, (row[1], row[2], row[3], row[4], row[5]), strict=True))
            column = next(c for c in changes if now[c] != old[c])
            raise _conflict(before.name, column, now[column], old[column])
        if any(column in changes for column in RHYTHM_FIELDS):
            refresh_clients(database, catalog_db.clients_of_service(database, service_id))
    return list(changes)


def edit_master(database, master_id: int, before: MasterLine, after: MasterFields) -> list[str]:
    """Rename a master or change the working week, if nobody did meanwhile; the columns written."""
    changes: dict[str, object] = {}
    if after.name != before.name:
        changes["name"] = after.name
    if read_hours(after.hours) != before.hours:
        changes["working_hours"] = after.hours
    if not changes:
        return []
    with database.atomic():
        row = catalog_db.master_by_id(database, master_id)
        if row is None:
            raise _gone(before.name)
        stored = {"name": row[1], "working_hours": row[2]}
        if "name" in changes and row[1] != before.name:
            raise _conflict(before.name, "name", row[1], before.name, "master_name")
        if "working_hours" in changes and read_hours(row[2] or "") != before.hours:
            raise _conflict(before.name, "working_hours", row[2], hours_text(before.hours, "en"))
        if "name" in changes and (taken := find_master(database, after.name)) and taken.id != master_id:
            raise UserError(_("There already is a master {name}: merge the two to make them one.")
                            .format(name=taken.name))
        catalog_db.update_master(database, master_id, changes, stored)
    return list(changes)


def rename_master(database, old_name: str, new_name: str) -> MasterLine:
    """A master under a new name; the master as renamed."""
    before = master_named(database, old_name)
    after = read_master_fields({"name": new_name, "hours": hours_text(before.hours, "en")})
    edit_master(database, before.id, before, after)
    return master_named(database, after.name)


def set_master_hours(database, name: str, hours: str) -> MasterLine:
    """A master's working week as typed ("пн-пт 10-20, сб 11-18"); the master as saved."""
    before = master_named(database, name)
    edit_master(database, before.id, before, read_master_fields({"name": before.name, "hours": hours}))
    return master_named(database, before.name)


def merge_masters(database, from_name: str, into_name: str) -> int:
    """Every visit of `from` becomes `into`'s, and so does a client's preference; `from` goes. Visits moved."""
    source, target = master_named(database, from_name), master_named(database, into_name)
    if source.id == target.id:
        raise UserError(_("Choose two different masters to merge."))
    with database.atomic():
        clients = catalog_db.clients_of_master(database, source.id)
        moved = catalog_db.move_master(database, source.id, target.id)
        # the reports count each client's masters from her stored life; her visits' days stay
        refresh_clients(database, clients, rescore=False)
        catalog_db.delete_master(database, source.id)
    return moved


def merge_services(database, from_name: str, into_name: str) -> int:
    """Every visit of `from` has `into` instead (one line where it had both); `from` goes. Visits moved."""
    source, target = service_named(database, from_name), service_named(database, into_name)
    if source.id == target.id:
        raise UserError(_("Choose two different services to merge."))
    with database.atomic():
        clients = catalog_db.clients_of_service(database, source.id)
        moved = catalog_db.move_service(database, source.id, target.id)
        catalog_db.delete_service(database, source.id)
        refresh_clients(database, clients)  # the visits may have changed track
    return moved


def merged_sentence(from_name: str, into_name: str, moved: int) -> str:
    visits = ngettext("{count} visit moved", "{count} visits moved", moved).format(count=moved)
    return _("Merged: {source} → {target}, {visits}.").format(source=from_name, target=into_name, visits=visits)


def _set_active(database, line, active: bool, write) -> None:
    with database.atomic():
        if not write(database, line.id, active):
            raise UserError((_("“{name}” is already archived.") if not active else
                             _("“{name}” is not archived.")).format(name=line.name))


def archive_master(database, name: str) -> MasterLine:
    """Off the lists a visit and Today's filter choose from; the visits stay."""
    line = master_named(database, name)
    _set_active(database, line, False, catalog_db.set_master_active)
    return line


def restore_master(database, name: str) -> MasterLine:
    line = master_named(database, name)
    _set_active(database, line, True, catalog_db.set_master_active)
    return line


def archive_service(database, name: str) -> ServiceLine:
    """Off the price list a visit is chosen from; the visits stay."""
    line = service_named(database, name)
    _set_active(database, line, False, catalog_db.set_service_active)
    return line


def restore_service(database, name: str) -> ServiceLine:
    line = service_named(database, name)
    _set_active(database, line, True, catalog_db.set_service_active)
    return line


def archived_sentence(name: str) -> str:
    return _("Archived: {name}. Its visits stay; it can be restored.").format(name=name)


def restored_sentence(name: str) -> str:
    return _("Back on the list: {name}").format(name=name)


def saved_sentence(name: str) -> str:
    return _("Saved: {name}").format(name=name)


def added_master_sentence(name: str) -> str:
    return _("New master: {name}").format(name=name)


def added_service_sentence(name: str) -> str:
    return _("New on the price list: {name}").format(name=name)


def renamed_sentence(old: str, new: str) -> str:
    return _("Renamed: {old} → {new}").format(old=old, new=new)


def unchanged_sentence(name: str) -> str:
    return _("Nothing to change: {name}").format(name=name)


def hours_sentence(line: MasterLine) -> str:
    """A master's week in the interface's language."""
    return _("Working hours, {name}: {hours}.").format(name=line.name, hours=hours_text(line.hours, language()))


def merge_prompt(kind: str, name: str) -> str:
    """The question choosing what `name` (a "service" or a "master") is merged into."""
    if kind == "service":
        return _("Merge the service “{name}” into which one?").format(name=name)
    return _("Merge the master “{name}” into which one?").format(name=name)


def nothing_to_merge_sentence() -> str:
    return _("There is nothing to merge it into: add another one first.")


def merge_question(source: str, target: str, visits: int) -> str:
    """The yes/no question before a merge: both names and what moves."""
    return _("Merge “{source}” into “{target}”? Visits that move: {count}. “{source}” leaves the list.").format(
        source=source, target=target, count=visits)
