"""The client card as people read it: one set of lines for `clientbook show` and the screens.

Shared by the CLI (plain text) and the TUI's card and preview (each part coloured by its
kind), so both say the same thing in the same words. Alerts come first everywhere. Names
and notes are plain text: a screen appends them, never reads them as markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clientbook.domain.speech import by_gender, quoted
from clientbook.domain.text import fold, format_phone
from clientbook.i18n import N_, _, birthday, closed, day, money, ngettext, number, percent, table_moment

if TYPE_CHECKING:  # the call list borrows the labels below without reading a card
    from clientbook.services.records import ClientCard, ContactLine, Course, TalkingPointLine, VisitLine

VISIT_STATUS_LABELS = {"planned": N_("booked"), "tentative": N_("pencilled"), "done": N_("done"),
                       "no_show": N_("no-show"), "cancelled": N_("cancelled")}
OUTCOME_LABELS = {
    "booked": N_("booked"), "no_answer": N_("no answer"), "left_message": N_("left a message"),
    "callback": N_("call back"), "declined": N_("declined"), "wrong_number": N_("wrong number"),
    "do_not_contact": N_("do not contact"),
}
TIER_LABELS = {"not_due": N_("not yet due"), "due_soon": N_("due soon"), "due": N_("due"),
               "at_risk": N_("at risk"), "lost": N_("lost")}
SOURCE_LABELS = {"manual": N_("set by hand"), "learned": N_("learned from visits"),
                 "service": N_("the service's default"), "studio": N_("the studio's default")}
# What a visit records beyond its moment, services, master and price: the master's notes as
# she writes them after the visit, each a free text but the client's mark (satisfaction).
RECORDS = ("formula", "materials", "notes", "liked", "disliked", "aftercare", "products_sold", "next_suggestion",
           "feedback")
RECORD_LABELS = {"formula": N_("Formula"), "materials": N_("Materials"), "notes": N_("Notes"),
                 "liked": N_("Liked"), "disliked": N_("Disliked"), "aftercare": N_("Aftercare"),
                 "products_sold": N_("Products sold"), "next_suggestion": N_("Next time"),
                 "satisfaction": N_("Satisfaction"), "feedback": N_("Feedback")}
LAST_VISITS = 3  # on the card's first tab and in the brief
HISTORY_SHOWN = 10  # the latest visits and calls in the full card


@dataclass(frozen=True)
class Line:
    """One line of the card as (text, kind) parts. A kind says what a part is, for a
    screen's colours: archived, alert, flag, name, heading, or the tier of a rhythm line
    (due, at_risk, lost…); "" is plain text."""

    parts: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _kind in self.parts)


def _line(text: str, kind: str = "") -> Line:
    return Line(((text, kind),))


# Built-in tracks and channels (the demo's, the import's codes) in the interface's language;
# a studio's own category or channel is shown as the studio wrote it.
TRACK_LABELS = {"nails": N_("nails"), "colour": N_("colour"), "lashes": N_("lashes"), "brows": N_("brows"),
                "haircut": N_("haircut"), "pedicure": N_("pedicure"), "cosmetology": N_("cosmetology"),
                "massage": N_("massage")}
CHANNEL_LABELS = {"call": N_("call"), "phone": N_("phone"), "sms": N_("SMS"), "whatsapp": N_("WhatsApp"),
                  "telegram": N_("Telegram"), "viber": N_("Viber"), "email": N_("e-mail"), "vk": N_("VK"),
                  "visit": N_("visit"), "other": N_("other")}


def track_label(track: str | None) -> str:
    return _(TRACK_LABELS[track]) if track in TRACK_LABELS else (track or "")


def channel_label(channel: str | None) -> str:
    return _(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else (channel or "")


def _code_for(text: str, labels: dict[str, str]) -> str:
    """The built-in code a field's text names (the code, or its label in either language,
    any case, ё = е), or the text as written: a studio's own category or channel."""
    typed = " ".join(text.split())
    key = fold(typed)
    return next((code for code, label in labels.items() if key in (code, fold(label), fold(_(label)))), typed)


def read_track(text: str) -> str:
    """A category as typed in a form: «ногти» or "nails" is the built-in nails; «Брови и ресницы» stays."""
    return _code_for(text, TRACK_LABELS)


def read_channel(text: str) -> str:
    """A preferred channel as typed on the card: «телефон», "WhatsApp" are built-in ones; others stay."""
    return _code_for(text, CHANNEL_LABELS)


def status_label(status: str) -> str:
    return _(VISIT_STATUS_LABELS.get(status, status))


def outcome_label(outcome: str) -> str:
    return _(OUTCOME_LABELS.get(outcome, outcome))


