"""What to say: the brief and the call script beside the selected call, and the message text.

Greet by the form of address the client prefers, remind them when and what they last
had, offer two concrete slots; for a win-back, ask why and what would bring them back.
"""
from __future__ import annotations

from datetime import datetime

from rich.text import Text

from clientbook.i18n import N_, _, day, slot
from clientbook.services.brief import Brief
from clientbook.services.calls import CallItem
from clientbook.tui.widgets.brief_text import brief_text

REASON_LABELS = {
    "callback": N_("call back"), "confirm": N_("confirm"), "birthday": N_("birthday"),
    "due": N_("due"), "at_risk": N_("at risk"), "lost": N_("win back"),
}


def reason_label(reason: str) -> str:
    return _(REASON_LABELS.get(reason, reason))


def greeting(brief: Brief, studio: str) -> str:
    return _("{name}, hello! This is {studio}.").format(name=brief.address_as, studio=studio)


def occasion(item: CallItem, brief: Brief) -> str:
    last = brief.last_visits[0] if brief.last_visits else None
    what = ", ".join(last.services) if last else ""
    if item.reason == "confirm":
        return _("We have you pencilled in for {when}: shall we confirm?").format(
            when=slot(datetime.fromisoformat(item.when)))
    if item.reason == "callback":
        return _("You asked us to call you back today.")
    if item.reason == "birthday":
        return _("Happy birthday! We wish you all the best.")
    if item.reason == "lost":
        return _("We have missed you since {when}. May I ask why you stopped coming, and what "
                 "would make you come back?").format(when=day(item.last_visit, "long"))
    if last:
        return _("Your last visit was on {when} ({what}); it is time for the next one.").format(
            when=day(last.starts_at.date(), "long"), what=what)
    return ""


def offer(item: CallItem, brief: Brief) -> str:
    if item.reason in ("confirm", "callback"):
        return ""
    # The slots are free ones, read with the brief (brief(..., with_offer=True)).
    if len(brief.offer) >= 2:
        return _("We can offer {first} or {second}.").format(first=slot(brief.offer[0]), second=slot(brief.offer[1]))
    if brief.offer:
        return _("We can offer {first}.").format(first=slot(brief.offer[0]))
    return ""


def message_text(item: CallItem, brief: Brief, studio: str) -> str:
    """The text for a messenger: greeting by name, the occasion, the offer."""
    return " ".join(p for p in (greeting(brief, studio), occasion(item, brief), offer(item, brief)) if p)


def call_brief_text(item: CallItem, brief: Brief, studio: str, region: str) -> Text:
    """The panel beside the list: alerts first, then the script, then what to remember."""
    warning = _("Two messages went unanswered: call in person.") if item.next_step == "call" else ""
    script = tuple(line for line in (greeting(brief, studio), occasion(item, brief),
                                     offer(item, brief)) if line)
    return brief_text(brief, region, script, warning)
