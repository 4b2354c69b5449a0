"""Forget means forgotten, backups included: which of the book's backups still hold a
client, and purging her from them (or dropping them) when the studio says so."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clientbook.errors import UserError
from clientbook.i18n import _, ngettext
from clientbook.services.backups import backups_of
from db import forget as forget_db
from db.presence import alone


@contextmanager
def nobody_else(book: Path) -> Iterator[None]:
    """Hold the book alone while a client is erased: a window open on her card would go on
    showing (and saving) what is no longer there. Refused with a sentence otherwise."""
    with alone(Path(book)) as free:
        if not free:
            raise UserError(_("The book {book} is open in another window; close it there before "
                              "forgetting a client. Nothing was changed.").format(book=book))
        yield


def backups_holding(book: Path, client_id: int, first_name: str, last_name: str) -> list[Path]:
    """The backups of `book` that still hold this client (her id with her name)."""
    return [path for path in backups_of(Path(book))
            if forget_db.holds_client(path, client_id, first_name, last_name)]


def purge_from_backups(paths: list[Path], client_id: int) -> None:
    """Erase the client from each backup, as from the book: no byte of her left."""
    for path in paths:
        forget_db.erase_client_from_file(path, client_id)


def drop_backups(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def backups_sentence(name: str, paths: list[Path]) -> str:
    """Which backups still hold a client just forgotten, said with what can be done."""
    listed = ", ".join(path.name for path in paths)
    return ngettext("{count} backup still holds {name}: {files}.",
                    "{count} backups still hold {name}: {files}.", len(paths)).format(
        count=len(paths), name=name, files=listed)


def purged_sentence(name: str, paths: list[Path]) -> str:
    return ngettext("Erased {name} from {count} backup too.", "Erased {name} from {count} backups too.",
                    len(paths)).format(name=name, count=len(paths))


def dropped_sentence(paths: list[Path]) -> str:
    return ngettext("Deleted {count} backup.", "Deleted {count} backups.", len(paths)).format(count=len(paths))


def kept_sentence() -> str:
    return _("They were kept as they are; next time, --backups purge erases the client from them too.")
