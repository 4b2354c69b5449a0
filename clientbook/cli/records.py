"""What the commands over a client's records share (`course`, `bonus`, `case`): --format for
one record and for a list, a list's optional CLIENT, a group whose bare name lists, and a
list as JSON or as a table."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import click

from clientbook.cli.options import TABLE_OR_JSON, TEXT_OR_JSON, book_options
from clientbook.cli.render import table
from clientbook.cli.spoken import argument, group, option
from clientbook.i18n import N_

TEXT_FORMAT = option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                     help=TEXT_OR_JSON)
LIST_FORMAT = option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                     help=TABLE_OR_JSON)
ANY_CLIENT = argument("client", required=False, metavar=N_("CLIENT"),
                      help=N_("The client's number, or ext:ID for the studio's own id (default: every client)."))


def listing_group(name: str, help: str) -> click.Group:
    """A group of commands whose bare name runs its `list` (`clientbook course`), with list's --format."""

    @group(name=name, invoke_without_command=True, help=help)
    @LIST_FORMAT
    @book_options
    @click.pass_context
    def listing(ctx, fmt):
        if ctx.invoked_subcommand is None:
            ctx.invoke(ctx.command.get_command(ctx, "list"), fmt=fmt)

    return listing


def echo_list(found: Sequence, fmt: str, none: str, headers: list[str], cells: Callable[[object], list[str]]) -> None:
    """Records as JSON for programs (each its `as_json`); for people a table of their `cells`
    under `headers`, or the sentence `none` when there are none."""
    if fmt == "json":
        click.echo(json.dumps([record.as_json() for record in found], ensure_ascii=False, indent=2))
    elif not found:
        click.echo(none)
    else:
        click.echo(table(headers, [cells(record) for record in found]))
