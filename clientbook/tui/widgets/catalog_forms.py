"""A service of the price list, or a master: asked in a form, read and checked by services.catalog.

The forms only read and check; whoever pushed them writes the answer to the book (in a
worker). Used by the F7 screen and by the visit form for a name not on the studio's lists.
"""
from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from clientbook.errors import INPUT_ERRORS, UserError
from clientbook.i18n import N_, _, language
from clientbook.services.catalog import (
    FieldError,
    MasterLine,
    ServiceLine,
    master_as_typed,
    read_master_fields,
    read_service_fields,
    service_as_typed,
)
from clientbook.tui.literal import literal
from clientbook.tui.translate import KeysInLanguage
from clientbook.tui.widgets.enter_moves_on import ENTER_MOVES_ON, EnterMovesOn


class CatalogForm(EnterMovesOn, KeysInLanguage, ModalScreen):
    """Labelled fields in a scrolling dialog; the problem shown under the title, its field focused."""

    DEFAULT_CSS = """
    CatalogForm {
        align: center middle;
    }
    CatalogForm .catalog-form {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    CatalogForm .form-title {
        width: 100%;
        text-style: bold;
    }
    CatalogForm #problem {
        width: 100%;
        height: auto;
        color: $error;
        display: none;
    }
    CatalogForm #problem.shown {
        display: block;
    }
    CatalogForm VerticalScroll {
        height: auto;
        max-height: 100%;
    }
    CatalogForm .form-field {
        height: auto;
    }
    CatalogForm .form-label {
        width: 19;
        padding-top: 1;
        color: $text-muted;
    }
    CatalogForm .form-field Input {
        width: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel"),
                Binding("ctrl+s", "save", N_("Save"), id="save", priority=True), ENTER_MOVES_ON]

    # (key, label, hint) of each field, in order; the values come from `values()`.
    FIELDS: tuple[tuple[str, str, str], ...] = ()

    def __init__(self) -> None:
        super().__init__()

    def title_text(self) -> str:
        raise NotImplementedError

    def values(self) -> dict[str, str]:
        """What each field starts with."""
        return {}

    def suggestions(self, key: str) -> Iterable[str]:
        return ()

    def read(self, fields: dict[str, str]) -> object:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        values = self.values()
        with Vertical(classes="catalog-form"):
            yield Label(self.title_text(), classes="form-title", markup=False)
            yield Static("", id="problem", markup=False)
            with VerticalScroll():
                for key, label, hint in self.FIELDS:
                    with Horizontal(classes="form-field"):
                        yield Label(_(label), classes="form-label", markup=False)
                        offered = list(self.suggestions(key))
                        yield Input(values.get(key, ""), placeholder=_(hint) if hint else "", id=key,
                                    suggester=SuggestFromList(offered, case_sensitive=False) if offered else None)

    def on_mount(self) -> None:
        """The first field left to fill has the focus (a name brought from the visit form is filled)."""
        boxes = [self.query_one(f"#{key}", Input) for key, _label, _hint in self.FIELDS]
        next((box for box in boxes if not box.value), boxes[0]).focus()

    def action_save(self) -> None:
        self.after_typing(self.save_typed)

    def save_typed(self) -> None:
        fields = {key: self.query_one(f"#{key}", Input).value for key, _label, _hint in self.FIELDS}
        try:
            answer = self.read(fields)
        except (UserError, *INPUT_ERRORS) as error:
            self.show_problem(error)
            return
        self.dismiss(answer)

    def show_problem(self, error: Exception) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(literal(error))  # it may quote what was typed
        problem.add_class("shown")
        if isinstance(error, FieldError):
            self.query_one(f"#{error.field}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ServiceForm(CatalogForm):
    """A service to add or edit; dismisses with a ServiceFields, or None (Escape)."""

    FIELDS = (("name", N_("Service"), ""),
              ("category", N_("Category"), ""),
              ("price", N_("Price, ₽"), "2500"),
              ("duration", N_("Duration, min"), "60"),
              ("interval", N_("Interval, days"), "21"))

    def __init__(self, name: str = "", categories: Iterable[str] = (), editing: ServiceLine | None = None):
        super().__init__()
        self.name_typed, self.categories, self.editing = name, list(categories), editing

    def title_text(self) -> str:
        if self.editing:
            return _("Edit “{name}” (ctrl+s saves, Escape cancels)").format(name=self.editing.name)
        return _("A new service on the price list (ctrl+s saves, Escape cancels)")

    def values(self) -> dict[str, str]:
        return service_as_typed(self.editing) if self.editing else {"name": self.name_typed}

    def suggestions(self, key: str) -> Iterable[str]:
        return self.categories if key == "category" else ()

    def read(self, fields: dict[str, str]) -> object:
        return read_service_fields(fields)


class MasterForm(CatalogForm):
    """A master to add or edit; dismisses with a MasterFields, or None (Escape)."""

    FIELDS = (("name", N_("Name"), ""),
              ("hours", N_("Working hours"), N_("mon-fri 10-20, sat 11-18")))

    def __init__(self, name: str = "", editing: MasterLine | None = None):
        super().__init__()
        self.name_typed, self.editing = name, editing

    def title_text(self) -> str:
        if self.editing:
            return _("Edit “{name}” (ctrl+s saves, Escape cancels)").format(name=self.editing.name)
        return _("A new master (ctrl+s saves, Escape cancels)")

    def values(self) -> dict[str, str]:
        values = master_as_typed(self.editing, language())
        return values if self.editing else {**values, "name": self.name_typed}

    def read(self, fields: dict[str, str]) -> object:
        return read_master_fields(fields)
