"""What every screen of the book shares: translated keys, and asking the book off the UI thread."""
from __future__ import annotations

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.worker import get_current_worker

from clientbook.services.book import expected_failure
from clientbook.tui.translate import KeysInLanguage


class BookScreen(KeysInLanguage, Screen):
    def __init__(self) -> None:
        super().__init__()
        self._resume_pending = False
        self._read_at: int | None = None  # the book's version when this screen last read it

    def on_screen_resume(self) -> None:
        # Textual tells a screen it is shown more than once when its mode first opens;
        # read the book once for all of them.
        if not self._resume_pending:
            self._resume_pending = True
            self.call_after_refresh(self._resumed)

    def _resumed(self) -> None:
        self._resume_pending = False
        # What the screen shows stays on screen; it is read again only when someone wrote
        # since (this window, another one, a command). The version is taken before the
        # read, so a write during it brings one more read next time, never one less.
        version = self.app.book_version()
        if version == self._read_at:
            return
        self._read_at = version
        self.shown()

    def shown(self) -> None:
        """The screen is in front for the first time, or again after the book was written:
        read what may have changed."""

    def ask_book(self, question, answer) -> None:
        """Call from a thread worker: question(database) there, answer(result) on the UI.

        Each worker thread has its own connection (peewee keeps one per thread), closed
        here; an expected failure (a locked or damaged book) becomes a notification.
        """
        ask_book(self, question, answer)


def ask_book(screen, question, answer) -> None:
    """BookScreen.ask_book for any screen (a dialog too)."""
    app = screen.app
    database = app.database
    try:
        result = question(database)
    except Exception as error:
        failure = expected_failure(error, app.book_path)  # a bad input, a busy or damaged book
        if failure is None:
            raise
        app.call_from_thread(screen.notify, str(failure), severity="error", markup=False)  # may quote a name
        return
    finally:
        database.close()
    worker = get_current_worker()

    def deliver(result):
        # A thread cannot be stopped: an exclusive worker superseded by a newer one (the
        # list reloaded, another row chosen) still finishes, and its answer is stale.
        if worker.is_cancelled:
            return None
        try:
            return answer(result)
        except NoMatches:
            if screen.is_attached and app.is_running:
                raise  # the screen is there and lacks a widget: a fault to see
            return None  # the window is closing: its widgets went before this answer came

    app.call_from_thread(deliver, result)
