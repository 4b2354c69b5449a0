"""Copies of the book: made through SQLite's backup API, checked after writing, pruned.

backups/ beside the book holds, by name (<book> is the book's whole file name, "studio.db",
so that studio.db and studio.sqlite in one folder never share a copy; see db.backup.copy_name):
  <book>.daily-YYYY-MM-DD.db          one a day, on the first use of the day; the last N kept
  <book>.levelN-YYYYMMDD-HHMMSS.db    before an upgrade to a new schema (db.migrations)
  <book>.YYYYMMDD-HHMMSS.db           `clientbook backup` without a destination
  <book>.before-restore-….db          what a restore replaced
Copies an earlier clientbook made, named by the stem (studio-daily-….db), are still a .db
book's own (see _copy_names). Every file is the owner's only (0600, the folder 0700).
"""
from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from clientbook.errors import UserError
from clientbook.i18n import _, ngettext
from db import backup as copies
from db.backup import copy_book, copy_name
from db.connection import SQLITE_HEADER, read_only_connection, translate_error
from db.errors import DATABASE_ERRORS, DRIVER_ERRORS, BookUnwritable
from db.identity import Identity, keep_identity, read_identity
from db.migrations import APPLICATION_ID, LATEST
from db.postgres import is_server_address, shown_address
from db.presence import alone


class BackupFailed(UserError):
    pass


class CopyUnderWay(BackupFailed):
    """Another window or command is writing a copy of that very name right now."""


# What a copy is, after the book's name: the kinds this module and db.migrations make.
_KINDS = (r"(?:daily-(?P<day>\d{4}-\d\d-\d\d)|level\d+-\d{8}-\d{6}"
          r"|(?P<replaced>before-restore-)\d{8}-\d{6}|\d{8}-\d{6})\.db")


def _copy_names(book: Path) -> re.Pattern[str]:
    """The names of `book`'s copies: <book>.<kind>.db (a book called "studio-old.db" has
    copies of its own).

    An earlier clientbook named copies by the stem and a dash (studio-daily-….db), so that
    studio.db and studio.sqlite beside it shared them. Those are taken as the copies of a
    .db book alone: .db is the suffix of the default book (clientbook.db) and of the books
    the README shows, so a studio's existing copies are still found, pruned and listed by
    forget; a book with another suffix, or none, starts with copies of its own.
    """
    owners = [re.escape(book.name) + r"\."]
    if book.suffix == ".db":
        owners.append(re.escape(book.stem) + "-")
    return re.compile(f"(?:{'|'.join(owners)}){_KINDS}")


def backup_dir(book: Path) -> Path:
    """backups/ beside the book, the owner's alone: made 0700; one others may write into is
    made the owner's only again; a link, or a folder of another user, is refused."""
    folder = book.parent / "backups"
    if folder.is_symlink():
        raise BackupFailed(_("{folder} is a link, not a folder: copies of the book are not written "
                             "through it. Remove it, and the next backup makes the folder.").format(folder=folder))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    found = folder.stat()
    if found.st_uid != os.getuid():
        raise BackupFailed(_("{folder} belongs to another user: copies of the book are not written "
                             "there. Remove it or give it to this user.").format(folder=folder))
    if found.st_mode & 0o077:
        folder.chmod(0o700)  # client data: nobody else may read or write the copies
    _clear_leftovers(book, folder)
    return folder


def _clear_leftovers(book: Path, folder: Path) -> None:
    """Remove the copies of `book` a killed backup left half-written (<copy>.partial), but
    never one that a backup running elsewhere holds: it is being written right now."""
    ours = _copy_names(book)
    for path in folder.glob("*.partial"):
        if ours.fullmatch(path.name.removesuffix(".partial")):
            copies.remove_unheld(path)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def backups_of(book: Path) -> list[Path]:
    """Every backup of `book` in its backups/ folder, the newest last."""
    return _copies_in(book.parent / "backups", _copy_names(book), "*.db")


