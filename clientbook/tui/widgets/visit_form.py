"""A visit or a booking, new or corrected: checked as it is saved, so a mistake is explained
right under the title and the field at fault takes the focus.

The reading and the rules are services.visits.read_visit's; this screen only asks and shows.
A service or master not on the studio's lists is offered for adding (the price list's and
the masters' own forms), then the visit is saved.
"""
from __future__ import annotations

from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.card_text import RECORD_LABELS, RECORDS
from clientbook.services.catalog import add_master_fields, add_service_fields, categories, price_text
from clientbook.services.records import VisitLine
from clientbook.services.usual_visit import UsualVisit
from clientbook.services.visit_booking import check_booking_free, takes_time
from clientbook.services.visits import (
    FORM_FIELDS,
    UnknownName,
    VisitProblem,
    read_visit,
    typed_services,
)
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import ask_book
from clientbook.tui.translate import KeysInLanguage
from clientbook.tui.widgets.catalog_forms import MasterForm, ServiceForm
from clientbook.tui.widgets.name_suggester import SuggestNames

STATUSES = (("done", N_("done: the visit took place")), ("planned", N_("booked")),
            ("tentative", N_("pencilled in, to confirm")))
CLOSED = (("no_show", N_("no-show")), ("cancelled", N_("cancelled")))  # only a visit being corrected
LABELS = {"status": N_("Status"), "when": N_("When"), "services": N_("Services"), "master": N_("Master"),
          "price": N_("Price"), **RECORD_LABELS}
HINTS = {"services": N_("separated by commas; the start of a name will do"),
         "price": N_("roubles, for example 2500; empty: the price list's"),
         "next_suggestion": N_("what to do next time: коррекция через 3 недели"),
         "satisfaction": N_("the client's mark, 1 to 5; empty: not asked")}


