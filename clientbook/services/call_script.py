"""What to say on a call, and the text for a messenger: one function for the call list's
panel and for `clientbook script`.

Greet by the form of address the client prefers, say why we call (the booking to
confirm, the promised call-back, the birthday, the last visit), offer two concrete free
slots, and end with a question that invites a yes or a time. A client lost to the studio
is asked why she stopped coming. Dates are said as people say them (domain/speech.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from clientbook.domain.speech import address_in_case, by_gender, quoted, spoken_day, spoken_name, spoken_slot
from clientbook.i18n import N_, _, closed, short_day
from clientbook.services.calls import CallItem, call_list
from clientbook.services.card_text import discounts_warning
from clientbook.services.settings import get_setting

if TYPE_CHECKING:  # the brief (the card, the free slots) is read by client_script, not the call list
    from clientbook.services.brief import Brief
    from clientbook.services.records import VisitLine

REASON_LABELS = {
    "callback": N_("call back"), "confirm": N_("confirm"), "course": N_("course"), "birthday": N_("birthday"),
    "due": N_("due"), "at_risk": N_("at risk"), "lost": N_("win back"),
}


def reason_label(reason: str) -> str:
    return _(REASON_LABELS.get(reason, reason))


# A reason and its moment in one cell of the call list, so that the word says what the
# moment is: the day she asked to be called back, the pencilled booking to confirm.
REASON_MOMENTS = {"callback": N_("call back {moment}"), "confirm": N_("confirm {moment}"),
                  "course": N_("course until {moment}")}


def reason_with_moment(reason: str, when: str | None, today: date, open_complaint: bool = False) -> str:
    """«перезвонить 22.11», «подтвердить 23.11 16:30»; the reason alone where it has no
    moment to name («пора позвонить»; the day a client was counted lost is for csv and json).
    A client with an open complaint is said so first: «жалоба · пора позвонить»."""
    template = REASON_MOMENTS.get(reason)
    said = reason_label(reason) if template is None or not when else _(template).format(
        moment=_short_moment(when, today))
    return _("complaint · {reason}").format(reason=said) if open_complaint else said


def _short_moment(when: str, today: date) -> str:
    """"2026-11-23 16:30:00" as «23.11 16:30» or "Nov 23 16:30"; "2026-11-22" as «22.11», "Nov 22"."""
    moment = datetime.fromisoformat(when)
    shown = short_day(moment.date(), today)
    return f"{shown} {moment:%H:%M}" if len(when) > 10 else shown


@dataclass(frozen=True)
class CallScript:
    client_id: int
    name: str
    reason: str | None  # why she is on today's call list; None when she is not on it
    spoken: tuple[str, ...]  # the lines to say, in order
    message: str  # the same for a messenger, in one paragraph
    warning: str  # for the admin, not for the client
    heading: str = ""  # above the lines: «Что сказать Елене Викторовне»

    def as_json(self) -> dict:
        return {"client_id": self.client_id, "name": self.name, "reason": self.reason, "heading": self.heading,
                "spoken": list(self.spoken), "message": self.message, "warning": self.warning}


def _greeting(found: Brief, studio: str) -> str:
    return _("{name}, hello! This is {studio}.").format(name=found.address_as, studio=studio)


def _last_visit(item: CallItem | None, found: Brief) -> tuple[VisitLine | None, tuple[str, ...]]:
    """The visit to remind her of, and its services to name: for a client due on one track,
    that track's latest visit and its services there (not a later visit of another kind)."""
    track = item.track if item else None
    for visit in found.last_of_track if track else ():
        if track in visit.tracks:
            return visit, tuple(name for name, of in zip(visit.services, visit.tracks) if of == track)
    last = found.last_visits[0] if found.last_visits else None
    return last, last.services if last else ()


def _occasion(item: CallItem | None, found: Brief, today: date) -> str:
    reason = item.reason if item else None
    last, services = _last_visit(item, found)
    if reason == "confirm" and item.when:
        return _("You are booked for {when}. Shall we confirm it?").format(
            when=spoken_slot(datetime.fromisoformat(item.when), today, "accs"))
    if reason == "callback":
        asked = date.fromisoformat(item.when) if item.when else today
        if asked >= today:
            return _("You asked us to call you back today. Is it a good time to talk?")
        # A call-back not made that day, or not answered: still the one she asked for.
        return _("You asked us to call you back on {day}. Is it a good time to talk?").format(
            day=spoken_day(asked, today))
    if reason == "birthday":
        return _("Happy birthday! We wish you all the very best.")
    if reason == "course" and found.courses:
        course = found.courses[0]  # the one ending first: the reason she is on the list
        return closed(_("Your course {title} has {left} of {total} sessions left, and it is valid until {day}.").format(
            title=quoted(course.title), left=course.sessions_left, total=course.sessions_total,
            day=spoken_day(course.valid_until, today)))
    if reason == "lost" and item.last_visit:
        return _("We have not seen you since {when}. May I ask why you stopped coming, and what would "
                 "bring you back?").format(when=spoken_day(item.last_visit, today))
    if last:
        return _("Your last visit was on {when}: {what}. It is time for the next one.").format(
            when=spoken_day(last.starts_at.date(), today), what=", ".join(spoken_name(s) for s in services))
    return ""


def _offer(item: CallItem | None, found: Brief, today: date) -> str:
    if item is not None and item.reason in ("confirm", "callback", "lost"):
        return ""  # each of these ends with its own question
    slots = [spoken_slot(moment, today, "accs") for moment in found.offer[:2]]
    if len(slots) == 2:
        return _("We can offer {first} or {second}. Which suits you better?").format(first=slots[0], second=slots[1])
    if slots:
        return _("We can offer {first}. Does that suit you?").format(first=slots[0])
    return _("When would it suit you to come?")


def script_for(item: CallItem | None, found: Brief, studio: str, today: date) -> CallScript:
    """The script for a client the brief `found` describes (read with its free slots), and
    her line on today's call list, if she is on it."""
    spoken = tuple(line for line in (_greeting(found, studio), _occasion(item, found, today),
                                     _offer(item, found, today)) if line)
    warnings = [_("Two messages went unanswered: call in person.") if item and item.next_step == "call" else "",
                discounts_warning() if found.pushes_for_discounts else ""]
    warning = " ".join(w for w in warnings if w)
    heading = _("What to say to {name}").format(name=address_in_case(found.address_as, "datv"))
    return CallScript(found.id, found.name, item.reason if item else None, spoken, " ".join(spoken), warning,
                      heading)


def studio_name(database) -> str:
    return get_setting(database, "studio_name") or "clientbook"


def client_script(database, client_id: int, today: date) -> CallScript:
    """What the call list shows beside the client today (a generic call when she is not on it)."""
    from clientbook.services.brief import brief

    item = next((i for i in call_list(database, today).items if i.id == client_id), None)
    return script_for(item, brief(database, client_id, today, with_offer=True), studio_name(database), today)


def script_lines(script: CallScript) -> tuple[str, ...]:
    """The lines as the panel shows them: each in the language's quotes."""
    return tuple(quoted(line) for line in script.spoken)


def why_declined(gender: str | None) -> str:
    """The question after a refusal, agreeing with the client's gender."""
    return _(by_gender(gender, N_("Why did she decline?"), N_("Why did he decline?"), N_("Why did they decline?")))
