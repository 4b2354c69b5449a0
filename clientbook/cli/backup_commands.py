"""`clientbook backup`, `restore` and `check`: the book's safety from the command line.

These work on the book's file, not through an open book: a damaged book can still be
checked and replaced by its backup. A book on a PostgreSQL server is copied and restored
by the server's own tools (pg_dump, pg_restore) and checked through a connection.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from clientbook.cli.options import book_options, current
from clientbook.cli.spoken import argument, command, confirm, option
from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.backups import (
    back_up,
    back_up_server,
    book_name,
    inspect,
    inspect_server,
    latest_backup,
    latest_server_backup,
    no_daily_backup_sentence,
    on_server,
    restore,
    restore_server,
)


def _existing_book() -> Path:
    path = current().path
    if not path.is_file():
        raise UserError(_("There is no book at {book}.").format(book=path))
    return path


@command(name="backup", help=N_("Copy the book to DEST (a file or folder; default: backups/ beside the book) "
                                 "and check the copy."))
@argument("dest", required=False, type=click.Path(), metavar=N_("DEST"),
          help=N_("Where the copy goes: a file or a folder."))
@option("--force", is_flag=True, help=N_("Replace DEST if it is an existing file."))
@book_options
def backup_command(dest, force):
    target = Path(dest).expanduser() if dest else None
    if on_server(current().path):
        book = current().path
        written = back_up_server(book, target, now=current().now(), force=force)
        click.echo(_("Backed up {book} to {dest} (checked).").format(book=book_name(book), dest=written))
        return
    book = _existing_book()
    written = back_up(book, target, now=current().now(), force=force)
    click.echo(_("Backed up {book} to {dest} (checked).").format(book=book, dest=written))


@command(name="restore", help=N_("Replace the book with the backup SOURCE, after checking it; the old book is "
                                  "kept. Another studio's book is restored over this one's clients only when you "
                                  "say so."))
@argument("source", type=click.Path(dir_okay=False), metavar=N_("SOURCE"), help=N_("The backup to restore."))
@option("--yes", is_flag=True, help=N_("Replace the book even when SOURCE is another studio's book, without asking."))
@book_options
def restore_command(source, yes):
    from clientbook.services.book import open_book

    book = current().path
    if on_server(book):
        kept = restore_server(book, Path(source).expanduser(), current().now(), confirm=_asking(yes))
        open_book(book).close()  # an older copy is brought up to this clientbook's schema
        health = inspect_server(book)
    else:
        kept = restore(book, Path(source).expanduser(), current().now(), confirm=_asking(yes))
        open_book(book).close()  # an older backup is brought up to this clientbook's schema
        health = inspect(book, thorough=False)
    click.echo(_("Restored {book} from {source}: clients: {clients}, visits: {visits}.").format(
        book=book_name(book), source=source, clients=health.clients, visits=health.visits))
    if kept:
        click.echo(_("The book it replaced is kept as {kept}.").format(kept=kept))


def _asking(yes: bool) -> Callable[[str], bool] | None:
    """Who answers "replace this studio's book with another's?": --yes, the person at the
    terminal, or nobody (a script, CI): then the restore is refused, saying to add --yes."""
    if yes:
        return lambda _sentence: True
    if not sys.stdin.isatty():
        return None

    def ask(sentence: str) -> bool:
        click.echo(sentence)
        return confirm(_("Replace it?"), default=False)

    return ask


@command(name="check", help=N_("Check the book: is it whole, and are its links between rows intact?"))
@book_options
def check_command():
    server = on_server(current().path)
    book = current().path if server else _existing_book()
    health = inspect_server(book) if server else inspect(book)
    latest = latest_server_backup(book) if server else latest_backup(book)
    book = book_name(book)
    if health.sound:
        click.echo(_("The book {book} is sound: clients: {clients}, visits: {visits}, "
                     "schema level: {level}.").format(book=book, clients=health.clients,
                                              visits=health.visits, level=health.level))
        if latest:
            click.echo(_("Latest backup: {backup}").format(backup=latest))
        if server:
            click.echo(no_daily_backup_sentence())
        return
    if health.locked:
        raise UserError(health.problems[0])
    click.echo(_("The book {book} has problems:").format(book=book), err=True)
    for problem in health.problems:
        click.echo(f"  {problem}", err=True)
    if latest:
        click.echo(_("To go back to the latest backup: clientbook restore {backup} --db {book}")
                   .format(backup=latest, book=book), err=True)
    raise SystemExit(1)


COMMANDS = [backup_command, restore_command, check_command]
