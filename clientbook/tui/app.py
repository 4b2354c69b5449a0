"""The terminal interface: one book, opened for the whole session."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from clientbook.services.book import open_book


class ClientbookApp(App):
    """clientbook in the terminal. Database work runs in worker threads, never here."""

    CSS_PATH = "app.tcss"
    TITLE = "clientbook"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
    ]

    def __init__(self, database, path: Path, today: date):
        super().__init__()
        self.database, self.book_path, self.today = database, Path(path), today

    def on_mount(self) -> None:
        from clientbook.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def on_unmount(self) -> None:
        self.database.close()


def run_app(path: Path, today: date) -> None:
    """Open the book first (a bad book stops here with one sentence), then the app."""
    database = open_book(path)
    ClientbookApp(database, path, today).run()
