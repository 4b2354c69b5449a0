"""`clientbook masters` and `clientbook services`: the studio's masters and price list from the shell.

Bare `clientbook masters` (or `services`) lists; every subcommand takes `--format json`
for scripts. The rules and the sentences are services.catalog's and catalog_edits'.
"""
from __future__ import annotations

import json

import click

from clientbook.cli.options import TABLE_OR_JSON, TEXT_OR_JSON, book_options, with_book
from clientbook.cli.render import table
from clientbook.cli.spoken import argument, group, option
from clientbook.domain.hours import hours_text
from clientbook.i18n import N_, _, language, money
from clientbook.services import catalog, catalog_edits
from clientbook.services.card_text import track_label
from clientbook.services.catalog import MasterLine, ServiceLine

FORMAT = option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                help=TEXT_OR_JSON)
LIST_FORMAT = option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                     show_default=True, help=TABLE_OR_JSON)


def say(fmt: str, sentence: str, data: dict) -> None:
    click.echo(json.dumps(data, ensure_ascii=False) if fmt == "json" else sentence)


def master_data(line: MasterLine) -> dict:
    return {"id": line.id, "name": line.name, "hours": hours_text(line.hours, "en"),
            "visits": line.visits, "archived": not line.active}


def service_data(line: ServiceLine) -> dict:
    return {"id": line.id, "name": line.name, "category": line.category, "price_cents": line.price_cents,
            "duration_min": line.duration_min, "interval_days": line.interval_days, "visits": line.visits,
            "archived": not line.active}


def archived_mark(active: bool) -> str:
    return "" if active else _("archived")


# -- masters ---------------------------------------------------------------------------------------

@group(name="masters", invoke_without_command=True,
       help=N_("The studio's masters: list (the default), add, rename, merge, archive, restore, hours."))
@LIST_FORMAT
@book_options
@click.pass_context
def masters(ctx, fmt):
    if ctx.invoked_subcommand is None:
        ctx.invoke(masters_list, fmt=fmt)


