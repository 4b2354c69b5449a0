"""The daily call list and its outcomes from the shell: `calls`, `log-call`, `rebuild`."""
from __future__ import annotations

import csv
import io
import json

import click

from clientbook.cli.date_options import date_option, day_or_moment_of
from clientbook.cli.options import book_options, current, with_book
from clientbook.cli.render import table
from clientbook.domain.cells import neutralise_row
from clientbook.domain.dates import DATE_FORMS, TIME_FORMS
from clientbook.domain.text import format_phone
from clientbook.services.calls import call_list
from clientbook.services.clients import resolve_client
from clientbook.services.contacts import OUTCOMES, Outcome, log_call, logged_sentence, with_usual
from clientbook.services.settings import default_region
from clientbook.services.visits import ArchivedName, UnknownName, shell_refusal

FIELDS = ["id", "external_id", "name", "phone", "reason", "track", "last_visit",
          "usual_interval_days", "days_since_last_visit", "overdue_ratio"]


@click.command()
@click.option("--limit", type=click.IntRange(0, 100_000), default=None,
              help="How many calls beyond call-backs and confirmations (0: no cap; "
                   "default: the studio's daily cap).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@book_options
@with_book
def calls(database, limit, fmt):
    """Today's call list: who to call, and why."""
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
        click.echo(f"Nobody to call on {result.today}.")
    else:
        region = default_region(database)
        click.echo(table(
            ["reason", "id", "name", "phone", "track", "last visit", "days", "usual", "when"],
            [[i.reason, str(i.id), i.name, format_phone(i.phone, region), i.track or "",
              str(i.last_visit or ""), _text(i.days_since_last_visit),
              _text(i.usual_interval_days), i.when or ""] for i in result.items],
        ))


def _text(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


@click.command(name="log-call")
@click.argument("client")
@click.option("--outcome", required=True, type=click.Choice(OUTCOMES))
@date_option("--on", "on", help=f"The call-back day, or the booking's day and time. {DATE_FORMS} {TIME_FORMS}")
@click.option("--reason", default="", help="Why they declined: a reason code or name.")
@click.option("--suspected", default="", help="The reason the studio suspects.")
@click.option("--would-return", default="", help="What would bring them back.")
@click.option("--note", default="")
@click.option("--service", "services", multiple=True, metavar="NAME",
              help="A booking's service from the price list (the start of a name); repeat for more. "
                   "Default: what the client usually has.")
@click.option("--master", default="", help="A booking's master (the start of a name). Default: the client's usual one.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@book_options
@with_book
def log_call_command(database, client, outcome, on, reason, suspected, would_return, note, services, master, fmt):
    """Record the outcome of a call to CLIENT (the id, or ext:ID).

    A booking (--outcome booked) must fall in a free slot of its master; a pencilled
    booking waiting to be confirmed is confirmed, not booked twice.
    """
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


@click.command()
@book_options
@with_book
def rebuild(database):
    """Recompute the search index and every client's figures from the facts (a repair)."""
    from clientbook.services.derived import rebuild_book

    rebuild_book(database)
    click.echo("Rebuilt the search index and the figures of every client.")


COMMANDS = [calls, log_call_command, rebuild]


@click.command(name="settings")
@click.argument("key", required=False)
@click.argument("value", required=False)
@book_options
@with_book
def settings_command(database, key, value):
    """Show the studio's settings, or change one: settings KEY VALUE."""
    from clientbook.services.settings import all_settings, change_setting, check_key

    if key:
        check_key(key)
    if key and value is not None:
        change_setting(database, key, value)
    for name, setting in all_settings(database).items():
        if not key or name == key:
            click.echo(f"{name} = {setting}")


COMMANDS.append(settings_command)
