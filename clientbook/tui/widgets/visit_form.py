"""A visit or a booking: checked as it is saved, so a mistake is explained in the form.

The reading and the rules are services.visits.read_visit's; this screen only asks and shows.
"""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.visits import read_visit
from clientbook.tui.literal import literal
from clientbook.tui.translate import translate_bindings

STATUSES = (("done", N_("done: the visit took place")), ("planned", N_("booked")),
            ("tentative", N_("pencilled in, to confirm")))


class VisitForm(ModalScreen):
    """Dismisses with a NewVisit, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel"),
                Binding("ctrl+s", "save", N_("Save"), id="save-visit", priority=True)]

    def __init__(self, today: date, services: list[str], master: str = ""):
        super().__init__()
        translate_bindings(self)
        self.today, self.services, self.master = today, services, master

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="visit-form"):
            yield Label(_("A visit or a booking (ctrl+s saves, Escape cancels)"))
            yield Select([(_(label), value) for value, label in STATUSES], value="done",
                         allow_blank=False, id="status")
            for name, label, hint in (
                ("when", N_("When"), f"{self.today:%d.%m.%Y} 11:00"),
                ("services", N_("Services, separated by commas; the start of a name will do"),
                 ", ".join(self.services[:2])),
                ("master", N_("Master"), self.master),
                ("price", N_("Price"), "2500"),
                ("formula", N_("Formula"), ""),
                ("materials", N_("Materials"), ""),
                ("notes", N_("Notes"), ""),
            ):
                yield Input(placeholder=_(label) + (f" — {hint}" if hint else ""), id=name,
                            value=self.master if name == "master" else "")
            yield Static("", id="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        fields = {i.id: i.value for i in self.query(Input)}
        try:
            visit = read_visit(fields, str(self.query_one("#status", Select).value),
                               set(self.services), self.today)
        except UserError as error:
            self.query_one("#problem", Static).update(literal(error))  # it may quote what was typed
            return
        self.dismiss(visit)

    def action_cancel(self) -> None:
        self.dismiss(None)
