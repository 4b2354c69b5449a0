"""Import from the terminal interface: name the file, read the dry run, then import.

The first Enter shows what the file would add, update and leave unchanged, its suspected
duplicates and its problems; nothing is written until a second Enter on the same file.
"""
from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.importer import describe, import_file
from clientbook.tui.screens.base import ask_book
from clientbook.tui.translate import translate_bindings


class ImportDialog(ModalScreen):
    """Dismissed with the import's summary lines, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.previewed: str | None = None  # the file whose dry run is on show

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label(_("Import clients, visits or calls from a CSV or vCard file:"),
                        markup=False)
            yield Input(placeholder=_("~/Downloads/clients.csv"), id="import-path")
            with VerticalScroll(id="import-report"):
                yield Static(_("Enter: see what the file holds (nothing is written yet)."),
                             id="import-result", markup=False)

    def show(self, text: str) -> None:
        self.query_one("#import-result", Static).update(text)

    @on(Input.Changed, "#import-path")
    def path_changed(self) -> None:
        self.previewed = None

    @on(Input.Submitted, "#import-path")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        if self.previewed == text:
            self.show(_("Importing…"))
            self.run_import(path, dry_run=False)
        else:
            self.show(_("Reading the file…"))
            self.run_import(path, dry_run=True)

    @work(thread=True, exclusive=True)
    def run_import(self, path: Path, dry_run: bool) -> None:
        today = self.app.today

        def question(database):
            try:
                return describe(import_file(database, path, today=today, dry_run=dry_run)), None
            except UserError as error:  # a bad file: said here, in the dialog
                return None, str(error)

        ask_book(self, question, lambda result: self.imported(path, dry_run, *result))

    def imported(self, path: Path, dry_run: bool, lines: list[str] | None, problem: str | None):
        if problem:
            self.previewed = None
            self.show(problem)
        elif dry_run:
            self.previewed = self.query_one("#import-path", Input).value.strip()
            self.show("\n".join(lines) + "\n\n" + _("Enter: import this file. Escape: cancel."))
        else:
            self.dismiss(lines)

    def action_cancel(self) -> None:
        self.dismiss(None)
