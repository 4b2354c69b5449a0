"""Desks that work one book: each window is a desk, named for the people who see its holds.

The name is CLIENTBOOK_DESK when set (a studio names its desks: «Ресепшен», «Зал»), else
the computer's name. A desk's id also tells two windows on one computer apart. The person
at it is CLIENTBOOK_USER when set («Анна»), else the computer's login; every row written
records both (db/writers.py).
"""
from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path

from clientbook.i18n import _
from db.desks import desk_board

RENEW_SECONDS = 10  # a desk renews its hold this often while it stays on a row


def desk_name() -> str:
    return os.environ.get("CLIENTBOOK_DESK", "").strip() or socket.gethostname()


def person_name() -> str:
    import getpass

    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name known to the system (a container's bare uid)
        login = ""
    return os.environ.get("CLIENTBOOK_USER", "").strip() or login


def writer_text(desk: str | None, person: str | None) -> str:
    """Who wrote a row, as its history shows it: «Ресепшен · Анна»; empty when unknown."""
    return " · ".join(part for part in (desk, person) if part)


def open_board(book: Path | str):
    """This desk's board on the book at `book` (a file's path, or a server's URL as given):
    db.desks.DeskBoard beside a file, ServerDeskBoard on a server."""
    return desk_board(book, f"{socket.gethostname()}:{os.getpid()}", desk_name())


def seconds(moment: datetime) -> float:
    return moment.timestamp()


def held_elsewhere(desk: str, said: str) -> str:
    """A call list row another desk has open: «звонит Ресепшен · пора позвонить»."""
    return _("{desk} is calling · {reason}").format(desk=desk, reason=said)


def held_warning(desk: str) -> str:
    return _("{desk} has this client open now: move on to the next one.").format(desk=desk)
