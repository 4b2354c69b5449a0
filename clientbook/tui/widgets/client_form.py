"""A new client from the desk: name, phone, birthday, e-mail, note; the new card opens.

The checks are services.new_client's; this form asks, writes in a worker, and shows each
problem under its field.
"""
from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.client_edit import FieldProblems
from clientbook.services.new_client import NEW_CLIENT_FIELDS, add_new_client
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import ask_book
from clientbook.tui.translate import KeysInLanguage
from clientbook.tui.widgets.enter_moves_on import ENTER_MOVES_ON, EnterMovesOn

LABELS = {"name": N_("Name: surname, first name, patronymic"), "phone": N_("Phone"),
          "birthday": N_("Birthday"), "email": N_("E-mail"), "note": N_("Note")}
HINTS = {"name": "Иванова Анна Сергеевна", "phone": N_("any way it is written: 8 916 123-45-67"),
         "birthday": N_("16.02.1992, or 16.02 without the year"), "email": "", "note": ""}


class NewClientForm(EnterMovesOn, KeysInLanguage, ModalScreen):
    """Dismisses with the new client's id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel"),
                Binding("ctrl+s", "save", N_("Save"), id="save-client", priority=True), ENTER_MOVES_ON]
    DEFAULT_CSS = """
    NewClientForm { align: center middle; }
    #new-client { width: 72; height: auto; max-height: 100%; }
    #new-client VerticalScroll { height: auto; max-height: 100%; }
    #new-client .new-client-problem { color: $error; height: auto; display: none; }
    #new-client .new-client-label { color: $text-muted; margin-top: 1; }
    #new-client Input { background: $boost; }
    #new-client .new-client-problem.shown { display: block; }
    #new-client Input { margin-bottom: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.phone_asked = ""  # the phone the person was told is already in the book

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-client"):
            yield Label(_("A new client (ctrl+s saves, Escape cancels)"))
            with VerticalScroll():
                for name in NEW_CLIENT_FIELDS:
                    yield Label(_(LABELS[name]), classes="new-client-label", markup=False)
                    yield Input(id=name, placeholder=_(HINTS[name]) if HINTS[name] else "", compact=True)
                    yield Static("", id=f"problem-{name}", classes="new-client-problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_save(self) -> None:
        self.after_typing(self.save_typed)

    def save_typed(self) -> None:
        fields = {name: self.query_one(f"#{name}", Input).value for name in NEW_CLIENT_FIELDS}
        self.write(fields, same_phone_ok=bool(fields["phone"]) and fields["phone"] == self.phone_asked)

    @work(thread=True, exclusive=True, group="new-client")
    def write(self, fields: dict[str, str], same_phone_ok: bool) -> None:
        today = self.app.today

        def question(db):
            try:
                return add_new_client(db, fields, today, same_phone_ok=same_phone_ok)
            except FieldProblems as problems:
                return problems

        ask_book(self, question, self.written)

    def written(self, result: int | UserError) -> None:
        if isinstance(result, int):
            self.dismiss(result)
            return
        problems = result.problems
        for name in NEW_CLIENT_FIELDS:
            shown = self.query_one(f"#problem-{name}", Static)
            shown.update(literal(problems.get(name, "")))  # it may quote what was typed
            shown.set_class(name in problems, "shown")
        self.phone_asked = self.query_one("#phone", Input).value if "phone" in problems else ""
        first = next(name for name in NEW_CLIENT_FIELDS if name in problems)
        self.query_one(f"#{first}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
