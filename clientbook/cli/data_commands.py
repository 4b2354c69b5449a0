"""`clientbook import` and `clientbook export`: the studio's data in and out."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from clientbook.cli.options import book_options, current, open_current_book, with_book
from clientbook.cli.terminal import unfiltered
from clientbook.errors import UserError
from clientbook.i18n import _, ngettext
from clientbook.services.exporter import FORMATS, export, export_to_file
from clientbook.services.import_files import KINDS
from clientbook.services.importer import describe, import_file

SHOW_PROGRESS_FROM = 2000  # rows; smaller files are done before a bar would help


class _Progress:
    """A bar on the terminal for a large file; nothing when output is not a terminal."""

    def __init__(self):
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < SHOW_PROGRESS_FROM or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, file=unfiltered(sys.stderr),  # hides the cursor
                                         label=_("Reading rows"))
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS),
              help="What the file holds (default: told by its headers; a .vcf holds clients).")
@click.option("--sheet", metavar="NAME",
              help="The sheet of an Excel workbook to read (default: the first).")
@click.option("--dry-run", is_flag=True,
              help="Show what would be added, updated and skipped, and write nothing.")
@book_options
def import_command(file, kind, sheet, dry_run):
    """Import clients, visits or calls from a CSV, Excel (.xlsx) or vCard file (all or nothing)."""
    if dry_run and not current().path.is_file():  # a dry run makes no book either
        raise UserError(_("There is no book at {book}.").format(book=current().path))
    database = open_current_book(daily_backup=not dry_run)
    progress = _Progress()
    try:
        summary = import_file(database, file, kind, today=current().date, dry_run=dry_run,
                              progress=progress, sheet=sheet)
    finally:
        progress.close()
        database.close()
    click.echo("\n".join(describe(summary)))


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv: the columns import reads; xlsx: an Excel workbook, a sheet per kind; "
                   "vcard: for a phone; json: everything.")
@click.option("--kind", type=click.Choice(KINDS), default="clients", show_default=True,
              help="What a CSV holds.")
@click.option("--excel", is_flag=True,
              help="CSV as a Russian Excel opens it: UTF-8 with a BOM, ';' between cells.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="The file to write (default: the screen).")
@book_options
@with_book
def export_command(database, fmt, kind, excel, output):
    """Export the book's clients, visits or calls (CSV, Excel), cards (vCard) or everything (JSON)."""
    if output is None:
        export(database, sys.stdout, fmt, kind, excel)
        return
    book = current().path
    if Path(output).expanduser().resolve() in {Path(f"{book}{end}").resolve() for end in ("", "-wal", "-shm")}:
        raise UserError(_("{file} is the book itself; export to another file.").format(file=output))
    count = export_to_file(database, Path(output).expanduser(), fmt, kind, excel)
    if fmt == "vcard":
        said = ngettext("Wrote {n} card to {file}.", "Wrote {n} cards to {file}.", count)
    else:
        said = ngettext("Wrote {n} row to {file}.", "Wrote {n} rows to {file}.", count)
    click.echo(said.format(n=count, file=click.format_filename(output)), err=True)


COMMANDS = [import_command, export_command]
