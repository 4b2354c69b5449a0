"""A client's complaints, from her card (c) or her row on the call list (k): one is opened
(its type, which of her last visits it is about, and so its master, what happened) or one
still open is closed (the verdict, what was done, the compensation).

A part of CardScreen and CallsScreen (a mixin): it uses the screen's `ask_book`.
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
    visit_choices,
)
from clientbook.tui.widgets.ask import Ask, Choose


class ComplaintActions:
    """Each screen's action_complaint calls complaint_for with whose complaint it is and what
    follows a change (`then(message)`: say it, read again what shows her complaints)."""

    @work(thread=True, exclusive=True, group="complaints")
    def complaint_for(self, client_id: int, then) -> None:
        self.ask_book(lambda db: (complaints(db, client_id, open_only=True), visit_choices(db, client_id)),
                      lambda found: self.complaint_asked(client_id, *found, then))

    @work(thread=True, group="complaint-write")
    def write_complaint(self, change, say, then) -> None:
        self.ask_book(change, lambda result: then(say(result)))

    def complaint_asked(self, client_id: int, still_open, visits, then) -> None:
        if not still_open:
            self.new_complaint(client_id, visits, then)
            return
        by_id = {str(c.id): c for c in still_open}
        choices = [("new", _("A new complaint"))] + [
            (key, _("Close: {text}").format(text=c.text)) for key, c in by_id.items()]
        self.app.push_screen(Choose(_("Complaints"), choices),
                             lambda key: key and (self.new_complaint(client_id, visits, then) if key == "new"
                                                  else self.close_asked(by_id[key], then)))

    def new_complaint(self, client_id: int, visits: list[tuple[str, str]], then) -> None:
        """The type, then which visit (her last one first; none when she has had none), then what happened."""
        today = self.app.today

        def visit_chosen(kind: str, key) -> None:
            if key:
                visit_id = None if key == "none" else int(key)
                self.app.push_screen(
                    Ask(_("What happened? (for example: the coating chipped on the third day)"), _what_happened),
                    lambda text: text and self.write_complaint(
                        lambda db: open_complaint(db, client_id, text, kind, today, visit_id=visit_id),
                        opened_sentence, then))

        def kind_chosen(kind) -> None:
            if kind and visits:
                self.app.push_screen(Choose(_("Which visit is it about?"), visits),
                                     lambda key: visit_chosen(kind, key))
            elif kind:
                visit_chosen(kind, "none")

        self.app.push_screen(Choose(_("What kind of complaint?"), [(code, _(label)) for code, label in KINDS.items()]),
                             kind_chosen)

    def close_asked(self, complaint, then) -> None:
        today = self.app.today
        verdicts = [("yes", _("Justified")), ("no", _("Not justified")), ("undecided", _("Not decided yet"))]
        compensations = [(code or "none", _(label)) for code, label in COMPENSATIONS.items()]

        def verdict_chosen(verdict) -> None:
            if verdict:
                self.app.push_screen(Ask(_("What was done? (empty: nothing to add)"), str),
                                     lambda text: text is not None and resolution_given(verdict, text))

        def resolution_given(verdict: str, text: str) -> None:
            self.app.push_screen(Choose(_("Compensation?"), compensations),
                                 lambda code: code and self.write_complaint(lambda db: close_complaint(
                                     db, complaint.id, today, resolution=text,
                                     justified={"yes": True, "no": False}.get(verdict),
                                     compensation="" if code == "none" else code), closed_sentence, then))

        self.app.push_screen(Choose(_("The verdict: was it justified?"), verdicts), verdict_chosen)


def _what_happened(text: str) -> str:
    if not text.strip():
        raise ValueError(_("Say what happened: a complaint needs its text."))
    return text
