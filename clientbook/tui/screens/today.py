"""Today: the sessions booked for the day, and the selected client's brief beside them."""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from clientbook.i18n import N_, _, day
from clientbook.services.brief import brief
from clientbook.services.card_text import status_label
from clientbook.services.settings import default_region
from clientbook.services.today import mark_asked, masters, sessions
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.ask import Choose
from clientbook.tui.widgets.brief_text import brief_text

ALL_MASTERS = "all"


class TodayScreen(BookScreen):
    BINDINGS = [
        Binding("enter", "open_card", N_("Open card"), id="open-card"),
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

    def compose(self) -> ComposeResult:
        yield Static("", id="today-title", markup=False)
        with Horizontal():
            table = DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            table.add_columns(_("time"), _("client"), _("services"), _("master"), _("status"))
            yield table
            with VerticalScroll(id="today-brief-panel"):
                yield Static("", id="today-brief", markup=False)
        yield Footer()

    def shown(self) -> None:
        self.load(max(self.query_one("#sessions", DataTable).cursor_row, 0))

    # -- workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="sessions")
    def load(self, keep_row: int) -> None:
        master_id = self.master[0] if self.master else None
        self.ask_book(lambda db: (sessions(db, self.app.today, master_id), default_region(db)),
                      lambda found: self.show_sessions(*found, keep_row))

    @work(thread=True, exclusive=True, group="today-brief")
    def load_brief(self, client_id: int) -> None:
        self.ask_book(lambda db: brief(db, client_id, self.app.today), self.show_brief)

    @work(thread=True, exclusive=True, group="masters")
    def load_masters(self) -> None:
        self.ask_book(masters, self.offer_masters)

    @work(thread=True, group="asked")
    def retire(self, point_id: int, client_id: int) -> None:
        self.ask_book(lambda db: mark_asked(db, point_id, self.app.clock()),
                      lambda _done: self.retired(client_id))

    # -- on the UI thread --------------------------------------------------------------------

    def show_sessions(self, found, region: str, keep_row: int) -> None:
        self.rows, self.phone_region = found, region
        whose = self.master[1] if self.master else _("all masters")
        self.query_one("#today-title", Static).update(literal(
            _("Today, {day} · {whose} · sessions: {count}").format(
                day=day(self.app.today, "long"), whose=whose, count=len(found))))
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for row in found:
            name = literal(("⚠ " if row.has_alerts else "") + row.name,
                           style="bold red" if row.has_alerts else "")
            table.add_row(row.starts_at.strftime("%H:%M"), name, literal(", ".join(row.services)),
                          literal(row.master), status_label(row.status), key=str(row.visit_id))
        if found:
            table.move_cursor(row=min(keep_row, len(found) - 1))
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
        if len(points) == 1:
            self.retire(points[0].id, found.id)
            return
        self.app.push_screen(
            Choose(_("Which one was asked?"), [(str(p.id), p.text) for p in points]),
            lambda value: value and self.retire(int(value), found.id))

    def action_choose_master(self) -> None:
        self.load_masters()

    def action_reload(self) -> None:
        self.load(self.query_one("#sessions", DataTable).cursor_row)
