"""A client's courses, bonuses and win-back case, from her card (o, b, w) or, for the case,
her row on the call list (w): a course sold or a session used, a bonus movement, the case
opened or worked on.

A part of CardScreen and CallsScreen (a mixin): it uses the screen's `ask_book`; `then(message)`
says what was done and reads again what shows it.
"""
from __future__ import annotations

from textual import work

from clientbook.domain.dates import DateError, read_day
from clientbook.errors import UserError
from clientbook.i18n import _, language
from clientbook.services.bonuses import KINDS as BONUS_KINDS
from clientbook.services.bonuses import add_movement, read_points
from clientbook.services.card_text import balance_sentence, course_line
from clientbook.services.cases import case, glance, open_case, opened_sentence, write_work
from clientbook.services.contacts import reason_choices
from clientbook.services.courses import add_course, added_sentence, courses, use_session, used_sentence
from clientbook.services.visits import match_service, service_names
from clientbook.tui.widgets.ask import Ask, Choose
from clientbook.tui.widgets.case_form import CaseForm


class LoyaltyActions:
    @work(thread=True, group="loyalty-write")
    def write_loyalty(self, change, say, then) -> None:
        self.ask_book(change, lambda result: then(say(result)))

    # -- courses ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="loyalty")
    def course_for(self, client_id: int, then) -> None:
        today = self.app.today
        self.ask_book(lambda db: (courses(db, client_id, active_on=today), service_names(db)),
                      lambda found: self.course_asked(client_id, *found, then))

    def course_asked(self, client_id: int, active, services: list[str], then) -> None:
        if not active:
            self.new_course(client_id, services, then)
            return
        by_id = {str(c.id): c for c in active}
        choices = [("new", _("A new course"))] + [
            (key, _("Use a session: {course}").format(course=course_line(c))) for key, c in by_id.items()]
        self.app.push_screen(Choose(_("Courses"), choices), lambda key: key and (
            self.new_course(client_id, services, then) if key == "new" else self.write_loyalty(
                lambda db: use_session(db, int(key)), used_sentence, then)))

    def new_course(self, client_id: int, services: list[str], then) -> None:
        today = self.app.today
        asked: dict[str, object] = {}

        def service(text: str) -> str:
            if not text.strip():
                return ""  # a course for no service on the price list: named, and used by hand
            try:
                return match_service(text, services)
            except UserError as error:
                raise ValueError(str(error)) from None

        def title(text: str) -> str:
            if not text.strip():
                raise ValueError(_("Name the course or its service."))
            return text

        def sessions(text: str) -> int:
            if not text.strip().isdigit() or int(text) < 1:
                raise ValueError(_("A course has at least one session."))
            return int(text)

        def until(text: str):
            if not text.strip():
                return "none"
            try:
                return read_day(text, today)
            except DateError as error:
                raise ValueError(str(error)) from None

        def ask(key: str, prompt: str, read, follow) -> None:
            def given(value) -> None:
                if value is not None:
                    asked[key] = value
                    follow()
            self.app.push_screen(Ask(prompt, read), given)

        def write() -> None:
            valid = asked["until"]
            self.write_loyalty(lambda db: add_course(
                db, client_id, asked["sessions"], today, service=asked["service"], title=asked.get("title", ""),
                valid_until=None if valid == "none" else valid, gift_from=asked["gift"]), added_sentence, then)

        def rest() -> None:
            ask("sessions", _("How many sessions?"), sessions,
                lambda: ask("until", _("Valid until? (empty: no end date)"), until,
                            lambda: ask("gift", _("A gift from whom? (empty: the client paid)"), str, write)))

        ask("service", _("Which service is the course for? (the start of its name; empty: none on the price list)"),
            service, lambda: rest() if asked["service"] else ask("title", _("What is the course called?"), title, rest))

    # -- bonuses ---------------------------------------------------------------------------

    def bonus_for(self, client_id: int, then) -> None:
        today = self.app.today

        def kind_chosen(kind) -> None:
            if kind:
                self.app.push_screen(
                    Ask(_("How many points? A note may follow: 150 for the review"), read_points),
                    lambda given: given and self.write_loyalty(
                        lambda db: add_movement(db, client_id, kind, given[0], today, given[1]),
                        balance_sentence, then))

        self.app.push_screen(Choose(_("Bonuses"), [(code, _(label)) for code, label in BONUS_KINDS.items()]),
                             kind_chosen)

    # -- the win-back case -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="loyalty")
    def case_for(self, client_id: int, name: str, then) -> None:
        today = self.app.today

        def question(db):
            number, new = open_case(db, client_id, today)
            return case(db, number), new, glance(db, client_id), reason_choices(db, language())

        self.ask_book(question, lambda found: self.case_opened(name, *found, then))

    def case_opened(self, name: str, found, new: bool, seen, reasons, then) -> None:
        if new:
            self.notify(opened_sentence(found.id, True), markup=False)
        today = self.app.today
        self.app.push_screen(CaseForm(name, found, seen, reasons), lambda work: work and self.write_loyalty(
            lambda db: write_work(db, found, today, work.fields, work.pushes_for_discounts, work.close),
            str, then))
