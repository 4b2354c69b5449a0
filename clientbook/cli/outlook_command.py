"""`clientbook outlook`: each client's chances from the return model (services/outlook.py)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.cli.render import table
from clientbook.cli.spoken import Range, command, option
from clientbook.domain.cells import neutralise
from clientbook.i18n import N_, _, money, number, percent, table_day
from clientbook.services.outlook import FIELDS, HORIZON_DAYS, nobody_sentence, outlook, too_few_sentence


@command(help=N_("Each client's chances: still a client, back within the horizon, and the visits and "
                 "revenue to expect."))
@option("--horizon", type=Range(1, 3650), default=HORIZON_DAYS, show_default=True, metavar=N_("DAYS"),
        help=N_("The days ahead that the chance of coming back and the visits and revenue to expect count."))
@option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
        help=N_("table for people; csv and json for programs (English keys and codes)."))
@book_options
@with_book
def outlook_command(database, horizon, fmt):
    today = current().date
    rows = outlook(database, today, horizon)
    if fmt == "json":  # an item a line: json's indenting encoder is ten times slower at 100,000 clients
        items = ",\n".join("    " + json.dumps(row.as_json(), ensure_ascii=False) for row in rows)
        click.echo(f'{{\n  "today": "{today.isoformat()}",\n  "horizon_days": {horizon},\n  "items": ['
                   + (f"\n{items}\n  " if items else "") + "]\n}")
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows([neutralise(v) if isinstance(v, str) else v for v in row.values()]
                         for row in rows)  # never a formula in a spreadsheet
        click.echo(out.getvalue(), nl=False)
        return
    if not rows:
        click.echo(nobody_sentence())
        return
    missing = too_few_sentence(database)
    if missing:
        click.echo(missing, err=True)
    click.echo(table(
        [_(h) for h in (N_("id"), N_("visits"), N_("last visit"), N_("usual"), N_("still a client"),
                        N_("comes back"), N_("visits ahead"), N_("revenue ahead"))],
        [[str(row.id), str(row.visits), table_day(date.fromisoformat(row.last_visit)), number(row.usual_interval_days),
          percent(row.p_alive, 0), percent(row.p_return, 0), number(row.expected_visits),
          money(row.expected_revenue_cents)] for row in rows]))


COMMANDS = [outlook_command]
