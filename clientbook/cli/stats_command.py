"""`clientbook stats`: the owner's figures for a period, as text or stable JSON."""
from __future__ import annotations

import json

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.cli.render import table, width
from clientbook.domain.dates import parse_when
from clientbook.errors import DateError
from clientbook.i18n import _


def _day(value: str | None, option: str):
    """Read after every option: a date without a year is taken near --today, wherever it stands."""
    if value is None:
        return None
    try:
        return parse_when(value, current().date).date()
    except DateError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


@click.command(name="stats")
@click.option("--from", "start", metavar="DATE",
              help="The period's first day (default: three usual cycles before its end).")
@click.option("--to", "end", metavar="DATE",
              help="The period's last day (default: today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@book_options
@with_book
def stats_command(database, start, end, fmt):
    """Retention, churn, lifetime value, masters, sources, and what the calls bring back."""
    from clientbook.services.stats import as_json, report
    from clientbook.services.stats_view import headline, period, tables, trend_lines

    result = report(database, start=_day(start, "--from"), end=_day(end, "--to"),
                    today=current().date)
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
