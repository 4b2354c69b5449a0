"""Small dialogs: ask for one value (a date, a time), or choose one of a few."""
from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from clientbook.i18n import N_
from clientbook.tui.literal import literal
from clientbook.tui.translate import KeysInLanguage


class Ask(KeysInLanguage, ModalScreen):
    """Ask for one line; `read(text)` returns the value or raises ValueError(message)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]

    def __init__(self, prompt: str, read: Callable[[str], object], placeholder: str = "",
                 value: str = ""):
        super().__init__()
        self.prompt, self.read, self.placeholder, self.value = prompt, read, placeholder, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt, markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")  # Enter takes a value offered
            yield Static("", id="problem", markup=False)

    @on(Input.Submitted, "#answer")
    def submitted(self, event: Input.Submitted) -> None:
        try:
            value = self.read(event.value)
        except ValueError as error:
            self.query_one("#problem", Static).update(literal(error))  # it may quote what was typed
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(KeysInLanguage, ModalScreen):
    """Choose one of (value, label) pairs; a label is shown as written (a talking point, a master)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]

    def __init__(self, prompt: str, choices: list[tuple[str, str]]):
        super().__init__()
        self.prompt, self.choices = prompt, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt, markup=False)
            yield OptionList(*[Option(literal(label), id=value) for value, label in self.choices], id="choices")

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