@masters.command(name="list", help=N_("Every master, archived ones marked, with the working week and the visits."))
@LIST_FORMAT
@book_options
@with_book
def masters_list(database, fmt):
    found = catalog.masters(database, with_archived=True, with_visits=True)
    if fmt == "json":
        click.echo(json.dumps([master_data(m) for m in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(_("No masters yet: `clientbook masters add NAME` adds the first one."))
        return
    click.echo(table([_("master"), _("working hours"), _("visits"), ""],
                     [[m.name, hours_text(m.hours, language()), str(m.visits), archived_mark(m.active)]
                      for m in found]))


@masters.command(name="add", help=N_("Add a master; prints the new id."))
@argument("name", nargs=-1, required=True, metavar=N_("MASTER"), help=N_("The master's name."))
@option("--hours", default="", metavar=N_("WEEK"),
        help=N_('The working week, e.g. "пн-пт 10-20, сб 11-18" (default: mon-sat 10-20).'))
@FORMAT
@book_options
@with_book
def masters_add(database, name, hours, fmt):
    master_id = catalog.add_master_fields(database, catalog.read_master_fields({"name": " ".join(name),
                                                                                "hours": hours}))
    say(fmt, str(master_id), {"id": master_id})


@masters.command(name="rename", help=N_("Give a master a new name (to join two masters, use merge)."))
@argument("old", metavar=N_("OLD"), help=N_("The master's name now (its start will do)."))
@argument("new", metavar=N_("NEW"), help=N_("The new name."))
@FORMAT
@book_options
@with_book
def masters_rename(database, old, new, fmt):
    before = catalog_edits.master_named(database, old)
    after = catalog_edits.rename_master(database, old, new)
    say(fmt, catalog_edits.renamed_sentence(before.name, after.name), master_data(after))


@masters.command(name="hours", help=N_('Set a master\'s working week: "пн-пт 10-20, сб 11-18"; days not named are '
                                        'days off.'))
@argument("name", metavar=N_("MASTER"), help=N_("The master's name (its start will do)."))
@argument("hours", nargs=-1, required=True, metavar=N_("WEEK"), help=N_("The working week."))
@FORMAT
@book_options
@with_book
def masters_hours(database, name, hours, fmt):
    line = catalog_edits.set_master_hours(database, name, " ".join(hours))
    say(fmt, catalog_edits.hours_sentence(line), master_data(line))


# -- services --------------------------------------------------------------------------------------

@group(name="services", invoke_without_command=True,
       help=N_("The price list: list (the default), add, edit, merge, archive, restore."))
@LIST_FORMAT
@book_options
@click.pass_context
def services(ctx, fmt):
    if ctx.invoked_subcommand is None:
        ctx.invoke(services_list, fmt=fmt)


@services.command(name="list", help=N_("Every service by category, archived ones marked."))
@LIST_FORMAT
@book_options
@with_book
def services_list(database, fmt):
    found = catalog.services(database, with_archived=True, with_visits=True)
    if fmt == "json":
        click.echo(json.dumps([service_data(s) for s in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(_("No services yet: `clientbook services add NAME --category C` adds the first one."))
        return
    click.echo(table(
        [_("service"), _("category"), _("price"), _("minutes"), _("interval"), _("visits"), ""],
        [[s.name, track_label(s.category), money(s.price_cents), str(s.duration_min or ""), str(s.interval_days or ""),
          str(s.visits), archived_mark(s.active)] for s in found]))


SERVICE_OPTIONS = (
    option("--price", default=None, metavar=N_("SUM"), help=N_("In roubles: 2500, 2 500 ₽.")),
    option("--duration", default=None, metavar=N_("MINUTES"), help=N_("How long it takes, in minutes.")),
    option("--interval", default=None, metavar=N_("DAYS"),
           help=N_("The default days between visits, before a client's own rhythm.")),
)


def service_options(command):
    for service_option in reversed(SERVICE_OPTIONS):
        command = service_option(command)
    return command


@services.command(name="add", help=N_("Add a service to the price list; prints the new id."))
@argument("name", nargs=-1, required=True, metavar=N_("SERVICE"), help=N_("The service's name."))
@option("--category", default="", metavar=N_("CATEGORY"),
        help=N_("The track the clients' rhythm follows: nails, hair, lashes…"))
@service_options
@FORMAT
@book_options
@with_book
def services_add(database, name, category, price, duration, interval, fmt):
    fields = catalog.read_service_fields({"name": " ".join(name), "category": category, "price": price or "",
                                          "duration": duration or "", "interval": interval or ""})
    service_id = catalog.add_service_fields(database, fields)
    say(fmt, str(service_id), {"id": service_id})


@services.command(name="edit", help=N_("Change what is given of a service; the rest stays as it is."))
@argument("name", metavar=N_("SERVICE"), help=N_("The service's name (its start will do)."))
@option("--name", "new_name", default=None, metavar=N_("SERVICE"), help=N_("A new name."))
@option("--category", default=None, metavar=N_("CATEGORY"),
        help=N_("The track the clients' rhythm follows: nails, hair, lashes…"))
@service_options
@FORMAT
@book_options
@with_book
def services_edit(database, name, new_name, category, price, duration, interval, fmt):
    before = catalog_edits.service_named(database, name)
    given = {"name": new_name, "category": category, "price": price, "duration": duration, "interval": interval}
    typed = {**catalog.service_as_typed(before), **{k: v for k, v in given.items() if v is not None}}
    changed = catalog_edits.edit_service(database, before.id, before, catalog.read_service_fields(typed))
    after = catalog_edits.service_named(database, typed["name"])
    sentence = (catalog_edits.saved_sentence(after.name) if changed
                else catalog_edits.unchanged_sentence(after.name))
    say(fmt, sentence, {**service_data(after), "changed": changed})


def lifecycle_commands(group: click.Group, named, merge, archive, restore, what: dict[str, str]) -> None:
    """merge, archive and restore: alike for masters and services but for the words (`what`)."""

    @group.command(name="merge", help=what["merge"])
    @argument("source", metavar=N_("FROM"), help=N_("The one that goes (its start will do)."))
    @argument("target", metavar=N_("INTO"), help=N_("The one that stays."))
    @FORMAT
    @book_options
    @with_book
    def merge_command(database, source, target, fmt):
        source_name, target_name = (named(database, n).name for n in (source, target))
        moved = merge(database, source, target)
        say(fmt, catalog_edits.merged_sentence(source_name, target_name, moved),
            {"from": source_name, "into": target_name, "visits_moved": moved})

    for verb, change, sentence, archived in (("archive", archive, catalog_edits.archived_sentence, True),
                                             ("restore", restore, catalog_edits.restored_sentence, False)):
        @group.command(name=verb, help=what[verb])
        @argument("name", metavar=what["noun"], help=N_("The name (its start will do)."))
        @FORMAT
        @book_options
        @with_book
        def lifecycle(database, name, fmt, change=change, sentence=sentence, archived=archived):
            line = change(database, name)
            say(fmt, sentence(line.name), {"id": line.id, "name": line.name, "archived": archived})


lifecycle_commands(masters, catalog_edits.master_named, catalog_edits.merge_masters, catalog_edits.archive_master,
                   catalog_edits.restore_master, {
                       "noun": N_("MASTER"),
                       "merge": N_("FROM's visits and clients go to INTO; FROM is removed."),
                       "archive": N_("Take a master off the lists; the visits stay, `masters restore` brings "
                                     "the master back."),
                       "restore": N_("Bring an archived master back onto the lists.")})
lifecycle_commands(services, catalog_edits.service_named, catalog_edits.merge_services, catalog_edits.archive_service,
                   catalog_edits.restore_service, {
                       "noun": N_("SERVICE"),
                       "merge": N_("FROM's visits become INTO's; FROM leaves the price list."),
                       "archive": N_("Take a service off the price list a visit is chosen from; its visits stay."),
                       "restore": N_("Bring an archived service back onto the price list.")})


COMMANDS = [masters, services]