class VisitForm(KeysInLanguage, ModalScreen):
    """Dismisses with a NewVisit, or None when cancelled.

    `services` and `masters` are the studio's active lists; `usual` fills a new visit with
    the client's usual master, services and price; `editing` fills the form with a visit to
    correct; `now` is what an empty "when" means for a visit done; `archived` are the
    archived (services, masters), said to be archived when typed.
    """

    DEFAULT_CSS = """
    VisitForm { align: center middle; }
    VisitForm #visit-form {
        width: 86; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    VisitForm #visit-title { width: 100%; text-style: bold; }
    VisitForm #problem { width: 100%; color: $error; text-style: bold; display: none; }
    VisitForm #problem.shown { display: block; }
    VisitForm #offer { display: none; width: auto; min-width: 20; height: 1; border: none; margin: 0 0 0 2; }
    VisitForm #offer.shown { display: block; }
    VisitForm #visit-fields { height: auto; max-height: 100%; }
    VisitForm .visit-field { height: auto; margin: 0 0 1 0; }
    VisitForm .visit-label { width: 16; padding: 0 1 0 0; }
    VisitForm .visit-field Input, VisitForm .visit-field Select { width: 1fr; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel"),
                Binding("ctrl+s", "save", N_("Save"), id="save-visit", priority=True)]

    def __init__(self, today: date, services: list[str], master: str = "", *, masters=(),
                 now: datetime | None = None, usual: UsualVisit | None = None, editing: VisitLine | None = None,
                 archived: tuple = ((), ())):
        super().__init__()
        self.today, self.now, self.editing = today, now, editing
        self.services, self.masters = list(services), list(masters)
        if editing is not None:  # names it has keep matching, even if since archived
            self.services += [name for name in editing.services if name not in self.services]
            self.masters += [editing.master] if editing.master and editing.master not in self.masters else []
        self.usual = usual or UsualVisit(master or None, (), None, None)
        self.unknown: UnknownName | None = None
        self.archived = archived  # (services, masters): typed, said to be archived, not offered

    def initial(self) -> dict[str, str]:
        visit = self.editing
        if visit is None:  # the client's usual, while the studio still has it
            services = [name for name in self.usual.services if name in self.services]
            master = self.usual.master if self.usual.master in self.masters else ""
            return {"when": "", "services": ", ".join(services), "master": master,
                    "price": price_text(self.usual.price_cents), "satisfaction": "", **dict.fromkeys(RECORDS, "")}
        return {"when": f"{visit.starts_at:%d.%m.%Y %H:%M}", "services": ", ".join(visit.services),
                "master": visit.master or "", "price": price_text(visit.price_cents),
                "satisfaction": str(visit.satisfaction or ""), **{name: getattr(visit, name) for name in RECORDS}}

    def compose(self) -> ComposeResult:
        title = _("Correct the visit") if self.editing else _("A visit or a booking")
        statuses = STATUSES + (CLOSED if self.editing else ())
        values = self.initial()
        with Vertical(id="visit-form"):
            yield Label(f"{title} (" + _("ctrl+s saves, Escape cancels") + ")", id="visit-title")
            yield Static("", id="problem", markup=False)
            yield Button("", id="offer", compact=True)
            with VerticalScroll(id="visit-fields"):
                with Horizontal(classes="visit-field"):
                    yield Label(_(LABELS["status"]), classes="visit-label")
                    yield Select([(_(label), value) for value, label in statuses], allow_blank=False, compact=True,
                                 value=self.editing.status if self.editing else "done", id="status")
                for name in FORM_FIELDS:
                    with Horizontal(classes="visit-field"):
                        yield Label(_(LABELS[name]), classes="visit-label")
                        yield Input(values[name], placeholder=self.hint(name), id=name, compact=True,
                                    suggester=self.suggester(name))

    def hint(self, name: str) -> str:
        if name == "when":
            example = f"{self.today:%d.%m.%Y} 11:00"
            return _("{example}; empty: now, for a visit done").format(example=example) if self.now else example
        return _(HINTS[name]) if name in HINTS else ""

    def suggester(self, name: str) -> SuggestNames | None:
        if name == "services":
            return SuggestNames(self.services, several=True)
        if name == "master":
            return SuggestNames(self.masters)
        return None

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        fields = {i.id: i.value for i in self.query(Input)}
        status = str(self.query_one("#status", Select).value)
        was = (self.editing.status, self.editing.starts_at) if self.editing else None
        try:
            visit = read_visit(fields, status, self.services, self.today, known_masters=self.masters,
                               now=self.now, was=was, archived=self.archived)
        except UserError as error:
            self.refuse(error)
            return
        if self.now is not None and takes_time(visit, self.editing):  # the master must be free then
            self.check_free_time(visit)
            return
        self.dismiss(visit)

    @work(thread=True, exclusive=True, group="visit-form")
    def check_free_time(self, visit) -> None:
        def question(db):
            try:
                check_booking_free(db, visit, self.now, self.editing)
            except UserError as error:
                return error
            return None

        ask_book(self, question, lambda problem: self.refuse(problem) if problem else self.dismiss(visit))

    def refuse(self, error: UserError) -> None:
        """Say what is wrong under the title and put the focus where it is to be put right."""
        self.unknown = error if isinstance(error, UnknownName) else None
        problem = self.query_one("#problem", Static)
        problem.update(literal(self.unknown.offer if self.unknown else error))  # it may quote what was typed
        problem.add_class("shown")
        offer = self.query_one("#offer", Button)
        offer.set_class(self.unknown is not None, "shown")
        if self.unknown:
            kind = _("Add to the price list") if self.unknown.kind == "service" else _("Add a master")
            offer.label = f"{kind} (Enter)"
            offer.focus()
            return
        field = self.query_one(f"#{error.field}" if isinstance(error, VisitProblem) else "#when")
        field.focus()
        field.scroll_visible()

    def clear_problem(self) -> None:
        self.unknown = None
        self.query_one("#problem", Static).remove_class("shown")
        self.query_one("#offer", Button).remove_class("shown")

    # -- adding a name the studio has not got --------------------------------------------------

    @on(Button.Pressed, "#offer")
    def offer_pressed(self) -> None:
        if self.unknown is not None:
            self.open_adding(self.unknown)

    @work(thread=True, exclusive=True, group="visit-form")
    def open_adding(self, unknown: UnknownName) -> None:
        ask_book(self, categories, lambda found: self.show_adding(unknown, found))

    def show_adding(self, unknown: UnknownName, found: list[str]) -> None:
        form = ServiceForm(unknown.name, found) if unknown.kind == "service" else MasterForm(unknown.name)
        self.app.push_screen(form, lambda fields: fields and self.add_name(unknown, fields))

    @work(thread=True, exclusive=True, group="visit-form")
    def add_name(self, unknown: UnknownName, fields) -> None:
        add = add_service_fields if unknown.kind == "service" else add_master_fields
        ask_book(self, lambda db: add(db, fields), lambda _id: self.added(unknown, fields.name))

    def added(self, unknown: UnknownName, name: str) -> None:
        """The name is the studio's now: put it in the field in place of what was typed, save again."""
        field = self.query_one("#services" if unknown.kind == "service" else "#master", Input)
        if unknown.kind == "service":
            self.services.append(name)
            field.value = ", ".join(name if typed == unknown.name else typed for typed in typed_services(field.value))
        else:
            self.masters.append(name)
            field.value = name
        field.suggester = self.suggester(field.id or "")
        self.clear_problem()
        self.action_save()

    def action_cancel(self) -> None:
        if self.unknown is not None:  # Escape on the offer: back to the field, to correct the name
            field = self.query_one("#services" if self.unknown.kind == "service" else "#master")
            self.clear_problem()
            field.focus()
            return
        self.dismiss(None)
