"""The daily call list and its outcomes from the shell: `calls`, `log-call`, `rebuild`."""
from __future__ import annotations

import csv
import io
import json

import click

from clientbook.cli.date_options import date_option, day_or_moment_of
from clientbook.cli.options import TEXT_OR_JSON, book_options, client_argument, current, with_book
from clientbook.cli.render import table
from clientbook.cli.spoken import Range, argument, command, option, said_as
from clientbook.domain.cells import neutralise_row
from clientbook.domain.dates import DATE_FORMS, TIME_FORMS
from clientbook.domain.text import format_phone
from clientbook.i18n import N_, _, number, table_day
from clientbook.services.call_script import reason_with_moment
from clientbook.services.calls import call_list, nobody_to_call
from clientbook.services.card_text import track_label
from clientbook.services.clients import resolve_client
from clientbook.services.contacts import Outcome, log_call, logged_sentence, with_usual
from clientbook.services.settings import default_region
from clientbook.services.visits import ArchivedName, UnknownName, shell_refusal
from clientbook.services.words import OUTCOMES_SAID

FIELDS = ["id", "external_id", "name", "phone", "reason", "track", "last_visit",
          "usual_interval_days", "days_since_last_visit", "overdue_ratio", "when"]


@command(help=N_("Today's call list: who to call, and why."))
@option("--limit", type=Range(0, 100_000), default=None,
        help=N_("How many calls beyond call-backs and confirmations (0: no cap; "
                "default: the studio's daily cap)."))
@option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
        help=N_("table for people; csv and json for programs (English keys and codes)."))
@book_options
@with_book
def calls(database, limit, fmt):
    result = call_list(database, current().date, limit)
    rows = [item.as_json() for item in result.items]
    if fmt == "json":
        click.echo(json.dumps({"today": result.today.isoformat(), "items": rows},
                              ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(map(neutralise_row, rows))  # never a formula in a spreadsheet
        click.echo(out.getvalue(), nl=False)
    elif not rows:
        click.echo(nobody_to_call(result.today))
    else:
        region = default_region(database)
        # The reason says what its moment is: «перезвонить 22.11», «подтвердить 23.11 16:30».
        click.echo(table(
            [_(h) for h in (N_("reason"), N_("id"), N_("client"), N_("phone"), N_("track"), N_("last visit"),
                            N_("days"), N_("usual"))],
            [[reason_with_moment(i.reason, i.when, result.today), str(i.id), i.name, format_phone(i.phone, region),
              track_label(i.track), table_day(i.last_visit), number(i.days_since_last_visit),
              number(i.usual_interval_days)] for i in result.items],
        ))


OUTCOME = said_as(OUTCOMES_SAID, N_("OUTCOME"))


@command(name="log-call", help=N_(
    "Record the outcome of a call to CLIENT.\n\n"
    "A booking (--outcome booked) must fall in a free slot of its master; a pencilled "
    "booking waiting to be confirmed is confirmed, not booked twice."))
@client_argument
@option("--outcome", required=True, type=OUTCOME, help=N_(
    "What came of the call: booked, no answer, left a message, call back (with --on), declined "
    "(with --reason), wrong number, do not contact. Russian words do too: Записали, Недозвон, Перезвонить, "
    "Отказ…"))
@date_option("--on", "on", help=N_("The call-back day, or the booking's day and time."), more=(DATE_FORMS, TIME_FORMS))
@option("--reason", default="", help=N_("Why they declined: a reason for leaving, by its name or code."))
@option("--suspected", default="", help=N_("The reason the studio suspects, by its name or code."))
@option("--would-return", default="", help=N_("What would bring them back."))
@option("--note", default="", help=N_("A note on the call."))
@option("--service", "services", multiple=True, metavar=N_("SERVICE"),
        help=N_("A booking's service from the price list (the start of a name); repeat for more. "
                "Default: what the client usually has."))
@option("--master", default="", metavar=N_("MASTER"),
        help=N_("A booking's master (the start of a name). Default: the client's usual one."))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=TEXT_OR_JSON)
@book_options
@with_book
def log_call_command(database, client, outcome, on, reason, suspected, would_return, note, services, master, fmt):
    on = day_or_moment_of(on, "--on")  # read once --today is known, wherever it stands
    client_id = resolve_client(database, client)
    now = current().now()
    said = with_usual(database, client_id, Outcome(
        outcome, on=on, reason=reason, suspected_reason=suspected, would_return=would_return,
        note=note, services=services, master=master,
    ), now.date())
    try:
        recorded = log_call(database, client_id, said, now)
    except (UnknownName, ArchivedName) as error:  # said with the command that adds it, or brings it back
        raise click.ClickException(shell_refusal(error)) from None
    if fmt == "json":
        click.echo(json.dumps({"contact_id": recorded.contact_id, "client_id": client_id, "outcome": outcome,
                               "visit_id": recorded.booking, "starts_at": recorded.booked_at,
                               "confirmed": recorded.pencilled_at is not None,
                               "services": list(recorded.booked_services), "master": recorded.booked_master or None},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(logged_sentence(client_id, recorded))


@command(help=N_("Recompute the search index, every client's figures and the return model from the facts (a repair)."))
@book_options
@with_book
def rebuild(database):
    from clientbook.services.derived import rebuild_book, rebuilt_sentence

    rebuild_book(database, current().date)
    click.echo(rebuilt_sentence())


COMMANDS = [calls, log_call_command, rebuild]


@command(name="settings", help=N_("Show the studio's settings, or change one: settings KEY VALUE."))
@argument("key", required=False, metavar=N_("KEY"), help=N_("A setting's name, as `clientbook settings` lists it."))
@argument("value", required=False, metavar=N_("VALUE"), help=N_("Its new value; \"\" for empty."))
@book_options
@with_book
def settings_command(database, key, value):
    from clientbook.services.settings import all_settings, change_setting, check_key, setting_shown

    if key:
        check_key(key)
    if key and value is not None:
        change_setting(database, key, value)
    for name, setting in all_settings(database).items():
        if not key or name == key:
            click.echo(f"{name} = {setting_shown(name, setting)}")


COMMANDS.append(settings_command)