def _copies_in(folder: Path, ours: re.Pattern[str], pattern: str) -> list[Path]:
    """The files in `folder` named as `ours` says, the newest last."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob(pattern) if ours.fullmatch(p.name)),
                  key=lambda p: (p.stat().st_mtime, p.name))


def latest_backup(book: Path) -> Path | None:
    """The newest copy to go back to: a sound one (never an empty or damaged file); what a
    restore replaced may be the damaged book, so it is not offered."""
    ours = _copy_names(book)
    found = [p for p in backups_of(book) if not ours.fullmatch(p.name)["replaced"]]
    return next((p for p in reversed(found) if p.stat().st_size and inspect(p, thorough=False).sound), None)


@dataclass(frozen=True)
class Health:
    """What `check` found in a book file."""

    problems: list[str]
    level: int = 0
    clients: int = 0
    visits: int = 0
    locked: bool = False  # another program holds it: nothing could be looked at

    @property
    def sound(self) -> bool:
        return not self.problems


def inspect(path: Path, *, thorough: bool = True) -> Health:
    """Is the file a sound clientbook book? Reads only; never changes the file.

    `thorough`: SQLite's integrity_check, which also cross-checks every index (6 s on a
    chain's 475 MB book); otherwise quick_check (0.6 s), enough for a copy just written
    from a sound book, and for telling a damaged book from a sound one.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            return Health([_("{file} is a folder, not a file.").format(file=path)])
        if not stat.S_ISREG(mode):  # a named pipe would wait for ever, a device never end
            return Health([_("{file} is a device or a pipe, not a file.").format(file=path)])
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return Health([_("There is no file {file}.").format(file=path)])
    except OSError as error:
        return Health([_("{file} cannot be read: {error}.").format(file=path, error=error.strerror)])
    if header != SQLITE_HEADER:
        return Health([_("{file} is not a clientbook book.").format(file=path)])
    try:
        con = read_only_connection(path, timeout=copies.BUSY_LIMIT_SECONDS)
    except DRIVER_ERRORS as error:
        return Health([_("{file} cannot be opened: {error}.").format(file=path, error=error)])
    try:
        application_id, level = copies.marks(con)
        if application_id != APPLICATION_ID or level == 0:
            return Health([_("{file} is an SQLite database, but not a clientbook book.").format(
                file=path)])
        if level > LATEST:
            return Health([_("{file} was written by a newer clientbook (schema level {level}, "
                             "this one knows {latest}).").format(file=path, level=level,
                                                                latest=LATEST)], level)
        problems = copies.check_problems(con, thorough=thorough)
        problems += [_("a row of {table} refers to a missing row of {parent}.").format(
            table=table, parent=parent) for table, parent in copies.broken_references(con)][:20]
        if problems:
            return Health(problems, level)
        clients, visits = copies.client_and_visit_counts(con)
        return Health([], level, clients, visits)
    except DATABASE_ERRORS as error:
        if _is_locked(error):
            return Health([busy_sentence(path)], locked=True)
        return Health([_("{file} is damaged ({error}).").format(file=path, error=error)])
    finally:
        con.close()


def _is_locked(error: Exception) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def busy_sentence(path: Path) -> str:
    """The one sentence for a book another program holds (CLI, TUI, backups alike)."""
    return _("The book {book} is busy in another program (another clientbook, or a copy "
             "running); close it there and try again.").format(book=path)


