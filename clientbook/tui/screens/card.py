"""The client card: every field editable and checked, visits, notes, calls and the rhythm."""
from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Checkbox,
    DataTable,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from clientbook.domain.rhythm import read_interval_days
from clientbook.domain.text import format_phone
from clientbook.i18n import N_, _, day, money, table_moment
from clientbook.services.card_text import channel_label, outcome_label, status_label
from clientbook.services.client_edit import FIELDS, FLAGS, NOTES, FieldProblems, card_values, update_client
from clientbook.services.clients import archive, card, set_interval_override, unarchive
from clientbook.services.deletions import deleted_sentence, put_back, put_back_sentence
from clientbook.services.settings import default_region
from clientbook.services.usual_visit import usual_visit
from clientbook.services.visits import archived_names, master_names, service_names
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.screens.card_complaints import ComplaintActions
from clientbook.tui.screens.card_loyalty import LoyaltyActions
from clientbook.tui.screens.card_notes import NoteActions
from clientbook.tui.screens.card_visits import VISIT_ACTIONS, VisitActions
from clientbook.tui.widgets.ask import Ask
from clientbook.tui.widgets.card_view import overview_text
from clientbook.tui.widgets.row_table import RowTable
from clientbook.tui.widgets.steady_footer import SteadyFooter

LABELS = {
    "first_name": N_("First name"), "last_name": N_("Last name"), "patronymic": N_("Patronymic"),
    "gender": N_("Gender"),
    "address_as": N_("Address as"), "phone": N_("Phone"), "phone_alt": N_("Other phone"),
    "email": N_("E-mail"), "birthday": N_("Birthday"), "tags": N_("Tags"),
    "external_id": N_("Studio id"), "preferred_master": N_("Preferred master"),
    "source": N_("Came from"), "preferred_channel": N_("Preferred channel"),
    "alerts": N_("Alerts"), "expectations": N_("Agreed expectations"), "notes": N_("Notes"),
    "do_not_contact": N_("Do not contact"), "consent_reminders": N_("Agrees to reminders"),
    "consent_offers": N_("Agrees to offers"),
}
HINTS = {
    "address_as": N_("when not the first name: Анна Сергеевна"),
    "gender": N_("f or m, when the name does not tell (Саша, Женя)"),
    "phone": N_("any way it is written: 8 916 123-45-67"),
    "birthday": N_("16.02.1992, or 16.02 without the year"),
    "tags": N_("separated by commas"),
    "preferred_channel": N_("phone, WhatsApp, Telegram, SMS…"),
    "alerts": N_("allergies, contraindications: shown first everywhere"),
}


class DetailsForm(VerticalScroll):
    """The card's every field, editable and checked; Tab goes field to field, ctrl+s saves."""

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            with Horizontal(classes="field"):
                if name in FLAGS:
                    yield Checkbox(_(LABELS[name]), id=f"field-{name}", compact=True)
                    continue
                yield Label(_(LABELS[name]), classes="field-label", markup=False)
                hint = _(HINTS[name]) if name in HINTS else ""
                if name in NOTES:
                    yield TextArea(id=f"field-{name}", classes="field-notes", compact=True, placeholder=hint)
                else:
                    yield Input(id=f"field-{name}", compact=True, placeholder=hint)
            yield Static("", id=f"problem-{name}", classes="field-problem", markup=False)


