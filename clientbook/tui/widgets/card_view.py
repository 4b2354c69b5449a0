"""The card's first page: what must be seen before anything else, and the rhythm per track."""
from __future__ import annotations

from rich.text import Text

from clientbook.domain.text import format_phone
from clientbook.i18n import N_, _, birthday, day
from clientbook.services.records import ClientCard

VISIT_STATUS_LABELS = {"planned": N_("booked"), "tentative": N_("pencilled"), "done": N_("done"),
                      "no_show": N_("no-show"), "cancelled": N_("cancelled")}
TIER_LABELS = {"not_due": N_("not yet due"), "due_soon": N_("due soon"), "due": N_("due"),
               "at_risk": N_("at risk"), "lost": N_("lost")}
SOURCE_LABELS = {"manual": N_("set by hand"), "learned": N_("learned from visits"),
                 "service": N_("the service's default"), "studio": N_("the studio's default")}
TIER_STYLES = {"due": "yellow", "at_risk": "bold yellow", "lost": "red"}


def status_label(status: str) -> str:
    return _(VISIT_STATUS_LABELS.get(status, status))


def rhythm_lines(found: ClientCard) -> Text:
    text = Text()
    for track in found.rhythm:
        spread = f"±{track.spread_days:g}" if track.spread_days else ""  # ±0 says nothing
        source = _(SOURCE_LABELS.get(track.source, track.source))
        if track.source == "manual" and track.learned_days:
            source += "; " + _("learned {days}").format(days=f"{track.learned_days:g}")
        text.append(f"  {track.track}: ")
        text.append(_("every {days}{spread} days ({source}), last {last}, due {due}").format(
            days=f"{track.interval_days:g}", spread=spread, source=source,
            last=day(track.last_visit), due=day(track.due_on)))
        text.append(" — " + _(TIER_LABELS.get(track.tier, track.tier)) + "\n",
                    style=TIER_STYLES.get(track.tier, ""))
    return text


def overview_text(found: ClientCard, region: str) -> Text:
    """Alerts first; names and notes appended as plain text, never read as markup."""
    text = Text()
    if found.archived_at:
        text.append(_("Archived on {day}: restore it with u.").format(day=day(found.archived_at.date()))
                    + "\n", style="bold magenta")
    if found.alerts:
        text.append(f"⚠ {found.alerts}\n", style="bold red")
    if found.do_not_contact:
        text.append(_("Do not contact") + "\n", style="bold")
    text.append(f"{found.name}", style="bold")
    text.append(f"  #{found.id}" + (f" · {found.external_id}" if found.external_id else "") + "\n")
    for label, value in ((_("Address as"), found.address_as),
                         (_("Phone"), format_phone(found.phone, region)),
                         (_("Birthday"), birthday(found.birthday)),
                         (_("Preferred master"), found.preferred_master or ""),
                         (_("Tags"), ", ".join(found.tags))):
        if value:
            text.append(f"{label}: {value}\n")
    if found.expectations:
        text.append("\n" + _("Agreed") + "\n", style="bold underline")
        text.append(found.expectations + "\n")
    text.append("\n" + _("Rhythm") + "\n", style="bold underline")
    if found.interval_override_days:
        text.append(_("Comes every {days} days (set by hand; i to change).").format(
            days=found.interval_override_days) + "\n")
    text.append_text(rhythm_lines(found))
    if not found.rhythm:
        text.append(_("No completed visits yet.") + "\n")
    if found.booked_until:
        text.append(_("Booked ahead until {day}: coming, not due.").format(day=day(found.booked_until)) + "\n")
    open_points = [t for t in found.talking_points if t.asked_at is None]
    if open_points or found.preferences:
        text.append("\n" + _("Preferences and talking points") + "\n", style="bold underline")
        text.append("".join(f"• {p.topic + ': ' if p.topic else ''}{p.text}\n" for p in found.preferences))
        text.append("".join(f"? {t.text} ({day(t.noted_on)})\n" for t in open_points))
    if found.notes:
        text.append("\n" + _("Notes") + "\n", style="bold underline")
        text.append(found.notes + "\n")
    return text
