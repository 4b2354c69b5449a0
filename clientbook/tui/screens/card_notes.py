"""The card's preferences and talking points: added, corrected, deleted (u puts back), and a
talking point marked asked with the client's answer.

A part of CardScreen (a mixin): it uses the card's `found` and its `write`.
"""
from __future__ import annotations

from clientbook.i18n import _, day
from clientbook.services.client_edit import (
    add_preference,
    add_talking_point,
    edit_preference,
    edit_talking_point,
)
from clientbook.services.deletions import delete_preference, delete_talking_point
from clientbook.services.today import mark_asked
from clientbook.tui.widgets.ask import Ask, Choose


def _needs_text(empty: str):
    def read(text: str) -> str:
        if not text.strip():
            raise ValueError(empty)
        return text

    return read


class NoteActions:
    def ask_text(self, prompt: str, empty: str, change, done: str, value: str = "") -> None:
        """Ask for a line of text (`empty` is said when there is none), then write change(db, text)."""
        self.app.push_screen(Ask(prompt, _needs_text(empty), value=value),
                             lambda text: text and self.write(lambda db: change(db, text), done))

    def action_add_preference(self) -> None:
        client_id = self.client_id
        self.ask_text(_("A preference (for example: coffee without sugar)"), _("A preference needs some text."),
                      lambda db, text: add_preference(db, client_id, text), _("Preference saved."))

    def action_add_talking_point(self) -> None:
        client_id, today = self.client_id, self.app.today
        self.ask_text(_("What to ask about next time (for example: how was the wedding?)"),
                      _("A talking point needs some text."),
                      lambda db, text: add_talking_point(db, client_id, text, today), _("Talking point saved."))

    def action_preferences(self) -> None:
        """P: choose a preference, then correct or delete it."""
        if self.found is None:
            return
        found = {str(p.id): p for p in self.found.preferences}
        if not found:
            self.notify(_("No preferences yet: p adds one."), markup=False)
            return
        self.app.push_screen(
            Choose(_("Which preference?"), [(key, p.text) for key, p in found.items()]),
            lambda key: key and self.preference_chosen(found[key]))

    def preference_chosen(self, preference) -> None:
        def then(what: str | None) -> None:
            if what == "edit":
                self.ask_text(_("The preference"), _("A preference needs some text."),
                              lambda db, text: edit_preference(db, preference, text), _("Preference saved."),
                              value=preference.text)
            elif what == "delete":
                self.write(lambda db: delete_preference(db, preference.id), self.deleted)

        self.app.push_screen(Choose(preference.text, [("edit", _("Correct it")), ("delete", _("Delete it"))]), then)

    def action_talking_points(self) -> None:
        """T: choose a talking point, then correct it, mark it asked (with an answer) or delete it."""
        if self.found is None:
            return
        found = {str(t.id): t for t in self.found.talking_points}
        if not found:
            self.notify(_("No talking points yet: t adds one."), markup=False)
            return
        choices = [(key, t.text if t.asked_at is None else _("{text} (asked {day})").format(
            text=t.text, day=day(t.asked_at.date()))) for key, t in found.items()]
        self.app.push_screen(Choose(_("Which talking point?"), choices),
                             lambda key: key and self.talking_point_chosen(found[key]))

    def talking_point_chosen(self, point) -> None:
        def then(what: str | None) -> None:
            if what == "edit":
                self.ask_text(_("The talking point"), _("A talking point needs some text."),
                              lambda db, text: edit_talking_point(db, point, text), _("Talking point saved."),
                              value=point.text)
            elif what == "asked":
                at = self.app.clock()
                self.app.push_screen(
                    Ask(_("What did they say? (optional: Enter with nothing notes only that it was asked)"),
                        lambda text: text),
                    lambda answer: answer is not None and self.write(
                        lambda db: mark_asked(db, point.id, at=at, answer=answer), _("Marked as asked.")))
            elif what == "delete":
                self.write(lambda db: delete_talking_point(db, point.id), self.deleted)

        choices = [("edit", _("Correct it"))]
        if point.asked_at is None:
            choices.append(("asked", _("Mark it asked, with the answer")))
        choices.append(("delete", _("Delete it")))
        self.app.push_screen(Choose(point.text, choices), then)
