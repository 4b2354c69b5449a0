"""`clientbook import`: a studio's spreadsheet into the book, all or nothing."""
from __future__ import annotations

import click

from clientbook.cli.options import book_options, with_book
from clientbook.services.importer import COLUMNS, import_file


@click.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", required=True, type=click.Choice(list(COLUMNS)),
              help="What the file holds.")
@book_options
@with_book
def import_command(database, file, kind):
    """Import clients, visits or contacts from a UTF-8 CSV file (all or nothing)."""
    summary = import_file(database, file, kind)
    click.echo(f"Imported {click.format_filename(file)}: {summary.added} added, "
               f"{summary.updated} updated.")


COMMANDS = [import_command]