class CardScreen(VisitActions, NoteActions, ComplaintActions, LoyaltyActions, BookScreen):
    # The footer keeps to the keys of the tab in front; the rest are listed by F1 (Keys).
    BINDINGS = [
        Binding("escape", "leave", N_("Back"), id="back"),
        Binding("ctrl+s", "save", N_("Save"), id="save", priority=True),  # shown on Details
        Binding("ctrl+s", "save_elsewhere", N_("Save the details"), id="save-elsewhere", show=False,
                priority=True),
        Binding("v", "add_visit", N_("Visit"), id="add-visit"),
        Binding("e", "edit_visit", N_("Edit"), id="edit-visit"),  # these three on Visits
        Binding("x", "delete_visit", N_("Delete"), id="delete-visit"),
        Binding("s", "visit_status", N_("Status"), id="visit-status"),
        Binding("delete", "delete_visit", N_("Delete the visit"), id="delete-visit-key", show=False),
        Binding("u", "undo", N_("Undo"), id="undo"),  # once something was deleted
        Binding("p", "add_preference", N_("Preference"), id="add-preference", show=False),
        Binding("P", "preferences", N_("Preferences: correct, delete"), id="preferences", show=False),
        Binding("t", "add_talking_point", N_("Talking point"), id="add-talking-point", show=False),
        Binding("T", "talking_points", N_("Talking points: correct, asked, delete"), id="talking-points",
                show=False),
        Binding("i", "set_interval", N_("Interval"), id="interval", show=False),
        Binding("c", "complaint", N_("Complaint: open, close"), id="complaint", show=False),
        Binding("o", "course", N_("Course: sell, use a session"), id="course", show=False),
        Binding("b", "bonus", N_("Bonuses: earn, spend, adjust"), id="bonus", show=False),
        Binding("w", "case", N_("Win-back case"), id="case", show=False),
        Binding("a", "archive", N_("Archive"), id="archive", show=False),
        Binding("a", "restore", N_("Restore"), id="restore", show=False),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.found = None
        self.saved_values: dict[str, object] = {}
        self.form: DetailsForm | None = None  # the Details tab's fields, once it was shown
        self.services: list[str] = []
        self.masters: list[str] = []
        self.archived: tuple = ((), ())  # (services, masters) archived, for the visit form
        self.usual = None
        self.last_deleted = None  # what u puts back: the last deletion made in this window
        self.phone_region = "RU"
        self.leaving = False

    def compose(self) -> ComposeResult:
        yield Static("", id="card-title", markup=False)
        self.tabs = TabbedContent(id="card-tabs")  # held: asked for every key's state, a query each was 60 ms a card
        with self.tabs:
            with TabPane(_("Card"), id="tab-overview"), VerticalScroll():
                yield Static("", id="overview", markup=False)
            # The form is built when its tab is first shown: its eighty widgets were most of the
            # time a card took to open, and a master between clients reads the Card tab.
            yield TabPane(_("Details"), id="tab-details")
            with TabPane(_("Visits"), id="tab-visits"):
                table = RowTable(id="visits")
                # who wrote it before the formula: the one column of any length comes last
                table.add_columns(_("when"), _("status"), _("services"), _("master"), _("price"),
                                  _("written by"), _("formula and materials"))
                yield table
            with TabPane(_("Calls"), id="tab-calls"):
                table = RowTable(id="contacts")
                table.add_columns(_("when"), _("channel"), _("outcome"), _("details"), _("note"), _("written by"))
                yield table
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.load()

    # -- workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="card")
    def load(self) -> None:
        def question(db):
            return (card(db, self.client_id, self.app.today), (service_names(db), master_names(db),
                    archived_names(db)), usual_visit(db, self.client_id), default_region(db))

        self.ask_book(question, lambda found: self.show(*found))

    @work(thread=True, group="card-write")
    def write(self, change, done) -> None:
        """Run one change in the book, then say `done` (or done(its result)) and reload the card;
        a problem becomes a notification."""
        self.ask_book(change, lambda result: self.written(done(result) if callable(done) else done))

    @work(thread=True, exclusive=True, group="card-save")
    def save(self, values: dict[str, object], before: dict[str, object]) -> None:
        def question(db):
            try:
                update_client(db, self.client_id, values, self.app.today, before=before)
            except FieldProblems as problems:
                return problems.problems
            return {}

        self.ask_book(question, lambda problems: self.saved(values, problems))

    # -- on the UI thread --------------------------------------------------------------------

    def show(self, found, lists: tuple, usual, region: str) -> None:
        """`lists`: the active services and masters, and the archived (services, masters)."""
        self.services, self.masters, self.archived = lists
        self.found, self.usual, self.phone_region = found, usual, region
        self.query_one("#card-title", Static).update(literal(
            f"{found.name}  #{found.id}" + (" · " + _("archived") if found.archived_at else "")))
        self.query_one("#overview", Static).update(overview_text(found, region))
        if self.form is not None:
            # Read again (a write here or at another desk): what the person has typed and not
            # saved yet stays in its field; the others show the book.
            typed = self.form_values()
            self.fill_form(card_values(found), keep={name: value for name, value in typed.items()
                                                     if value != self.saved_values.get(name)})
        else:
            self.saved_values = card_values(found)
        self.fill_visits(found)
        self.fill_contacts(found)
        self.refresh_bindings()

    def fill_form(self, values: dict[str, object], keep: dict[str, object] | None = None) -> None:
        """The fields show `values`, but those in `keep` (typed, not saved yet) keep their
        text; what the book holds is remembered as the form shows it, to tell what is typed."""
        keep = keep or {}
        for name in FIELDS:
            widget = self.query_one(f"#field-{name}")
            value = values[name]
            if name == "phone" or name == "phone_alt":
                value = format_phone(str(value), self.phone_region) if value else ""
            if isinstance(widget, TextArea):
                widget.text = str(value)
            else:
                widget.value = value if isinstance(widget, Checkbox) else str(value)
            if name not in FLAGS and name not in keep:
                self.show_problem(name, "")
        self.saved_values = self.form_values()
        for name, value in keep.items():
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, TextArea):
                widget.text = str(value)
            else:
                widget.value = value

    def show_problem(self, name: str, problem: str) -> None:
        shown = self.query_one(f"#problem-{name}", Static)
        shown.update(literal(problem))  # it may quote what was typed
        shown.set_class(bool(problem), "shown")

    def fill_visits(self, found) -> None:
        table = self.query_one("#visits", DataTable)
        table.clear()
        for visit in found.visits:
            record = " · ".join(r for r in (visit.formula, visit.materials, visit.notes) if r)
            table.add_row(table_moment(visit.starts_at),
                          status_label(visit.status),
                          literal(", ".join(visit.services)), literal(visit.master),
                          money(visit.price_cents), literal(visit.written_by), literal(record), key=str(visit.id))

    def fill_contacts(self, found) -> None:
        table = self.query_one("#contacts", DataTable)
        table.clear()
        for contact in found.contacts:
            details = day(contact.callback_on) if contact.callback_on else contact.reason_name
            table.add_row(table_moment(contact.at), literal(channel_label(contact.channel)),
                          outcome_label(contact.outcome), literal(details), literal(contact.note),
                          literal(contact.written_by))

    async def build_form(self) -> None:
        """The Details tab's form, made the first time the tab is shown, filled with the card."""
        if self.form is not None:
            return
        self.form = DetailsForm(id="details")
        await self.query_one("#tab-details", TabPane).mount(self.form)
        if self.found is not None:
            self.fill_form(self.saved_values)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Textual calls the Visits mixin's handler of this name too (every class's, in turn).
        if event.pane.id == "tab-details":
            await self.build_form()

    def form_values(self) -> dict[str, object]:
        if self.form is None:  # never shown: nothing was typed
            return dict(self.saved_values)
        values = {}
        for name in FIELDS:
            widget = self.query_one(f"#field-{name}")
            values[name] = widget.text if isinstance(widget, TextArea) else widget.value
        return values

    def saved(self, values: dict[str, object], problems: dict[str, str]) -> None:
        for name in FIELDS if self.form is not None else ():  # a problem is in what was typed there
            if name not in FLAGS:
                self.show_problem(name, problems.get(name, ""))
        if problems:
            first = next(name for name in FIELDS if name in problems)
            self.tabs.active = "tab-details"
            if self.form is not None:
                self.query_one(f"#field-{first}").focus()
            self.notify(_("Not saved: {problem}").format(problem=problems[first]), severity="error",
                        markup=False)  # the problem may quote what was typed
            return
        self.saved_values = values
        self.notify(_("Saved."), markup=False)
        self.load()

    def action_complaint(self) -> None:
        """c: open a complaint about one of her visits (and its master), or close one."""
        self.complaint_for(self.client_id, self.written)

    def action_course(self) -> None:
        """o: sell her a course, or use a session of one by hand."""
        self.course_for(self.client_id, self.written)

    def action_bonus(self) -> None:
        """b: a bonus movement: earned, spent, adjusted."""
        self.bonus_for(self.client_id, self.written)

    def action_case(self) -> None:
        """w: her win-back case, opened if she has none open."""
        if self.found is not None:
            self.case_for(self.client_id, self.found.name, self.written)

    def written(self, message: str) -> None:
        self.notify(message, markup=False)
        self.load()

    # -- actions -----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.found is not None:
            self.save(self.form_values(), dict(self.saved_values))  # only what changed since it was read

    def action_save_elsewhere(self) -> None:
        self.action_save()  # ctrl+s saves the details from any tab; the footer names it on Details

    def action_leave(self) -> None:
        if self.found is not None and self.form_values() != self.saved_values and not self.leaving:
            self.leaving = True  # a second Escape leaves without saving
            self.notify(_("Unsaved changes: ctrl+s saves them, Escape again leaves without saving."),
                        severity="warning", markup=False)
            return
        self.dismiss()

    def action_set_interval(self) -> None:
        client_id = self.client_id

        def read(text: str) -> int | str:
            days = read_interval_days(text)  # an IntervalError says what is wrong
            return "learned" if days is None else days

        current = self.found.interval_override_days if self.found else None
        self.app.push_screen(
            Ask(_("Comes every how many days? Empty: go back to the learned rhythm."), read,
                placeholder=str(current or "")),
            lambda days: days and self.write(
                lambda db: set_interval_override(db, client_id, None if days == "learned" else days),
                _("Interval saved.")))

    def action_archive(self) -> None:
        client_id = self.client_id
        self.write(lambda db: archive(db, client_id), _("Archived: off the lists; a restores the client."))

    def action_restore(self) -> None:
        client_id = self.client_id
        self.write(lambda db: unarchive(db, client_id), _("Restored from the archive."))

    def deleted(self, deleted) -> str:
        """A deletion done: remembered for u, and said."""
        self.last_deleted = deleted
        return _("{deleted} u puts it back.").format(deleted=deleted_sentence(deleted))

    def action_undo(self) -> None:
        """u: the last deletion made in this window is put back, once."""
        deleted = self.last_deleted
        if deleted is None:
            self.notify(_("Nothing to undo."), markup=False)
            return

        def done(_result) -> str:
            self.last_deleted = None
            return put_back_sentence(deleted)

        self.write(lambda db: put_back(db, deleted), done)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "undo":
            return self.last_deleted is not None
        if action in ("save", "save_elsewhere"):
            return (self.active_tab() == "tab-details") == (action == "save")
        if self.found is None:
            return True
        if action == "archive":
            return self.found.archived_at is None
        if action == "restore":
            return self.found.archived_at is not None
        if action in VISIT_ACTIONS:
            return self.on_visits_tab() and bool(self.found.visits)
        return True
