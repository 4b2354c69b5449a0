"""The card's complaints: c opens one (its type, what happened, about her last visit and its
master) or closes one still open (the verdict, what was done, the compensation).

A part of CardScreen (a mixin): it uses the card's `client_id`, `found`, `ask_book` and `write`.
"""
from __future__ import annotations

from textual import work

from clientbook.i18n import _
from clientbook.services.complaints import (
    COMPENSATIONS,
    KINDS,
    close_complaint,
    closed_sentence,
    complaints,
    open_complaint,
    opened_sentence,
)
from clientbook.tui.widgets.ask import Ask, Choose


class ComplaintActions:
    @work(thread=True, exclusive=True, group="card-complaints")
    def action_complaint(self) -> None:
        client_id = self.client_id
        self.ask_book(lambda db: complaints(db, client_id, open_only=True), self.complaint_asked)

    def complaint_asked(self, still_open) -> None:
        if not still_open:
            self.new_complaint()
            return
        by_id = {str(c.id): c for c in still_open}
        choices = [("new", _("A new complaint"))] + [
            (key, _("Close: {text}").format(text=c.text)) for key, c in by_id.items()]
        self.app.push_screen(Choose(_("Complaints"), choices),
                             lambda key: key and (self.new_complaint() if key == "new" else self.close_asked(by_id[key])))

    def new_complaint(self) -> None:
        client_id, today = self.client_id, self.app.today
        done = [v for v in self.found.visits if v.status == "done"] if self.found else []
        visit_id = done[0].id if done else None  # her last visit, and its master, unless said otherwise

        def kind_chosen(kind) -> None:
            if kind:
                self.app.push_screen(
                    Ask(_("What happened? (for example: the coating chipped on the third day)"), _what_happened),
                    lambda text: text and self.write(
                        lambda db: open_complaint(db, client_id, text, kind, today, visit_id=visit_id),
                        opened_sentence))

        self.app.push_screen(Choose(_("What kind of complaint?"), [(code, _(label)) for code, label in KINDS.items()]),
                             kind_chosen)

    def close_asked(self, complaint) -> None:
        today = self.app.today
        verdicts = [("yes", _("Justified")), ("no", _("Not justified")), ("undecided", _("Not decided yet"))]
        compensations = [(code or "none", _(label)) for code, label in COMPENSATIONS.items()]

        def verdict_chosen(verdict) -> None:
            if verdict:
                self.app.push_screen(Ask(_("What was done? (empty: nothing to add)"), str),
                                     lambda text: text is not None and resolution_given(verdict, text))

        def resolution_given(verdict: str, text: str) -> None:
            self.app.push_screen(Choose(_("Compensation?"), compensations),
                                 lambda code: code and self.write(lambda db: close_complaint(
                                     db, complaint.id, today, resolution=text,
                                     justified={"yes": True, "no": False}.get(verdict),
                                     compensation="" if code == "none" else code), closed_sentence))

        self.app.push_screen(Choose(_("The verdict: was it justified?"), verdicts), verdict_chosen)


def _what_happened(text: str) -> str:
    if not text.strip():
        raise ValueError(_("Say what happened: a complaint needs its text."))
    return text