def asked_line(point: TalkingPointLine) -> str:
    """A talking point asked about, the day it was, and the client's answer if one was noted:
    «Свадьба — спросили 30 нояб. 2026 г.: «Всё прошло чудесно»»."""
    asked = day(point.asked_at.date()) if point.asked_at else ""
    if point.answer:
        return _("{text} — asked {day}: “{answer}”").format(text=point.text, day=asked, answer=point.answer)
    return _("{text} — asked {day}").format(text=point.text, day=asked)


def rhythm_lines(found: ClientCard) -> list[Line]:
    """Each track: every N±spread days (and why), the last visit, when due, and the tier."""
    lines = []
    for track in found.rhythm:
        spread = f"±{number(track.spread_days)}" if track.spread_days else ""  # ±0 says nothing
        source = _(SOURCE_LABELS.get(track.source, track.source))
        if track.source == "manual" and track.learned_days:
            source += "; " + _("learned {days}").format(days=number(track.learned_days))
        said = _("every {days}{spread} days ({source}), last {last}, due {due}").format(
            days=number(track.interval_days), spread=spread, source=source,
            last=day(track.last_visit), due=day(track.due_on))
        lines.append(Line(((f"  {track_label(track.track)}: {said}", ""),
                           (" — " + _(TIER_LABELS.get(track.tier, track.tier)), track.tier))))
    return lines


def chances_parts(chances: tuple[float, float | None] | None, gender: str | None) -> tuple[str, ...]:
    """The return model's two chances as a master reads them: «шанс, что вернётся сама: 35 %»,
    «ещё клиент: 80 %» (the second not after a single visit); none while the book has none
    for her. A chance reads 1 % to 99 %: a model is never sure."""
    if chances is None:
        return ()
    comes_back, still = (None if p is None else min(max(p, 0.01), 0.99) for p in chances)
    said = by_gender(gender, N_("chance she comes back by herself: {percent}"),
                     N_("chance he comes back by himself: {percent}"),
                     N_("chance of coming back without a call: {percent}"))
    parts = (_(said).format(percent=percent(comes_back, 0)),)
    if still is None:
        return parts
    return (*parts, _("still a client: {percent}").format(percent=percent(still, 0)))


def chances_said(chances: tuple[float, float | None] | None, gender: str | None) -> str:
    """The chances on one line, as the card shows them: «шанс, что вернётся сама: 35 % · ещё клиент: 80 %»."""
    return " · ".join(chances_parts(chances, gender))


def _section(title: str, lines: list[Line]) -> list[Line]:
    return [_line(""), _line(title, "heading"), *lines]


def card_lines(found: ClientCard, region: str, *, full: bool = False) -> list[Line]:
    """The card, alerts first, then who they are, what was agreed, the rhythm, what they
    like and what to ask. `full` adds what the screens show on their own tabs: the other
    ways to reach them, where they came from, and the latest visits and calls."""
    lines = []
    if found.archived_at:
        lines.append(_line(closed(_("Archived on {day}.").format(day=day(found.archived_at.date()))), "archived"))
    if found.alerts:
        lines.append(_line(f"⚠ {found.alerts}", "alert"))
    if found.do_not_contact:
        lines.append(_line(_("Do not contact"), "flag"))
    if found.pushes_for_discounts:
        lines.append(_line(discounts_flag(), "flag"))
    lines.append(Line(((found.name, "name"),
                       (f"  #{found.id}" + (f" · {found.external_id}" if found.external_id else ""), ""))))
    details = [(_("Address as"), found.address_as), (_("Phone"), format_phone(found.phone, region))]
    if full:
        details += [(_("Other phone"), format_phone(found.phone_alt, region)),
                    (_("E-mail"), found.email or ""),
                    (_("Messengers"), ", ".join(f"{channel_label(k)}: {v}" for k, v in found.messengers.items())),
                    (_("Preferred channel"), channel_label(found.preferred_channel))]
    details.append((_("Birthday"), birthday(found.birthday)))
    if full:
        details += [(_("Came from"), found.source or ""), (_("Referred by"), found.referred_by or "")]
    details += [(_("Preferred master"), found.preferred_master or ""), (_("Tags"), ", ".join(found.tags))]
    lines += [_line(f"{label}: {value}") for label, value in details if value]
    if found.open_complaints:  # before the rest: what the studio still owes her
        lines += _section(_("Open complaints"), [_line(f"• {text}", "alert") for text in found.open_complaints])
    if found.expectations:
        lines += _section(_("Agreed"), [_line(found.expectations)])
    rhythm = []
    if found.interval_override_days:
        rhythm.append(_line(_("Comes every {days} days (set by hand).").format(
            days=found.interval_override_days)))
    rhythm += rhythm_lines(found) or [_line(_("No completed visits yet."))]
    if found.chances:
        rhythm.append(_line("  " + chances_said(found.chances, found.said_gender)))
    if found.booked_until:
        booked = by_gender(found.said_gender, N_("She is booked ahead until {day}: coming, not due."),
                           N_("He is booked ahead until {day}: coming, not due."),
                           N_("Booked ahead until {day}: coming, not due."))
        rhythm.append(_line(_(booked).format(day=day(found.booked_until))))
    lines += _section(_("Rhythm"), rhythm)
    last = [v for v in found.visits if v.status == "done"][:LAST_VISITS]
    if last and not full:  # the full card lists every visit below
        lines += _section(_("Last visits"), [line for v in last for line in _visit_lines(v)])
    if found.talking_points or found.preferences:
        lines += _section(_("Preferences and talking points"),
                          [_line(f"• {p.topic + ': ' if p.topic else ''}{p.text}") for p in found.preferences]
                          + [_line(f"? {t.text} ({day(t.noted_on)})") for t in found.talking_points
                             if t.asked_at is None]
                          + [_line("✓ " + asked_line(t)) for t in found.talking_points if t.asked_at])
    loyalty = [_line(course_line(course)) for course in found.courses]
    if found.bonus_balance:
        loyalty.append(_line(balance_sentence(found.bonus_balance)))
    if loyalty:
        lines += _section(_("Courses and bonuses"), loyalty)
    if found.notes:
        lines += _section(_("Notes"), [_line(found.notes)])
    if full and found.visits:
        lines += _section(_("Visits"), _history([_visit_lines(v, signed=True) for v in found.visits]))

    if full and found.contacts:
        lines += _section(_("Calls"), _history([[_contact_line(c)] for c in found.contacts]))
    return lines


