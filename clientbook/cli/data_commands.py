"""`clientbook import` and `clientbook export`: the studio's data in and out."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from clientbook.cli.options import book_options, current, open_current_book, with_book
from clientbook.cli.spoken import argument, command, option, said_as
from clientbook.cli.terminal import unfiltered
from clientbook.errors import UserError
from clientbook.i18n import N_, _, ngettext
from clientbook.services.exporter import FORMATS, export, export_to_file
from clientbook.services.importer import describe, import_file
from clientbook.services.words import KINDS_SAID

KIND = said_as(KINDS_SAID, N_("KIND"))

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


@command(name="import", help=N_("Import clients, visits or calls from a CSV, Excel (.xlsx) or vCard file, "
                                 "or a whole book from a JSON export into an empty book (all or nothing)."))
@argument("file", type=click.Path(dir_okay=False), metavar=N_("FILE"),
          help=N_("A .csv, .xlsx, .vcf or .json file; headers in Russian or English."))
@option("--kind", type=KIND,
        help=N_("What the file holds: clients, visits or calls (default: told by its headers; a .vcf holds "
                "clients)."))
@option("--sheet", metavar=N_("SHEET"),
        help=N_("The sheet of an Excel workbook to read (default: the first)."))
@option("--dry-run", is_flag=True,
        help=N_("Show what would be added, updated and skipped, and write nothing."))
@book_options
def import_command(file, kind, sheet, dry_run):
    # a dry run makes no book either (a server's address names no file: its book is opened as usual)
    if dry_run and isinstance(current().path, Path) and not current().path.is_file():
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


@command(name="export", help=N_("Export the book's clients, visits or calls (CSV, Excel), cards (vCard) or "
                                 "everything (JSON)."))
@option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
        help=N_("csv: the columns import reads; xlsx: an Excel workbook, a sheet per kind; "
                "vcard: for a phone; json: everything."))
@option("--kind", type=KIND, default="clients", show_default=True,
        help=N_("What a CSV holds: clients, visits or calls."))
@option("--excel", is_flag=True,
        help=N_("CSV as a Russian Excel opens it: UTF-8 with a BOM, ';' between cells."))
@option("--output", "-o", type=click.Path(dir_okay=False), metavar=N_("FILE"),
        help=N_("The file to write (default: the screen)."))
@book_options
@with_book
def export_command(database, fmt, kind, excel, output):
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
