"""Booking on a call: services, master and when, with that master's free slots to pick.

Services and master start as the client usually has them (a pencilled booking: as it was
pencilled); the free slots follow them as they are changed, the two the script offered first. Enter on a slot books it;
Enter in a field books the moment typed. The book is asked before the dialog closes, so
a refusal (a taken time, an unknown service) is said under the title and nothing is lost.
"""
from __future__ import annotations

from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from clientbook.errors import EXPECTED_ERRORS
from clientbook.i18n import N_, _, slot
from clientbook.services.bookings import BookingDefaults, read_booking_moment
from clientbook.services.contacts import Outcome, check_booked
from clientbook.services.slots import booking_slots, read_names, refusal
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import ask_book
from clientbook.tui.translate import KeysInLanguage

SLOTS_SHOWN = 6


class BookingForm(KeysInLanguage, ModalScreen):
    """Dismissed with the Outcome to record, or None (Escape)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]
    DEFAULT_CSS = """
    BookingForm { align: center middle; }
    #booking-dialog {
        width: 72; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    #booking-title { width: 100%; text-style: bold; }
    #booking-problem { color: $error; height: auto; }
    #booking-dialog .row { height: 3; }
    #booking-dialog .row Label { width: 10; padding: 1 1 0 0; }
    #booking-dialog .row Input { width: 1fr; }
    #booking-slots { height: 8; }
    """

    def __init__(self, client_id: int, name: str, defaults: BookingDefaults, today: date):
        super().__init__()
        self.client_id, self.client_name, self.defaults, self.today = client_id, name, defaults, today
        self.slots: list[datetime] = []

    def compose(self) -> ComposeResult:
        pencilled = self.defaults.pencilled
        with Vertical(id="booking-dialog"):
            yield Label(_("Booking: {name}").format(name=self.client_name), id="booking-title", markup=False)
            yield Static("", id="booking-problem", markup=False)
            with Horizontal(classes="row"):
                yield Label(_("Services"))
                yield Input(", ".join(self.defaults.services), placeholder=_("the start of a name; several: a, b"),
                            id="booking-services")
            with Horizontal(classes="row"):
                yield Label(_("Master"))
                yield Input(self.defaults.master, placeholder=_("none"), id="booking-master")
            with Horizontal(classes="row"):
                yield Label(_("When"))
                yield Input(f"{pencilled[1]:%d.%m.%Y %H:%M}" if pencilled else "",
                            placeholder=_("DD.MM.YYYY HH:MM, or a free slot below"), id="booking-when")
            yield Label(_("Free slots (↑↓, Enter):"), id="booking-slots-label")
            yield OptionList(id="booking-slots")

    def on_mount(self) -> None:
        # A pencilled booking is confirmed with Enter as it stands; otherwise a slot is picked.
        self.query_one("#booking-when" if self.defaults.pencilled else "#booking-slots").focus()
        self.load_slots()

    # -- the free slots follow the services and the master -----------------------------------

    @on(Input.Changed, "#booking-services, #booking-master")
    def what_changed(self) -> None:
        self.load_slots()

    @work(thread=True, exclusive=True, group="booking-slots")
    def load_slots(self) -> None:
        services, master = self._typed()
        ignore = self.defaults.pencilled[0] if self.defaults.pencilled else None
        now, offered = self.app.clock(), self.defaults.offered

        def question(db):
            try:
                return booking_slots(db, services, master, now, SLOTS_SHOWN, ignore_visit=ignore, offered=offered)
            except EXPECTED_ERRORS as error:  # an unknown name: said, and no slots
                return error

        ask_book(self, question, self.show_slots)

    def show_slots(self, found) -> None:
        problem = self.query_one("#booking-problem", Static)
        options = self.query_one("#booking-slots", OptionList)
        options.clear_options()
        if isinstance(found, Exception):
            self.slots = []
            problem.update(literal(refusal(found)))  # it may quote what was typed
            return
        problem.update("")
        self.slots = found
        options.add_options([Option(slot(moment), id=moment.isoformat()) for moment in found])
        if found:
            options.highlighted = 0

    # -- booking ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#booking-slots")
    def slot_chosen(self, event: OptionList.OptionSelected) -> None:
        moment = datetime.fromisoformat(event.option.id)
        self.query_one("#booking-when", Input).value = f"{moment:%d.%m.%Y %H:%M}"
        self.book(moment)

    @on(Input.Submitted)
    def typed(self) -> None:
        try:
            moment = read_booking_moment(self.query_one("#booking-when", Input).value, self.today)
        except EXPECTED_ERRORS as error:
            self.query_one("#booking-problem", Static).update(literal(str(error)))
            return
        self.book(moment)

    def book(self, moment: datetime) -> None:
        services, master = self._typed()
        if self.defaults.pencilled and (services, master) == (self.defaults.services, self.defaults.master):
            services, master = (), ""  # the pencilled booking keeps its own, as stored
        self.ask_before_booking(Outcome("booked", on=moment, services=services, master=master))

    @work(thread=True, exclusive=True, group="booking-check")
    def ask_before_booking(self, outcome: Outcome) -> None:
        now = self.app.clock()

        def question(db):
            try:
                check_booked(db, self.client_id, outcome, now)
            except EXPECTED_ERRORS as error:
                return error
            return outcome

        ask_book(self, question, self.checked)

    def checked(self, found) -> None:
        if isinstance(found, Exception):
            self.query_one("#booking-problem", Static).update(literal(refusal(found)))
        else:
            self.dismiss(found)

    def _typed(self) -> tuple[tuple[str, ...], str]:
        return (read_names(self.query_one("#booking-services", Input).value),
                self.query_one("#booking-master", Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
