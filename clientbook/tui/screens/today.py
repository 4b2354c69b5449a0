"""Today: the sessions booked for the day, and the selected client's brief beside them."""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from clientbook.i18n import N_, _, day
from clientbook.services.brief import brief
from clientbook.services.card_text import status_label
from clientbook.services.settings import default_region
from clientbook.services.today import (
    answer_prompt,
    birthdays_ahead,
    birthdays_text,
    cancel_question,
    close_session,
    closed_sentence,
    mark_asked,
    masters,
    sessions,
    undo_close,
    undone_close_sentence,
)
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.ask import Ask, Choose
from clientbook.tui.widgets.brief_text import brief_text
from clientbook.tui.widgets.row_table import RowTable
from clientbook.tui.widgets.steady_footer import SteadyFooter

ALL_MASTERS = "all"


class TodayScreen(BookScreen):
    DEFAULT_CSS = """
    #today-left { width: 1fr; }
    #today-left #sessions { width: 100%; height: 1fr; }
    #today-birthdays { height: auto; padding: 0 1; color: $text-muted; }
    """
    # The status right after the client: d, n and x are seen even when the brief takes the width.
    COLUMNS = (N_("time"), N_("client"), N_("status"), N_("services"), N_("master"))
    BINDINGS = [
        Binding("enter", "open_card", N_("Open card"), id="open-card"),
        Binding("d", "close_session('done')", N_("Came"), id="came"),
        Binding("n", "close_session('no_show')", N_("No-show"), id="no-show"),
        Binding("x", "close_session('cancelled')", N_("Cancelled"), id="cancelled"),
        Binding("u", "undo", N_("Undo"), id="undo-today"),
        Binding("a", "mark_asked", N_("Mark asked"), id="mark-asked"),
        Binding("m", "choose_master", N_("Master"), id="master"),
        Binding("f5", "reload", N_("Refresh"), id="refresh-today"),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows = []
        self.master: tuple[int, str] | None = None  # None: the whole studio
        self.current_brief = None
        self.phone_region = "RU"
        self.last_change = None  # the last session closed in this window: what u takes back

    def compose(self) -> ComposeResult:
        yield Static("", id="today-title", markup=False)
        with Horizontal():
            with Vertical(id="today-left"):
                yield RowTable(id="sessions")
                yield Static("", id="today-birthdays", markup=False)
            with VerticalScroll(id="today-brief-panel"):
                yield Static("", id="today-brief", markup=False)
        yield SteadyFooter()

    def shown(self) -> None:
        self.load(max(self.query_one("#sessions", DataTable).cursor_row, 0))

    # -- workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="sessions")
    def load(self, keep_row: int) -> None:
        master_id = self.master[0] if self.master else None
        today = self.app.today
        self.ask_book(lambda db: (sessions(db, today, master_id), default_region(db), birthdays_ahead(db, today)),
                      lambda found: self.show_sessions(*found, keep_row))

    @work(thread=True, exclusive=True, group="today-brief")
    def load_brief(self, client_id: int) -> None:
        self.ask_book(lambda db: brief(db, client_id, self.app.today), self.show_brief)

    @work(thread=True, exclusive=True, group="masters")
    def load_masters(self) -> None:
        self.ask_book(masters, self.offer_masters)

    @work(thread=True, group="asked")
    def retire(self, point_id: int, client_id: int, answer: str) -> None:
        self.ask_book(lambda db: mark_asked(db, point_id, self.app.clock(), answer=answer),
                      lambda _done: self.retired(client_id))

    # Not exclusive: a second close must not drop the first one's toast and undo record.
    @work(thread=True, group="close")
    def close(self, row, status: str, keep_row: int) -> None:
        today = self.app.today
        self.ask_book(lambda db: close_session(db, row.visit_id, row.status, status, today),
                      lambda change: self.closed(change, keep_row))

    @work(thread=True, group="close")
    def take_back(self, change, keep_row: int) -> None:
        self.ask_book(lambda db: undo_close(db, change), lambda _none: self.undone(change, keep_row))

    # -- on the UI thread --------------------------------------------------------------------

    def show_sessions(self, found, region: str, birthdays, keep_row: int) -> None:
        self.rows, self.phone_region = found, region
        today = self.app.today
        self.query_one("#today-birthdays", Static).update(birthdays_text(birthdays, today))
        whose = self.master[1] if self.master else _("all masters")
        self.query_one("#today-title", Static).update(literal(
            _("Today, {day} · {whose} · sessions: {count}").format(
                day=day(self.app.today, "long"), whose=whose, count=len(found))))
        table = self.query_one("#sessions", RowTable)
        rows = [[row.starts_at.strftime("%H:%M"),
                 literal(("⚠ " if row.has_alerts else "") + row.name, style="bold red" if row.has_alerts else ""),
                 status_label(row.status), literal(", ".join(row.services)), literal(row.master)] for row in found]
        # The client and the services give up room first (the brief beside them says them whole).
        table.fill([_(header) for header in self.COLUMNS], rows, [str(row.visit_id) for row in found],
                   flexible={1: 16, 3: 12}, cursor=keep_row)
        if found:
            table.focus()
        else:
            self.current_brief = None
            self.query_one("#today-brief", Static).update(_("No sessions booked for today."))

    def show_brief(self, found) -> None:
        self.current_brief = found
        self.query_one("#today-brief", Static).update(brief_text(found, self.phone_region))

    def offer_masters(self, found: list[tuple[int, str]]) -> None:
        choices = [(ALL_MASTERS, _("all masters"))] + [(str(mid), name) for mid, name in found]
        names = dict(found)

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.master = None if value == ALL_MASTERS else (int(value), names[int(value)])
            self.load(0)

        self.app.push_screen(Choose(_("Whose sessions?"), choices), chosen)

    def closed(self, change, keep_row: int) -> None:
        self.last_change = change
        self.notify(closed_sentence(change), markup=False)
        self.load(keep_row)

    def undone(self, change, keep_row: int) -> None:
        self.notify(undone_close_sentence(change), markup=False)
        self.load(keep_row)

    def retired(self, client_id: int) -> None:
        self.notify(_("Marked as asked."), markup=False)
        self.load_brief(client_id)

    @on(DataTable.RowHighlighted, "#sessions")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.rows):
            self.load_brief(self.rows[event.cursor_row].client_id)

    @on(DataTable.RowSelected, "#sessions")
    def selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_card()

    # -- actions -----------------------------------------------------------------------------

    def action_open_card(self) -> None:
        row = self.query_one("#sessions", DataTable).cursor_row
        if 0 <= row < len(self.rows):
            self.app.push_screen(CardScreen(self.rows[row].client_id))

    def action_mark_asked(self) -> None:
        found = self.current_brief
        if found is None or not found.ask_next_time:
            self.notify(_("Nothing to ask this client about."), markup=False)
            return
        points = found.ask_next_time

        def ask_answer(point_id: str | None) -> None:
            if point_id is None:
                return
            text = next(p.text for p in points if p.id == int(point_id))
            self.app.push_screen(
                Ask(answer_prompt(text),
                    lambda typed: typed),
                lambda answer: answer is not None and self.retire(int(point_id), found.id, answer))

        if len(points) == 1:
            ask_answer(str(points[0].id))
            return
        self.app.push_screen(Choose(_("Which one was asked?"), [(str(p.id), p.text) for p in points]), ask_answer)

    def selected_session(self):
        row = self.query_one("#sessions", DataTable).cursor_row
        return (row, self.rows[row]) if 0 <= row < len(self.rows) else (row, None)

    def action_close_session(self, status: str) -> None:
        """d came, n no-show, x cancelled (asked first): the selected session's day is closed."""
        index, row = self.selected_session()
        if row is None:
            return
        if status != "cancelled":
            self.close(row, status, index)
            return
        self.app.push_screen(Choose(cancel_question(row), [("yes", _("Yes")), ("no", _("No, go back"))]),
                             lambda answer: answer == "yes" and self.close(row, status, index))

    def action_undo(self) -> None:
        """u: the last session closed in this window goes back as it was, once."""
        if self.last_change is None:
            self.notify(_("Nothing to undo."), markup=False)
            return
        change, self.last_change = self.last_change, None
        self.take_back(change, self.query_one("#sessions", DataTable).cursor_row)

    def action_choose_master(self) -> None:
        self.load_masters()

    def action_reload(self) -> None:
        self.load(self.query_one("#sessions", DataTable).cursor_row)