def back_up(book: Path, dest: Path | None = None, *, now: datetime | None = None, force: bool = False) -> Path:
    """Copy the book to `dest` and check the copy.

    Without a file name (no `dest`, or a folder) the copy is named <book>.<now>.db, in
    backups/ beside the book when no folder is given. An existing file is replaced only
    with `force`, and never the book itself, its -wal or its -shm. The copy is written as
    <dest>.partial, held (flock) while it is written and checked, then renamed: a kill
    leaves no half copy under the real name, and the next backup clears the .partial away.
    """
    if dest is None or dest.is_dir():
        if now is None:
            raise ValueError("a backup without a file name is named by the moment: pass now")
        dest = (dest or backup_dir(book)) / copy_name(book, _stamp(now))
    if dest.resolve() in {Path(f"{book}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal")}:
        raise BackupFailed(_("A backup cannot replace the book itself; choose another file."))
    if (dest.exists() or dest.is_symlink()) and not force:
        raise BackupFailed(_("{file} already exists; choose another name, or --force to replace it.").format(file=dest))
    partial = dest.with_name(dest.name + ".partial")
    if not copies.remove_unheld(partial):  # a leftover goes; one being written is left be
        raise CopyUnderWay(_("{file} is being written by another backup right now; try again in "
                             "a moment.").format(file=dest))
    try:
        with copies.held_new_file(partial):
            try:
                _write_checked(book, partial)
                os.replace(partial, dest)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    except DATABASE_ERRORS as error:
        if _is_locked(error):
            raise BackupFailed(busy_sentence(book)) from None
        if isinstance(translate_error(error, dest), BookUnwritable):  # a full disk, a read-only folder
            raise BackupFailed(_("{file} cannot be written: there is no room on its disk, or the folder "
                                 "cannot be written; nothing was written.").format(file=dest)) from None
        raise BackupFailed(_("The book {book} could not be copied ({error}); nothing was "
                             "written.").format(book=book, error=error)) from None
    except OSError as error:
        raise BackupFailed(_("{file} cannot be written: {error}.").format(
            file=dest, error=error.strerror or error)) from None
    return dest


def _write_checked(book: Path, partial: Path) -> None:
    copy_book(book, partial, made=True)
    health = inspect(partial, thorough=False)
    if not health.sound:
        raise BackupFailed(_("The copy of {book} did not pass its check ({problem}); nothing "
                             "was written.").format(book=book, problem=health.problems[0]))


def daily_backup(book: Path, today: date, keep: int) -> Path | None:
    """Today's backup if there is none yet (an empty book needs none); the last `keep` kept.
    Copies a killed backup left half-written are cleared away first, every time."""
    folder = book.parent / "backups"
    if folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid():
        _clear_leftovers(book, folder)
    if today.isoformat() in (day for day, _path in _dailies(book)) or not copies.has_clients(book):
        return None
    try:
        dest = back_up(book, backup_dir(book) / copy_name(book, f"daily-{today.isoformat()}"))
    except CopyUnderWay:
        return None  # another window is making today's copy this very moment
    # Today's copy is kept whatever its date sorts after (a clock set back, a copy dated
    # ahead): the oldest of the others go.
    others = sorted(found for found in _dailies(book) if found[1] != dest)
    for _day, old in others[:max(len(others) - (keep - 1), 0)] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return dest


def _dailies(book: Path) -> list[tuple[str, Path]]:
    """The book's daily copies with their days, under its names and an earlier clientbook's."""
    ours = _copy_names(book)
    return [(found["day"], path) for path in backups_of(book)
            if (found := ours.fullmatch(path.name))["day"]]


def restore(book: Path, source: Path, now: datetime, *,
            confirm: Callable[[str], bool] | None = None) -> Path | None:
    """Replace the book with a checked backup; returns the copy kept of what it replaced.

    When `source` is another studio's book (_other_studio), `confirm` is asked with the
    sentence that says so; a no, or nobody to ask (`confirm` None), changes nothing.
    """
    health = inspect(source)
    if not health.sound:
        raise BackupFailed(_("{source} cannot be restored: {problem} The book was not "
                             "changed.").format(source=source, problem=health.problems[0]))
    if source.resolve() == book.resolve():
        raise BackupFailed(_("{source} is the book itself.").format(source=source))
    ours, theirs = read_identity(book), read_identity(source)
    stranger = _other_studio(book, ours, source, theirs)
    if stranger and confirm is None:
        raise BackupFailed(stranger + " " + _("Nothing was changed; to replace it all the same, add --yes."))
    if stranger and not confirm(stranger):
        raise BackupFailed(_("The book {book} was not changed.").format(book=book))
    with alone(book) as free:  # nobody may keep working on the book being replaced
        if not free:
            raise BackupFailed(open_elsewhere_sentence(book))
        kept = _replace(book, source, now)
        if not stranger and ours and ours.book_id and theirs and not theirs.book_id:
            # A copy made before books had an identity, of this very studio: the book stays
            # itself, so that its later copies are known as its own.
            keep_identity(book, ours.book_id)
        return kept


