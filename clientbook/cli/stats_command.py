"""`clientbook stats`: the owner's figures for a period, as text or stable JSON."""
from __future__ import annotations

import json

import click

from clientbook.cli.date_options import date_option, day_of, period_of, period_option
from clientbook.cli.options import TABLE_OR_JSON, book_options, current, with_book
from clientbook.cli.render import table, width
from clientbook.cli.spoken import command, option
from clientbook.domain.dates import DATE_FORMS
from clientbook.domain.periods import PERIOD_FORMS
from clientbook.i18n import N_, _


@command(name="stats", help=N_("Retention, churn, lifetime value, masters, sources, what the calls bring back, "
                                "complaints and win-back cases."))
@date_option("--from", "start", help=N_("The period's first day (default: three usual cycles before its end)."),
             more=(DATE_FORMS,))
@date_option("--to", "end", help=N_("The period's last day (default: today)."))
@period_option("--period", "typed_period", help=N_("The whole period instead of --from and --to."),
               more=(PERIOD_FORMS,))
@option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
        help=TABLE_OR_JSON)
@book_options
@with_book
def stats_command(database, start, end, typed_period, fmt):
    from clientbook.services.stats import ONE_PERIOD, as_json, report
    from clientbook.services.stats_view import headline, period, tables, trend_lines

    if typed_period is not None and (start or end):
        raise click.UsageError(_(ONE_PERIOD))
    # read once --today is known, wherever it stands on the line
    start, end = period_of(typed_period, "--period") or (day_of(start, "--from"), day_of(end, "--to"))
    result = report(database, start=start, end=end, today=current().date)
    if fmt == "json":
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        return
    out = [_("Period: {period}").format(period=period(result)), ""]
    figures = headline(result) + trend_lines(result)
    label_width = max(width(label) for label, _value in figures)
    out += [label + " " * (label_width - width(label)) + "  " + value for label, value in figures]
    for title, headers, rows in tables(result):
        out += ["", title, table(headers, rows)]
    click.echo("\n".join(out))


COMMANDS = [stats_command]
