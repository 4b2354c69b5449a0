"""The first screen: the book at a glance, a search that answers as you type, the card."""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Static

from clientbook.domain.text import format_phone
from clientbook.i18n import N_, _
from clientbook.services.book import summary
from clientbook.services.clients import card
from clientbook.services.search import search
from clientbook.services.settings import default_region
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.card_view import overview_text
from clientbook.tui.widgets.row_table import RowTable
from clientbook.tui.widgets.steady_footer import SteadyFooter

PAGE = 100  # a page from the database; the next one comes when the cursor reaches the end


class HomeScreen(BookScreen):
    BINDINGS = [
        Binding("slash", "focus_search", N_("Search"), id="search"),
        Binding("ctrl+f", "focus_search", N_("Search"), id="search-ctrl", show=False),
        Binding("escape", "clear", N_("Clear"), id="clear"),
        Binding("ctrl+n", "new_client", N_("New client"), id="new-client"),
        Binding("d", "load_demo", N_("Load demo studio"), id="demo"),
        Binding("ctrl+o", "import_file", N_("Import"), id="import"),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
        Binding("down", "to_results", N_("To the results"), id="to-results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.loaded = 0
        self.exhausted = False
        self.empty_book = False
        self.phone_region = "RU"
        self.previewed: str | None = None  # the client id the preview shows

    def compose(self) -> ComposeResult:
        yield Static("", id="summary", markup=False)
        yield Input(placeholder=_("Search: any part of a name, phone digits, a tag…"), id="search")
        yield Static(
            _("This book is empty. ctrl+n adds your first client and F7 your price list and masters; "
              "d loads a demo studio (300 clients with two years of visits); ctrl+o imports your "
              "spreadsheet or a phone's contacts."),
            id="empty", markup=False,
        )
        yield Static(_("Nobody found."), id="nobody", markup=False)
        with Horizontal(id="body"):
            table = RowTable(id="results")
            table.add_columns(_("id"), _("studio id"), _("name"), _("phone"))
            yield table
            with VerticalScroll(id="card-panel"):
                yield Static("", id="card", markup=False)
        yield SteadyFooter()

    def shown(self) -> None:
        # First shown, or back from a card: names, phones and archiving may have changed.
        self.load_summary()
        self.run_search(self.query_text, 0)

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()

    # -- workers: each runs in its own thread with its own connection --------------------

    @work(thread=True, exclusive=True, group="summary")
    def load_summary(self) -> None:
        self.ask_book(
            lambda db: (summary(db, self.app.book_path), default_region(db)),
            lambda found: self.show_summary(*found),
        )

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str, offset: int) -> None:
        self.ask_book(
            lambda db: search(db, text, limit=PAGE, offset=offset),
            lambda hits: self.show_results(text, offset, hits),
        )

    @work(thread=True, exclusive=True, group="card")
    def load_card(self, client_id: int) -> None:
        self.ask_book(lambda db: card(db, client_id, self.app.today), self.show_card)

    @work(thread=True, exclusive=True, group="demo")
    def fill_demo(self) -> None:
        from clientbook.services.demo import generate_demo

        self.ask_book(
            lambda db: generate_demo(db, clients=300, seed=1, today=self.app.today),
            self.demo_loaded,
        )

    # -- results come back here, on the UI thread ------------------------------------------

    def show_summary(self, found, region: str) -> None:
        self.phone_region = region
        was_empty, self.empty_book = self.empty_book, found.clients == 0 and found.archived == 0
        self.query_one("#summary", Static).update(literal(
            _("{name} · {clients} clients · {archived} archived · {visits} visits · "
              "{masters} masters · {services} services · {path}").format(
                name=found.name, clients=found.clients, archived=found.archived,
                visits=found.visits, masters=found.masters, services=found.services,
                path=found.path)
        ))
        self.query_one("#empty", Static).set_class(self.empty_book, "shown")
        search_box = self.query_one("#search", Input)
        if self.empty_book and search_box.has_focus and not search_box.value:
            # Nothing to search yet: the keys the notice names (d, ctrl+o) must not type
            # into the box. / still goes to the search.
            self.query_one("#results", DataTable).focus()
        elif was_empty and not self.empty_book:
            search_box.focus()  # a demo or an import filled the book: ready to find someone
        self.refresh_bindings()

    def show_results(self, text: str, offset: int, hits) -> None:
        if text != self.query_text:
            return  # an answer to an older query
        table = self.query_one("#results", DataTable)
        keep_row = table.cursor_row
        if offset == 0:
            table.clear()
        for hit in hits:
            table.add_row(
                str(hit.id), literal(hit.external_id), literal(hit.name),
                literal(format_phone(hit.phone, self.phone_region)), key=str(hit.id),
            )
        if offset == 0 and 0 < keep_row < len(hits):
            table.move_cursor(row=keep_row)  # back from a card: stay where the person was
        self.loaded = offset + len(hits)
        self.exhausted = len(hits) < PAGE
        if offset == 0:
            self.query_one("#nobody", Static).set_class(bool(text.strip()) and not hits, "shown")
            shown_ids = {str(hit.id) for hit in hits}
            if self.previewed is not None and self.previewed not in shown_ids:
                self.close_preview()  # the preview shows only a client in the results

    def demo_loaded(self, made) -> None:
        self.notify(_("Demo studio loaded: {clients} clients, {visits} visits.").format(
            clients=made.clients, visits=made.visits), markup=False)
        self.load_summary()
        self.run_search(self.query_text, 0)

    def show_card(self, found) -> None:
        self.previewed = str(found.id)
        self.query_one("#card", Static).update(overview_text(found, self.phone_region))
        self.query_one("#card-panel").add_class("open")

    def close_preview(self) -> None:
        self.previewed = None
        self.query_one("#card-panel").remove_class("open")

    # -- events and actions ----------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.run_search(event.value, 0)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        table = self.query_one("#results", DataTable)
        if table.row_count:
            table.focus()
            self.load_card(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    @on(DataTable.RowSelected, "#results")
    def open_card(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(CardScreen(int(event.row_key.value)))

    @on(DataTable.RowHighlighted, "#results")
    def preview_and_page(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None and self.query_one("#results").has_focus:
            self.load_card(int(event.row_key.value))
        if not self.exhausted and event.cursor_row >= self.loaded - 5:
            self.exhausted = True  # until this page arrives
            self.run_search(self.query_text, self.loaded)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_to_results(self) -> None:
        """Down from the search box goes into the results (the table's own Down moves in it)."""
        table = self.query_one("#results", DataTable)
        if table.row_count:
            table.focus()
            self.load_card(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_clear(self) -> None:
        if self.query_one("#card-panel").has_class("open"):
            self.close_preview()
            return
        search_box = self.query_one("#search", Input)
        if search_box.has_focus and not search_box.value:
            self.query_one("#results", DataTable).focus()  # Escape again leaves the box: keys work
            return
        search_box.value = ""
        search_box.focus()

    def action_import_file(self) -> None:
        from clientbook.tui.screens.import_dialog import ImportDialog

        self.app.push_screen(ImportDialog(), self.imported)

    def imported(self, lines: list[str] | None) -> None:
        if lines:
            self.notify("\n".join(lines[:3]), timeout=8, markup=False)  # file and client names
            self.shown()

    def action_new_client(self) -> None:
        from clientbook.tui.widgets.client_form import NewClientForm

        self.app.push_screen(NewClientForm(), self.client_added)

    def client_added(self, client_id: int | None) -> None:
        if client_id is None:
            return
        self.notify(_("Client added."), markup=False)
        self.app.push_screen(CardScreen(client_id))  # back from it, the list shows the new client

    def action_load_demo(self) -> None:
        self.notify(_("Loading the demo studio…"), markup=False)
        self.fill_demo()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "load_demo":
            return self.empty_book
        return True