def _other_studio(book: Path | str, ours: Identity | None, source: Path, theirs: Identity | None) -> str | None:
    """Another studio's book, when this one holds clients: their identities differ; where
    either is a book (or a copy) from before identities (level 5 and older), their studio
    names do. An empty or new book (a new laptop) and one that cannot be read ask nothing:
    there are no clients of its own to lose (a damaged book's bytes are kept anyway)."""
    if ours is None or theirs is None or not ours.clients:
        return None
    if ours.book_id and theirs.book_id:
        if ours.book_id == theirs.book_id:
            return None
    elif ours.studio_name == theirs.studio_name:
        return None
    return _("{source} is another studio's book ({theirs}); restoring it would replace the book "
             "{book} ({ours}).").format(source=source, theirs=_studio(theirs), book=book, ours=_studio(ours))


def _studio(identity: Identity) -> str:
    clients = ngettext("{count} client", "{count} clients", identity.clients).format(count=identity.clients)
    return f"{identity.studio_name or _('no studio name')}, {clients}"


def open_elsewhere_sentence(book: Path) -> str:
    return _("The book {book} is open in another window or command; close it there and try again. "
             "Nothing was changed.").format(book=book)


def _free_kept_name(book: Path, now: datetime) -> Path:
    """The name of the copy kept of the book a restore replaces: named by the second, the
    next second's name when a restore in this same second kept one already."""
    while True:
        kept = backup_dir(book) / copy_name(book, f"before-restore-{_stamp(now)}")
        if not (kept.exists() or kept.is_symlink()):
            return kept
        now += timedelta(seconds=1)


def _replace(book: Path, source: Path, now: datetime) -> Path | None:
    kept = None
    if book.exists() and book.stat().st_size:
        current = inspect(book, thorough=False)
        if current.locked:  # never pull the file from under a program that has it open
            raise BackupFailed(current.problems[0])
        kept = _free_kept_name(book, now)
        if current.sound:
            back_up(book, kept)
        else:
            # A damaged book cannot go through the backup API; keep its bytes as they are.
            for suffix in ("", "-wal"):
                if Path(f"{book}{suffix}").exists():
                    shutil.copyfile(f"{book}{suffix}", f"{kept}{suffix}")
                    os.chmod(f"{kept}{suffix}", 0o600)
        if current.sound:
            copy_book(source, book, single_file=False)  # SQLite's backup API: one transaction
            return kept
    # A damaged or empty book is replaced whole: the new one is made beside it, then renamed
    # over it, so that a kill at any moment leaves the old file or the new one, never none.
    partial = Path(f"{book}.restoring")
    partial.unlink(missing_ok=True)  # a restore killed before left it
    copy_book(source, partial)
    for suffix in ("-wal", "-shm"):
        Path(f"{book}{suffix}").unlink(missing_ok=True)
    os.replace(partial, book)
    return kept


# -- a book on a PostgreSQL server: pg_dump and pg_restore (issue 21) ---------------------
# Its copies are pg_dump's custom archives in the backups/ folder beside the default book
# (there is no folder beside a server's book), named by its database: <db>.<kind>.dump.
# A password in the book's URL reaches the tools through their environment alone, and no
# sentence shows it (db/pg_backup.py).

def on_server(book) -> bool:
    """Is this book on a PostgreSQL server (else a file)?"""
    return is_server_address(book)


