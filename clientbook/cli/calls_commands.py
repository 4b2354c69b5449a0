"""The daily call list from the shell: `calls`, and `rebuild` and `settings` (`log-call` records
an outcome: log_call_command.py)."""
from __future__ import annotations

import csv
import io
import json

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.cli.render import table
from clientbook.cli.spoken import Range, argument, command, option
from clientbook.domain.cells import neutralise_row
from clientbook.domain.text import format_phone
from clientbook.i18n import N_, _, number, table_day
from clientbook.services.call_script import reason_with_moment
from clientbook.services.calls import call_list, nobody_to_call
from clientbook.services.card_text import track_label
from clientbook.services.settings import default_region

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
            [[reason_with_moment(i.reason, i.when, result.today, i.open_complaint), str(i.id), i.name, format_phone(i.phone, region),
              track_label(i.track), table_day(i.last_visit), number(i.days_since_last_visit),
              number(i.usual_interval_days)] for i in result.items],
        ))


@command(help=N_("Recompute the search index, every client's figures and the return model from the facts (a repair)."))
@book_options
@with_book
def rebuild(database):
    from clientbook.services.derived import rebuild_book, rebuilt_sentence

    rebuild_book(database, current().date)
    click.echo(rebuilt_sentence())


COMMANDS = [calls, rebuild]


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
