"""Finding and opening a book, and what it holds at a glance."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from db import summary as summary_db
from db.connection import open_database, translate_error
from db.errors import (
    DATABASE_ERRORS,
    DRIVER_ERRORS,
    BookDamaged,
    BookError,
    BookInUse,
    BookLocked,
    BookTooNew,
    BookUnreachable,
    BookUnwritable,
    GoneMeanwhile,
)
from db.postgres import is_server_address
from db.writers import sign

ENV_VAR = "CLIENTBOOK_DB"


def default_book_path() -> Path:
    import platformdirs  # 4 ms: only when no book is named

    return platformdirs.user_data_path("clientbook") / "clientbook.db"


def resolve_book_path(option: str | os.PathLike | None = None) -> Path | str:
    """`--db PATH` wins, then CLIENTBOOK_DB, then the default book. A PostgreSQL server's
    URL (postgresql://…) stays the text it is."""
    chosen = option or os.environ.get(ENV_VAR) or default_book_path()
    return book_location(chosen)


def book_location(chosen: str | os.PathLike) -> Path | str:
    """A book's file as a Path, or a server's URL as given (a Path would fold its //)."""
    if is_server_address(chosen):
        return str(chosen).strip()
    return Path(chosen).expanduser()


def open_book(path: str | os.PathLike, *, signed: bool = True):
    """Open the book at `path`, creating or upgrading it; derived data is kept in step.
    Rows written through it record this desk and person (services.desks), unless not
    `signed`: a copy keeps who wrote each row.

    A book that cannot be opened raises a BookError that says why in the user's language
    and what to do.
    """
    from clientbook.services.derived import rebuild
    from clientbook.services.desks import desk_name, person_name

    try:
        database = open_database(path, rebuild=rebuild)
        if signed:
            sign(database, desk_name(), person_name())
        return database
    except BookError as error:
        raise explain(error, book_location(path)) from None


def take_daily_backup(database, path: str | os.PathLike, today: date) -> str | None:
    """Today's backup of the book, if not made yet; a sentence to show if it failed.

    A failed backup does not stop the day's work: it is said, and tried again next time.
    """
    from clientbook.errors import UserError
    from clientbook.i18n import _
    from clientbook.services.backups import daily_backup
    from clientbook.services.settings import get_setting

    if getattr(database, "read_only", ""):
        return None  # nothing can be written there; the interface says so once (reading_only_notice)
    if is_server_address(path):
        return None  # a server's book: backed up by its server's tools for now (README, "Several desks")
    try:
        daily_backup(Path(path), today, int(get_setting(database, "backups_kept")))
    except (UserError, OSError, *DRIVER_ERRORS) as error:
        return _("Today's backup of the book could not be made: {error}").format(error=error)
    return None


def expected_failure(error: BaseException, path: str | os.PathLike) -> Exception | None:
    """The error to show a person for a failure they can act on, or None for a bug.

    A bad file or input (UserError), and a book that is locked, damaged or not a book
    (BookError, also when SQLite says so mid-work), each carry one sentence.
    """
    from clientbook.errors import EXPECTED_ERRORS

    if isinstance(error, EXPECTED_ERRORS):
        return error
    if isinstance(error, DATABASE_ERRORS):
        explained = explain(error, book_location(path))
        if isinstance(explained, BookError):
            return explained
    return None


def explain(error: BaseException, path: Path | str) -> BaseException:
    """A book's failure as the sentence a person acts on, in the interface's language."""
    from clientbook.i18n import _
    from clientbook.services.backups import busy_sentence, latest_backup

    if isinstance(error, DATABASE_ERRORS):
        error = translate_error(error, path)
    if not isinstance(error, BookError):
        return error
    if is_server_address(error.path or path):
        error.path = error.path or path
        explained = type(error)(server_sentence(error), error.path, error.detail)
        explained.said = getattr(error, "said", "")
        return explained
    path = Path(error.path or path)
    if isinstance(error, BookLocked):
        text = busy_sentence(path)
    elif isinstance(error, BookDamaged):
        backup = latest_backup(path)
        text = (_("The book {book} is damaged. Restore the latest backup: clientbook restore "
                  "{backup} --db {book}").format(book=path, backup=backup) if backup else
                _("The book {book} is damaged and has no backups; `clientbook check` names "
                  "the damage.").format(book=path))
    elif isinstance(error, BookUnwritable):
        text = unwritable_sentence(path, error.detail)
    elif isinstance(error, BookInUse):
        text = _("The book {book} must be upgraded for this version of clientbook, and it is open in "
                 "another window or command; close it there and try again. Nothing was changed."
                 ).format(book=path)
    elif isinstance(error, GoneMeanwhile):
        text = _("Not saved: the client, master or service this refers to was deleted in another window "
                 "or command meanwhile. Open it again to see the book as it is now.")
    elif isinstance(error, BookTooNew):
        text = _("The book {book} was written by a newer clientbook; update clientbook to "
                 "open it (this book was not changed).").format(book=path)
    else:
        text = {
            "folder": _("{book} is a folder; give the book's file with --db."),
            "unreadable": _("{book} cannot be read: permission denied."),
        }.get(error.detail, _("{book} is not a clientbook book; give the book's file with --db.")
              ).format(book=path)
    return type(error)(text, path, error.detail)


def server_sentence(error: BookError) -> str:
    """A failure of a book on a PostgreSQL server (its address shown without a password)."""
    from clientbook.i18n import _

    book = error.path
    if isinstance(error, BookUnreachable):
        detail = getattr(error, "said", "")
        return {
            "login": _("The server of the book {book} refused the login ({detail}). Give the password in "
                       "~/.pgpass (PGPASSFILE), not in the address."),
            "missing": _("The book {book} does not exist on its server; create the database first "
                         "(createdb), then open it again."),
            "address": _("{book} is not a PostgreSQL address clientbook can use ({detail})."),
            "driver": _("The book {book} is on a PostgreSQL server, and the PostgreSQL driver is not "
                        "installed: pip install 'clientbook[postgresql]'."),
        }.get(error.detail, _("The server of the book {book} cannot be reached ({detail}). Check that it "
                              "runs and that the address is right; nothing was changed.")
              ).format(book=book, detail=detail)
    if isinstance(error, BookLocked):
        return _("The book {book} is busy at another desk; try again.").format(book=book)
    if isinstance(error, GoneMeanwhile):
        return _("Not saved: the client, master or service this refers to was deleted in another window "
                 "or command meanwhile. Open it again to see the book as it is now.")
    if isinstance(error, BookTooNew):
        return _("The book {book} was written by a newer clientbook; update clientbook to "
                 "open it (this book was not changed).").format(book=book)
    if isinstance(error, BookDamaged):
        return _("The book {book} is damaged on its server.").format(book=book)
    return _("{book} is not a clientbook book; give the book's file with --db.").format(book=book)


def unwritable_sentence(path: Path, why: str) -> str:
    """Why nothing can be saved in the book, and what to do (`why`: BookUnwritable.detail)."""
    from clientbook.i18n import _

    return {
        "full": _("The disk holding the book {book} is full: the book can be read, but nothing can "
                  "be saved. Free some space and try again; nothing was changed."),
        "read_only": _("The book {book} is in a folder or on a disk that cannot be written: it can be "
                       "read, but nothing can be saved; nothing was changed."),
        "owner": _("{book} belongs to another user, or others may write it; clientbook keeps client "
                   "data only in your own files. Open it as the user it belongs to."),
    }.get(why, _("The book {book} could not be read or written: the disk reported an error. Nothing "
                 "was changed; `clientbook check` says whether the book is whole.")).format(book=path)


def reading_only_notice(database) -> str | None:
    """What to say when the book opened for reading only (a full disk, a read-only folder)."""
    why = getattr(database, "read_only", "")
    return unwritable_sentence(database.path, why) if why else None


@dataclass(frozen=True)
class BookSummary:
    path: str
    name: str
    clients: int
    archived: int
    visits: int
    masters: int
    services: int


def summary(database, path: str | os.PathLike) -> BookSummary:
    from clientbook.services.settings import get_setting

    return BookSummary(
        path=str(database.path if is_server_address(path) else path),  # a server's: without its password
        name=get_setting(database, "studio_name", "") or _book_stem(path),
        clients=summary_db.clients(database),
        archived=summary_db.archived_clients(database),
        visits=summary_db.visits(database),
        masters=summary_db.masters(database),
        services=summary_db.services(database),
    )


def _book_stem(path) -> str:
    """The book's name where the studio has none: its file's, or its database's on a server."""
    if is_server_address(path):
        return str(path).split("?", 1)[0].rsplit("/", 1)[-1] or "clientbook"
    return Path(path).stem


def watch_book(database):
    """A watch on the book's writes: `.version()` changes whenever anything (this program's
    workers, another window, a command) wrote since it was last asked: PRAGMA data_version
    on a file book, LISTEN/NOTIFY on a server's. See db/changes.py."""
    from db.changes import watch

    return watch(database)


def hold_book(path: str | os.PathLike):
    """Say that this program works on the book until `.release()`: a restore waits for nobody
    and refuses while it is held (db/presence.py). A server's book is restored by its
    server's tools, which know who is connected: nothing is held beside it."""
    from db.presence import Presence

    if is_server_address(path):
        return NothingHeld()
    return Presence(Path(path))


class NothingHeld:
    """hold_book's answer for a server's book."""

    def release(self) -> None:
        pass