def book_name(book) -> str:
    """The book as it may be shown: a server's URL without its password."""
    return shown_address(str(book)) if is_server_address(book) else str(book)


def missing_tool_sentence(tool: str) -> str:
    return _("{tool} is not installed, and a book on a PostgreSQL server is backed up and restored "
             "through it: install PostgreSQL's client programs (on Debian or Ubuntu: apt-get install "
             "postgresql-client). Nothing was changed.").format(tool=tool)


def server_backup_dir() -> Path:
    """backups/ beside the default book, the owner's alone: a server's book has no folder."""
    from clientbook.services.book import default_book_path

    folder = default_book_path().parent / "backups"
    if folder.is_symlink():
        raise BackupFailed(_("{folder} is a link, not a folder: copies of the book are not written "
                             "through it. Remove it, and the next backup makes the folder.").format(folder=folder))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def _server_stem(url: str) -> str:
    name = shown_address(url).split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    return re.sub(r"[^\w.-]", "_", name) or "clientbook"


def _server_copy_names(url: str) -> re.Pattern[str]:
    return re.compile(re.escape(_server_stem(url)) + r"\." + _KINDS.removesuffix(r"\.db") + r"\.dump")


def server_backups_of(url: str) -> list[Path]:
    """Every pg_dump copy of the server's book in the backups/ folder, the newest last."""
    from clientbook.services.book import default_book_path

    return _copies_in(default_book_path().parent / "backups", _server_copy_names(url), "*.dump")


def latest_server_backup(url: str) -> Path | None:
    ours = _server_copy_names(url)
    found = [p for p in server_backups_of(url) if not ours.fullmatch(p.name)["replaced"]]
    return found[-1] if found else None


def back_up_server(url: str, dest: Path | None = None, *, now: datetime | None = None,
                   force: bool = False, kind: str | None = None) -> Path:
    """The server's book dumped (pg_dump, custom format) to `dest` and read back; without a
    file name, <db>.<now>.dump in backups/ (or in the folder given)."""
    from db import pg_backup

    if dest is None or dest.is_dir():
        if now is None and kind is None:
            raise ValueError("a backup without a file name is named by the moment: pass now")
        dest = (dest or server_backup_dir()) / f"{_server_stem(url)}.{kind or _stamp(now)}.dump"
    if (dest.exists() or dest.is_symlink()) and not force:
        raise BackupFailed(_("{file} already exists; choose another name, or --force to replace it.").format(file=dest))
    if not copies.remove_unheld(dest.with_name(dest.name + ".partial")):
        raise CopyUnderWay(_("{file} is being written by another backup right now; try again in "
                             "a moment.").format(file=dest))
    try:
        return pg_backup.dump(url, dest)
    except pg_backup.ToolMissing as missing:
        raise BackupFailed(missing_tool_sentence(missing.args[0])) from None
    except pg_backup.ToolFailed as error:
        raise BackupFailed(_("The book {book} could not be copied ({error}); nothing was "
                             "written.").format(book=book_name(url), error=error)) from None
    except OSError as error:
        raise BackupFailed(_("{file} cannot be written: {error}.").format(
            file=dest, error=error.strerror or error)) from None


