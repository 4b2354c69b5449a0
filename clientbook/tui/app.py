"""The terminal interface: one book, opened for the whole session."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from clientbook.domain.text import printable
from clientbook.i18n import N_, _
from clientbook.services.book import (
    book_location,
    hold_book,
    open_book,
    reading_only_notice,
    take_daily_backup,
    watch_book,
)
from clientbook.services.desks import open_board
from clientbook.services.outlook import ensure_fresh
from clientbook.services.preload import preload
from clientbook.tui.commands import SEARCH_THEMES, Palette, key_commands
from clientbook.tui.screens.calls import CallsScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.screens.catalog import CatalogScreen
from clientbook.tui.screens.home import HomeScreen
from clientbook.tui.screens.reports import ReportsScreen
from clientbook.tui.screens.settings import SettingsScreen
from clientbook.tui.screens.today import TodayScreen

PRELOAD_AFTER_S = 1.0
M_ARENA_MAX = -8  # mallopt's parameter, from glibc's malloc.h


class ClientbookApp(App):
    """clientbook in the terminal. Database work runs in worker threads, never here."""

    CSS_PATH = "app.tcss"
    TITLE = "clientbook"
    MODES = {"clients": HomeScreen, "calls": CallsScreen, "today": TodayScreen,
             "reports": ReportsScreen, "settings": SettingsScreen, "catalog": CatalogScreen}
    DEFAULT_MODE = "clients"

    def __init__(self, database, path: Path | str, today: date,
                 clock: Callable[[], datetime] | None = None):
        super().__init__()
        # The book's file, or its server's URL as given (a Path would fold its //).
        self.database, self.book_path, self.today = database, book_location(path), today
        # The moment a call or an asked question is stamped with; without a clock (tests,
        # benchmarks) the day at noon, so nothing depends on the real time.
        self.clock = clock or (lambda: datetime.combine(today, time(12, 0)))
        self.changes = watch_book(database)
        self.board = open_board(self.book_path)  # which client each desk has open on the call list

    BINDINGS = [
        Binding("f2", "show_clients", N_("Clients"), id="clients"),
        Binding("f3", "switch_mode('calls')", N_("Calls"), id="calls"),
        Binding("f4", "switch_mode('today')", N_("Today"), id="today"),
        Binding("f6", "switch_mode('reports')", N_("Reports"), id="reports"),
        Binding("f7", "switch_mode('catalog')", N_("Price list"), id="catalog"),
        Binding("f9", "switch_mode('settings')", N_("Settings"), id="settings"),
        Binding("f1", "toggle_help", N_("Keys"), id="help"),
        Binding("question_mark", "toggle_help", N_("Keys"), id="help-question", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", show=False, priority=True),
        # Tab moves the focus before the next key is read: Textual's own Tab goes through the
        # focused field first, and letters typed right after it landed in the field left.
        Binding("tab", "focus_next", N_("Next field"), id="next-field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", N_("Previous field"), id="previous-field", show=False,
                priority=True),
        # Textual's own palette key, declared here so the footer's label is translated too.
        Binding("ctrl+p", "command_palette", N_("commands"), id="palette", show=False, priority=True),
    ]

    def on_mount(self) -> None:
        self.presence = hold_book(self.book_path)  # a restore elsewhere refuses while this window is open
        self.switch_mode("clients")
        notice = reading_only_notice(self.database)
        if notice:
            self.notify(notice, severity="warning", timeout=30, markup=False)
        self.run_worker(self.daily_backup, thread=True, group="backup")
        self.run_worker(self.daily_outlook, thread=True, group="outlook")
        # A second on, the first screen is drawn and no key has yet needed what loads slowly.
        self.set_timer(PRELOAD_AFTER_S, lambda: self.run_worker(preload, thread=True, group="preload"))

    def daily_backup(self) -> None:
        """Today's copy of the book, made beside the first screen rather than before it."""
        try:
            warning = take_daily_backup(self.database, self.book_path, self.today)
        finally:
            self.database.close()  # this thread's connection
        if warning:
            self.call_from_thread(self.notify, warning, severity="warning", timeout=10, markup=False)

    def daily_outlook(self) -> None:
        """The return model refitted for today beside the first screen, so that the first
        card or call list of the day does not wait for it (it waits only if opened before
        the fit is done)."""
        try:
            ensure_fresh(self.database, self.today)
        except Exception:  # the screens' own reads refresh again and say what failed
            pass
        finally:
            self.database.close()  # this thread's connection

    def notify(self, message, *args, **kwargs):
        """Every toast, whatever it quotes (a file name, a cell), reaches the terminal as text."""
        return super().notify(printable(str(message)), *args, **kwargs)

    def get_system_commands(self, screen):
        return key_commands(self, screen)

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, in the interface's language."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(SEARCH_THEMES, providers=[ThemeProvider]))

    def action_help_quit(self) -> None:
        """ctrl+c, which quits many programs: say the key that quits this one."""
        self.notify(_("ctrl+q quits clientbook."), markup=False)

    def book_version(self) -> int:
        """Changes whenever the book was written: a screen shown again reads it only then."""
        return self.changes.version()

    def on_unmount(self) -> None:
        self.database.close()
        self.changes.close()
        self.board.close()
        self.presence.release()

    def action_show_clients(self) -> None:
        """F2: the client list, from a card opened on it too (a card asks about unsaved edits)."""
        if self.current_mode == "clients" and isinstance(self.screen, CardScreen):
            self.screen.action_leave()
        else:
            self.switch_mode("clients")

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()


def run_app(path: Path, today: date, clock: Callable[[], datetime], lang: str | None = None) -> None:
    """Open the book first (a bad book stops here with one sentence), then the app.

    The language: `lang` (--lang), then the book's setting, then the locale. `today` and
    `clock` come from the program's entry point, the only place that reads the clock.
    """
    from clientbook.i18n import set_language
    from clientbook.services.settings import start_language

    database = open_book(path)
    set_language(start_language(database, lang))
    few_memory_arenas()
    ClientbookApp(database, path, today, clock).run()


def few_memory_arenas() -> None:
    """glibc gives each new worker thread its own memory arena and keeps what the thread
    freed there: Reports read again at 100,000 clients took the window from 181 to 225 MB
    while Python's own memory stayed put. Two arenas keep it at 147 MB, as fast."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl has no mallopt): its own allocator
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, 2)
