"""Import from the terminal interface: name the file, read the dry run, then import.

A CSV, an Excel workbook (its first sheet) or a vCard file: services.import_files tells
which from the file itself, and a file it cannot read is said here in one sentence. A
clientbook JSON export (services.import_json) loads into an empty book the same way.

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

from clientbook.i18n import N_, _
from clientbook.services.book import expected_failure
from clientbook.services.importer import describe, import_file
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import ask_book
from clientbook.tui.translate import KeysInLanguage


class ImportDialog(KeysInLanguage, ModalScreen):
    """Dismissed with the import's summary lines, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.previewed: str | None = None  # the file whose dry run is on show
        self.working = False  # a dry run or an import is under way

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label(_("Import clients, visits or calls from a CSV, Excel (.xlsx) or vCard "
                          "file, or a whole book from a JSON export into an empty book:"), markup=False)
            yield Input(placeholder=_("~/Downloads/clients.csv"), id="import-path")
            with VerticalScroll(id="import-report"):
                yield Static(_("Enter: see what the file holds (nothing is written yet)."),
                             id="import-result", markup=False)

    def show(self, text: str) -> None:
        self.query_one("#import-result", Static).update(literal(text))  # file names, names from the file

    @on(Input.Changed, "#import-path")
    def path_changed(self) -> None:
        self.previewed = None

    @on(Input.Submitted, "#import-path")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self.working:
            return
        self.working = True
        if self.previewed == text:
            self.show(_("Importing…"))
            self.run_import(text, dry_run=False)
        else:
            self.show(_("Reading the file…"))
            self.run_import(text, dry_run=True)

    @work(thread=True, exclusive=True)
    def run_import(self, text: str, dry_run: bool) -> None:
        today, path = self.app.today, Path(text).expanduser()

        def question(database):
            try:
                return describe(import_file(database, path, today=today, dry_run=dry_run)), None
            except Exception as error:
                failure = expected_failure(error, self.app.book_path)
                if failure is None:
                    raise
                return None, str(failure)  # a bad file or a busy book: said here, in the dialog

        ask_book(self, question, lambda result: self.imported(text, dry_run, *result))

    def imported(self, text: str, dry_run: bool, lines: list[str] | None, problem: str | None):
        self.working = False
        if problem:
            self.previewed = None
            self.show(problem)
        elif dry_run:
            # Enter imports the file that was read, and only while the box still names it.
            self.previewed = text if self.query_one("#import-path", Input).value.strip() == text else None
            self.show("\n".join(lines) + "\n\n" + _("Enter: import this file. Escape: cancel."))
        else:
            self.dismiss(lines)

    def action_cancel(self) -> None:
        if self.working:  # an import cannot be stopped half way: it lands whole or not at all
            self.notify(_("Wait a moment: the file is being read."), markup=False)
            return
        self.dismiss(None)