def restore_server(url: str, source: Path, now: datetime, *,
                   confirm: Callable[[str], bool] | None = None) -> Path | None:
    """Replace the server's book with the pg_dump archive `source`, in one transaction; the
    book it replaced is dumped first (returned), when the database held one. Another
    studio's archive over a book with clients is asked about, as a file's restore does."""
    from db import pg_backup

    if not source.is_file():
        problem = _("There is no file {file}.").format(file=source)
        raise BackupFailed(_("{source} cannot be restored: {problem} The book was not "
                             "changed.").format(source=source, problem=problem))
    try:
        if not pg_backup.is_book_archive(source):
            raise pg_backup.ToolFailed("")
    except pg_backup.ToolMissing as missing:
        raise BackupFailed(missing_tool_sentence(missing.args[0])) from None
    except pg_backup.ToolFailed:
        problem = _("{file} is not a copy of a clientbook book on a server (pg_dump's custom format); a book "
                    "file is brought to a server with clientbook copy-book.").format(
            file=source)
        raise BackupFailed(_("{source} cannot be restored: {problem} The book was not "
                             "changed.").format(source=source, problem=problem)) from None
    kept = None
    current = inspect_server(url)
    if not current.level and _server_holds_tables(url):
        raise BackupFailed(_("{book} holds another program's tables: a copy is restored only into its own book "
                             "or an empty database. The book was not changed.").format(book=book_name(url)))
    if current.level:
        try:
            theirs = pg_backup.archive_identity(source)
        except pg_backup.ToolMissing as missing:
            raise BackupFailed(missing_tool_sentence(missing.args[0])) from None
        stranger = _other_studio(book_name(url), _server_identity(url), source, theirs)
        if stranger and confirm is None:
            raise BackupFailed(stranger + " " + _("Nothing was changed; to replace it all the same, add --yes."))
        if stranger and not confirm(stranger):
            raise BackupFailed(_("The book {book} was not changed.").format(book=book_name(url)))
        kept = back_up_server(url, kind=f"before-restore-{_stamp(now)}", force=True)
    try:
        pg_backup.restore(url, source)
    except pg_backup.ToolMissing as missing:
        raise BackupFailed(missing_tool_sentence(missing.args[0])) from None
    except pg_backup.ToolFailed as error:
        raise BackupFailed(_("{source} could not be restored into {book} ({error}); the book was not "
                             "changed.").format(source=source, book=book_name(url), error=error)) from None
    return kept


def _server_identity(url: str) -> Identity | None:
    from db import pg_backup

    return _on_server(url, pg_backup.server_identity)


def _server_holds_tables(url: str) -> bool:
    from db import pg_backup

    return _on_server(url, pg_backup.holds_tables)


def _on_server(url: str, look):
    """What `look(database)` finds in the server's database, opened as it is (no upgrade)."""
    from clientbook.services.book import explain
    from db.book_copy import open_without_upgrade
    from db.errors import BookError

    try:
        database, _level = open_without_upgrade(url)
    except BookError as error:
        raise BackupFailed(str(explain(error, url))) from None
    try:
        return look(database)
    finally:
        database.close()


def inspect_server(url: str) -> Health:
    """Is the server's database a sound clientbook book? Reads only: its mark and level, the
    references between rows (each pointing at a row that is there), the counts."""
    from clientbook.services.book import explain
    from db import pg_backup
    from db.book_copy import open_without_upgrade
    from db.errors import BookError

    shown = book_name(url)
    try:
        database, level = open_without_upgrade(url)
    except BookError as error:
        return Health([str(explain(error, url))])
    try:
        if not level:
            return Health([_("{file} is not a clientbook book.").format(file=shown)])
        if level > LATEST:
            return Health([_("{file} was written by a newer clientbook (schema level {level}, "
                             "this one knows {latest}).").format(file=shown, level=level, latest=LATEST)], level)
        problems = [_("a row of {table} refers to a missing row of {parent}.").format(table=table, parent=parent)
                    for table, parent in pg_backup.broken_references(database)]
        problems += [_("the references of {table} are not checked by the server (NOT VALID).").format(table=table)
                     for table in pg_backup.unchecked_constraints(database)]
        if problems:
            return Health(problems[:20], level)
        clients, visits = pg_backup.client_and_visit_counts(database)
        return Health([], level, clients, visits)
    except DATABASE_ERRORS as error:
        return Health([str(explain(error, url))], level)
    finally:
        database.close()


def no_daily_backup_sentence() -> str:
    """What `check` says of a server's book: no desk copies it every day on its own."""
    return _("No daily backup is made of a book on a server (each desk would keep a copy of every client): "
             "back it up with clientbook backup, or by the server's own schedule of pg_dump.")
