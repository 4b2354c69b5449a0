"""A win-back case as the admin works it: her history and worth at a glance, then why she
left, what would bring her back, the offer and how it ended.

Dismisses with a CaseWork (what to write), or None when cancelled. The writing and its
rules are services.cases'; this screen only shows and asks.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from clientbook.i18n import N_, _, day
from clientbook.services.card_text import discounts_flag
from clientbook.services.cases import Case, Glance, case_heading, discounts_warning, glance_lines, worth_lines
from clientbook.tui.translate import KeysInLanguage

LABELS = {"reason": N_("Stated reason"), "suspected_reason": N_("Suspected reason"), "would_return": N_("Would bring back"),
          "offer": N_("Offer made"), "note": N_("Note")}
HINTS = {"would_return": N_("another master, a weekend slot, a call before the price changes…"),
         "offer": N_("only for you…: what was offered, and on what terms")}


@dataclass(frozen=True)
class CaseWork:
    fields: dict[str, str]  # the case's fields as typed (reasons as codes, '' for none)
    pushes_for_discounts: bool
    close: str | None = None  # "won" or "lost" to close it after writing


class CaseForm(KeysInLanguage, ModalScreen):
    DEFAULT_CSS = """
    CaseForm { align: center middle; }
    CaseForm #case-form {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CaseForm #case-title { width: 100%; text-style: bold; }
    CaseForm #case-glance { height: auto; margin: 0 0 1 0; }
    CaseForm #case-warning { color: $warning; text-style: bold; }
    CaseForm #case-fields { height: auto; max-height: 100%; }
    CaseForm .case-field { height: auto; }
    CaseForm .case-label { width: 18; padding: 0 1 0 0; }
    CaseForm .case-field Input, CaseForm .case-field Select { width: 1fr; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel"),
                Binding("ctrl+s", "save", N_("Save"), id="save-case", priority=True),
                Binding("ctrl+w", "won", N_("Won back"), id="case-won", priority=True),
                Binding("ctrl+l", "lost", N_("Lost for good"), id="case-lost", priority=True)]

    def __init__(self, name: str, case: Case, glance: Glance, reasons: list[tuple[str, str]]):
        super().__init__()
        self.client_name, self.case, self.glance, self.reasons = name, case, glance, reasons

    def compose(self) -> ComposeResult:
        with Vertical(id="case-form"):
            yield Label(case_heading(self.case, self.client_name), id="case-title", markup=False)
            yield Label(_("ctrl+s saves, ctrl+w: won back, ctrl+l: lost for good, Escape cancels"), markup=False)
            with VerticalScroll(id="case-fields"):
                lines = (*glance_lines(self.glance), *worth_lines(self.glance))
                yield Static("\n".join(lines), id="case-glance", markup=False)
                if self.glance.pushes_for_discounts:
                    yield Static(discounts_warning(), id="case-warning", markup=False)
                for name in ("reason", "suspected_reason"):
                    with Horizontal(classes="case-field"):
                        yield Label(_(LABELS[name]), classes="case-label")
                        yield Select([(label, code) for code, label in self.reasons], id=name, compact=True,
                                     prompt=_("not known"), value=getattr(self.case, name) or Select.NULL)
                for name in ("would_return", "offer", "note"):
                    with Horizontal(classes="case-field"):
                        yield Label(_(LABELS[name]), classes="case-label")
                        yield Input(getattr(self.case, name), id=name, compact=True,
                                    placeholder=_(HINTS[name]) if name in HINTS else "")
                if self.case.offered_on:
                    yield Static(_("Offered on {day}").format(day=day(self.case.offered_on)), markup=False)
                yield Checkbox(discounts_flag(), self.glance.pushes_for_discounts, id="pushes", compact=True)

    def on_mount(self) -> None:
        self.query_one("#reason", Select).focus()

    def work(self, close: str | None) -> CaseWork:
        fields = {name: "" if self.query_one(f"#{name}", Select).is_blank()
                  else str(self.query_one(f"#{name}", Select).value) for name in ("reason", "suspected_reason")}
        fields |= {name: self.query_one(f"#{name}", Input).value for name in ("would_return", "offer", "note")}
        return CaseWork(fields, self.query_one("#pushes", Checkbox).value, close)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.work(None))

    def action_won(self) -> None:
        self.dismiss(self.work("won"))

    def action_lost(self) -> None:
        self.dismiss(self.work("lost"))

    def action_cancel(self) -> None:
        self.dismiss(None)
