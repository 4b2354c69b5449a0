"""A visit or a booking: checked here, so a mistake is explained before anything is written."""
from __future__ import annotations

import re
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from clientbook.domain.dates import DateError, parse_when
from clientbook.domain.text import clean_line, fold
from clientbook.i18n import N_, _
from clientbook.services.visits import NewVisit
from clientbook.tui.translate import translate_bindings

STATUSES = (("done", N_("done: the visit took place")), ("planned", N_("booked")),
            ("tentative", N_("pencilled in, to confirm")))


def read_price(text: str) -> int | None:
    """Roubles as a person types them ("2500", "2 500", "2500,50") → cents."""
    text = re.sub(r"[\s\u00a0₽р.]*$", "", text.strip().replace(" ", "").replace("\u00a0", ""))
    if not text:
        return None
    if not re.fullmatch(r"\d{1,9}([.,]\d{1,2})?", text):
        raise ValueError(_("“{text}” is not a price (for example 2500).").format(text=text))
    return round(float(text.replace(",", ".")) * 100)


def match_service(text: str, known: set[str]) -> str:
    """A price-list name from what was typed: any case, ё = е, or the start of one name."""
    key = fold(clean_line(text))
    exact = sorted(name for name in known if fold(name) == key)
    if exact:
        return exact[0]
    starting = sorted(name for name in known if fold(name).startswith(key))
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise ValueError(_("“{text}” could be: {names}.").format(text=text, names=", ".join(starting)))
    raise ValueError(_("Not in the price list: {names}.").format(names=text))


def read_visit(fields: dict[str, str], status: str, known_services: set[str], today: date) -> NewVisit:
    """The form's fields as a NewVisit, or ValueError with the sentence to show."""
    try:
        when = parse_when(fields["when"], today, need_time=True)
    except DateError as error:
        raise ValueError(str(error)) from None
    if status == "done" and when.date() > today:
        raise ValueError(_("A visit that took place cannot be in the future; choose booked."))
    if status != "done" and when.date() < today:
        raise ValueError(_("A booking must be today or later; choose done for a past visit."))
    typed = [s.strip() for s in re.split(r"[,;]", fields["services"]) if s.strip()]
    if not typed:
        raise ValueError(_("Name at least one service from the price list."))
    services = tuple(dict.fromkeys(match_service(s, known_services) for s in typed))
    return NewVisit(when, services, master=fields["master"], status=status,
                    price_cents=read_price(fields["price"]), formula=fields["formula"],
                    materials=fields["materials"], notes=fields["notes"])


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
        except ValueError as error:
            self.query_one("#problem", Static).update(str(error))
            return
        self.dismiss(visit)

    def action_cancel(self) -> None:
        self.dismiss(None)
