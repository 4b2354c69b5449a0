"""F7, the price list and the masters: what a visit is chosen from, kept tidy.

Two lists, Tab between them; the keys act on the focused one. Archived names stay on the
lists, dimmed and marked, so `a` brings them back. Every change is written in a worker
and named in a toast.
"""
from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from clientbook.domain.hours import hours_text
from clientbook.i18n import N_, _, language, money
from clientbook.services import catalog, catalog_edits
from clientbook.services.card_text import track_label
from clientbook.services.catalog import MasterLine, ServiceLine
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.widgets.ask import Choose
from clientbook.tui.widgets.catalog_forms import MasterForm, ServiceForm
from clientbook.tui.widgets.row_table import RowTable
from clientbook.tui.widgets.steady_footer import SteadyFooter

KINDS = ("services", "masters")
HEADERS = {"services": (N_("service"), N_("category"), N_("price"), N_("minutes"), N_("interval"), N_("visits")),
           "masters": (N_("master"), N_("working hours"), N_("visits"))}


class CatalogScreen(BookScreen):
    DEFAULT_CSS = """
    CatalogScreen #catalog-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        text-style: bold;
    }
    CatalogScreen .catalog-heading {
        height: 1;
        padding: 0 1;
        margin-top: 1;
        text-style: bold;
    }
    CatalogScreen .catalog-empty {
        height: auto;
        padding: 0 2;
        color: $warning;
        display: none;
    }
    CatalogScreen .catalog-empty.shown {
        display: block;
    }
    CatalogScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("ctrl+n", "add", N_("Add"), id="catalog-add"),
        Binding("e", "edit", N_("Edit"), id="catalog-edit"),
        Binding("m", "merge", N_("Merge into…"), id="catalog-merge"),
        Binding("a", "archive", N_("Archive / restore"), id="catalog-archive"),
        Binding("f5", "reload", N_("Refresh"), id="refresh-catalog"),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, list] = {"services": [], "masters": []}
        self.categories: list[str] = []
        self.kind = "services"  # the list the keys act on: the one focused last

    def compose(self) -> ComposeResult:
        yield Static(_("Price list and masters · Tab: the other list · Enter: edit"), id="catalog-title",
                     markup=False)
        yield Static(_("Price list"), classes="catalog-heading", markup=False)
        yield Static(_("No services yet: ctrl+n adds the first one."), id="services-empty",
                     classes="catalog-empty", markup=False)
        services = RowTable(id="services")
        services.add_columns(*(_(header) for header in HEADERS["services"]))
        yield services
        yield Static(_("Masters"), classes="catalog-heading", markup=False)
        yield Static(_("No masters yet: ctrl+n on this list adds the first one."), id="masters-empty",
                     classes="catalog-empty", markup=False)
        masters = RowTable(id="masters")
        masters.add_columns(*(_(header) for header in HEADERS["masters"]))
        yield masters
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#services", DataTable).focus()

    def shown(self) -> None:
        self.load()

    def on_descendant_focus(self, event) -> None:
        if event.widget.id in KINDS:
            self.kind = event.widget.id

    # -- workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="catalog")
    def load(self, select: tuple[str, int] | None = None) -> None:
        """Read both lists; `select` (kind, id) puts the cursor on a row just written."""
        self.ask_book(lambda db: (catalog.services(db, True, with_visits=True),
                                  catalog.masters(db, True, with_visits=True), catalog.categories(db)),
                      lambda found: self.show(*found, select))

    @work(thread=True, group="catalog-write")  # not exclusive: every change done gets its toast
    def write(self, change, sentence, kind: str, select=None) -> None:
        """change(db) in a worker; then the toast sentence(result), and the lists read again with
        the cursor on `select`: a row's id, or select(result) for a row just made."""
        def done(result) -> None:
            self.notify(sentence(result), markup=False)
            self.load((kind, select(result) if callable(select) else select))

        self.ask_book(change, done)

    # -- on the UI thread --------------------------------------------------------------------

    def show(self, services: list[ServiceLine], masters: list[MasterLine], categories: list[str],
             select: tuple[str, int] | None) -> None:
        self.lines = {"services": services, "masters": masters}
        self.categories = categories
        self.fill("services", [self.service_cells(s) for s in services], select)
        self.fill("masters", [self.master_cells(m) for m in masters], select)

    def fill(self, kind: str, cells: list[list[Text]], select: tuple[str, int] | None) -> None:
        table = self.query_one(f"#{kind}", RowTable)
        keep = table.cursor_row
        keys = [str(line.id) for line in self.lines[kind]]
        # Columns as wide as their cells from the first draw (RowTable.fill measures them):
        # left to DataTable, they were measured when it was next idle, and a dialog opened
        # before that froze the list beneath it as narrow as its headers. The name narrows
        # first when the screen is too small.
        table.fill([_(header) for header in HEADERS[kind]], cells, keys, flexible={0: 12}, cursor=keep)
        self.query_one(f"#{kind}-empty", Static).set_class(not cells, "shown")
        if select and select[0] == kind and select[1] is not None:
            keep = next((i for i, line in enumerate(self.lines[kind]) if line.id == select[1]), keep)
        if cells:
            table.move_cursor(row=min(max(keep, 0), len(cells) - 1))

    def service_cells(self, line: ServiceLine) -> list[Text]:
        style = "" if line.active else "dim"
        return [name_cell(line.name, line.active), literal(track_label(line.category), style),
                literal(money(line.price_cents), style), literal(line.duration_min or "", style),
                literal(line.interval_days or "", style), literal(line.visits, style)]

    def master_cells(self, line: MasterLine) -> list[Text]:
        style = "" if line.active else "dim"
        return [name_cell(line.name, line.active), literal(hours_text(line.hours, language()), style),
                literal(line.visits, style)]

    def selected(self):
        """The line under the cursor of the list the keys act on, or None."""
        table = self.query_one(f"#{self.kind}", DataTable)
        lines = self.lines[self.kind]
        return lines[table.cursor_row] if table.row_count and 0 <= table.cursor_row < len(lines) else None

    # -- keys --------------------------------------------------------------------------------

    def action_add(self) -> None:
        if self.kind == "services":
            form, add, said = (ServiceForm(categories=self.categories), catalog.add_service_fields,
                               catalog_edits.added_service_sentence)
        else:
            form, add, said = MasterForm(), catalog.add_master_fields, catalog_edits.added_master_sentence
        kind = self.kind

        def save(fields) -> None:
            if fields is not None:
                self.write(lambda db: add(db, fields), lambda _id: said(fields.name), kind,
                           select=lambda new_id: new_id)

        self.app.push_screen(form, save)

    @on(DataTable.RowSelected)
    def chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a row edits it."""
        self.kind = event.data_table.id
        self.action_edit()

    def action_edit(self) -> None:
        line, kind = self.selected(), self.kind
        if line is None:
            return
        if kind == "services":
            form, edit = ServiceForm(categories=self.categories, editing=line), catalog_edits.edit_service
        else:
            form, edit = MasterForm(editing=line), catalog_edits.edit_master

        def save(fields) -> None:
            if fields is None:
                return
            self.write(lambda db: edit(db, line.id, line, fields),
                       lambda changed: (catalog_edits.saved_sentence(fields.name) if changed
                                        else catalog_edits.unchanged_sentence(line.name)), kind, select=line.id)

        self.app.push_screen(form, save)

    def action_merge(self) -> None:
        """m: choose what the selected line is merged into, then say yes to a question naming both."""
        line, kind = self.selected(), self.kind
        if line is None:
            return
        by_id = {str(other.id): other for other in self.lines[kind] if other.id != line.id}
        if not by_id:
            self.notify(catalog_edits.nothing_to_merge_sentence(), markup=False)
            return
        merge = catalog_edits.merge_services if kind == "services" else catalog_edits.merge_masters

        def confirmed(answer, target) -> None:
            if answer == "yes":
                self.write(lambda db: merge(db, line.name, target.name),
                           lambda moved: catalog_edits.merged_sentence(line.name, target.name, moved), kind,
                           select=target.id)

        def chose(target_id) -> None:
            if target_id is not None:
                target = by_id[target_id]
                question = catalog_edits.merge_question(line.name, target.name, line.visits)
                self.app.push_screen(Choose(question, [("yes", _("Yes")), ("no", _("No, go back"))]),
                                     lambda answer: confirmed(answer, target))

        choices = [(key, other.name) for key, other in by_id.items()]
        self.app.push_screen(Choose(catalog_edits.merge_prompt(kind[:-1], line.name), choices), chose)

    def action_archive(self) -> None:
        """a: archive the selected line, or restore it if archived."""
        line, kind = self.selected(), self.kind
        if line is None:
            return
        if kind == "services":
            act = catalog_edits.archive_service if line.active else catalog_edits.restore_service
        else:
            act = catalog_edits.archive_master if line.active else catalog_edits.restore_master
        said = catalog_edits.archived_sentence if line.active else catalog_edits.restored_sentence
        self.write(lambda db: act(db, line.name), lambda done: said(done.name), kind, select=line.id)

    def action_reload(self) -> None:
        self.load()


def name_cell(name: str, active: bool) -> Text:
    """A name as written; an archived one dimmed and marked."""
    if active:
        return literal(name)
    shown = literal(name, style="dim")
    shown.append(f" ({_('archived')})", style="dim italic")
    return shown
