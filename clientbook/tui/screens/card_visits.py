"""The card's Visits tab: a visit added, corrected, closed or deleted (and put back with u).

A part of CardScreen (a mixin): it uses the card's `found`, its lists and its `write`.
"""
from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from clientbook.i18n import _
from clientbook.services.card_text import VISIT_STATUS_LABELS, status_label
from clientbook.services.deletions import delete_question, delete_visit
from clientbook.services.visit_booking import (
    book_suggesting,
    book_visit,
    change_status,
    pencilled_sentence,
    suggestion_question,
)
from clientbook.services.visit_edits import edit_visit
from clientbook.tui.widgets.ask import Choose
from clientbook.tui.widgets.visit_form import VisitForm

VISIT_ACTIONS = ("edit_visit", "delete_visit", "visit_status")  # on the selected visit of the Visits tab


class VisitActions:
    def selected_visit(self):
        """The visit under the Visits tab's cursor, or None."""
        table = self.query_one("#visits", DataTable)
        if self.found is None or not table.row_count:
            return None
        visit_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return next((visit for visit in self.found.visits if visit.id == visit_id), None)

    def active_tab(self) -> str:
        """The id of the card's tab in front ("" before it is built)."""
        tabs = getattr(self, "tabs", None)
        return tabs.active if tabs is not None and tabs.is_attached else ""

    def on_visits_tab(self) -> bool:
        return self.active_tab() == "tab-visits"

    # Named handlers: a mixin's @on handlers would not be registered by Textual.
    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # the visit keys are shown on the Visits tab only

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "visits":  # Enter on a visit: correct it
            self.action_edit_visit()

    def action_add_visit(self) -> None:
        if self.found is None:
            return
        client_id, today, now = self.client_id, self.app.today, self.app.clock()
        form = VisitForm(today, self.services, masters=self.masters, now=now, usual=self.usual,
                         archived=self.archived)
        self.app.push_screen(form, lambda visit: visit and self.write(  # checked again: someone may book meanwhile
            lambda db: book_suggesting(db, client_id, visit, today=today, now=now), self.visit_saved))

    def visit_saved(self, suggestion) -> str:
        """Said once the visit is in the book; a "next time" that names a day offers its booking."""
        if suggestion is not None:
            self.call_after_refresh(self.offer_booking, suggestion)
        return _("Visit saved.")

    def offer_booking(self, suggestion) -> None:
        booking = suggestion.booking
        client_id, today, now = self.client_id, self.app.today, self.app.clock()

        def answered(answer) -> None:
            if answer == "yes":  # the master's week and bookings are checked as it is written
                self.write(lambda db: book_visit(db, client_id, booking, today=today, now=now),
                           pencilled_sentence(booking))

        self.app.push_screen(Choose(suggestion_question(suggestion), [("yes", _("Yes")), ("no", _("Not now"))]),
                             answered)

    def action_edit_visit(self) -> None:
        before = self.selected_visit()
        if before is None:
            return
        today, now = self.app.today, self.app.clock()
        form = VisitForm(today, self.services, masters=self.masters, now=now, editing=before,
                         archived=self.archived)
        self.app.push_screen(form, lambda visit: visit and self.write(
            lambda db: edit_visit(db, before, visit, today=today, now=now),
            lambda changed: _("Visit saved.") if changed else _("Nothing was changed.")))

    def action_delete_visit(self) -> None:
        visit = self.selected_visit()
        if visit is None:
            return
        self.app.push_screen(
            Choose(delete_question(visit), [("yes", _("Yes, delete it")), ("no", _("No, keep it"))]),
            lambda answer: answer == "yes" and self.write(lambda db: delete_visit(db, visit.id), self.deleted))

    def action_visit_status(self) -> None:
        visit = self.selected_visit()
        if visit is None:
            return
        self.tabs.active = "tab-visits"
        today = self.app.today
        choices = [(code, status_label(code)) for code in VISIT_STATUS_LABELS]
        self.app.push_screen(
            Choose(_("What became of this visit?"), choices),
            lambda status: status and self.write(
                lambda db: change_status(db, visit.id, status, today, expected=visit.status),
                _("Visit status changed.")))