def course_line(course: Course) -> str:
    """«Абонемент «Массаж спины»: осталось сеансов — 3 из 10, до 12 дек. 2026 г.»"""
    line = _("Course {title}: {left} of {total} sessions left").format(
        title=quoted(course.title), left=course.sessions_left, total=course.sessions_total)
    if course.valid_until:
        line += _(", until {day}").format(day=day(course.valid_until))
    if course.gift_from:
        line += _(" (a gift from {giver})").format(giver=course.gift_from)
    return line


def points_said(points: int) -> str:
    """«450 бонусов», «1 бонус»."""
    return ngettext("{n} bonus point", "{n} bonus points", abs(points)).format(n=points)


def balance_sentence(points: int) -> str:
    return _("Bonus balance: {points}.").format(points=points_said(points))


def discounts_flag() -> str:
    return _("Pushes for discounts")


def discounts_warning() -> str:
    """Where an offer is made to a client flagged as one who pushes for discounts."""
    return _("Pushes for discounts: offer the usual terms, not a new discount.")


def _history(entries: list[list[Line]]) -> list[Line]:
    """The latest entries (newest first, as the card holds them), and how many more there are."""
    shown = [line for entry in entries[:HISTORY_SHOWN] for line in entry]
    if len(entries) > HISTORY_SHOWN:
        shown.append(_line(_("  …and {n} more").format(n=len(entries) - HISTORY_SHOWN)))
    return shown


def _joined(*parts: str) -> str:
    return "  ".join(part for part in parts if part)


def _visit_lines(visit: VisitLine, signed: bool = False) -> list[Line]:
    """The visit's line and what it recorded; `signed`, in the history: who wrote it too."""
    lines = [_line("  " + _joined(table_moment(visit.starts_at), status_label(visit.status),
                                  ", ".join(visit.services), visit.master or "",
                                  money(visit.price_cents), visit.written_by if signed else ""))]
    return lines + [_line(f"      {said}") for said in visit_records(visit)]


def visit_records(visit: VisitLine) -> list[str]:
    """What the visit recorded, a line each, as «Формула: Igora 7-1»; the mark as «Оценка: 5 из 5»."""
    said = [f"{_(RECORD_LABELS[name])}: {getattr(visit, name)}" for name in RECORDS[:3] if getattr(visit, name)]
    if visit.satisfaction:
        said.append(_("{label}: {mark} of 5").format(label=_(RECORD_LABELS["satisfaction"]), mark=visit.satisfaction))
    return said + [f"{_(RECORD_LABELS[name])}: {getattr(visit, name)}" for name in RECORDS[3:] if getattr(visit, name)]


def _contact_line(contact: ContactLine) -> Line:
    return _line("  " + contact_text(contact))


def contact_text(contact: ContactLine) -> str:
    """«30.11.2026 19:41  звонок  недозвон  Зал · Ирина»: when, how, the outcome, its details."""
    details = day(contact.callback_on) if contact.callback_on else contact.reason_name
    return _joined(table_moment(contact.at), channel_label(contact.channel), outcome_label(contact.outcome),
                   details, contact.note or "", contact.written_by)
