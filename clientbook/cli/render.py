"""Plain-text output for the shell: tables and the client card."""
from __future__ import annotations

import unicodedata

from clientbook.domain.text import format_phone
from clientbook.services.records import ClientCard


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def money(cents: int | None) -> str:
    return "" if cents is None else f"{cents / 100:,.0f}".replace(",", " ")


def card_text(card: ClientCard, region: str = "RU") -> str:
    out = [f"{card.name}  (#{card.id}" + (f", studio id {card.external_id})" if card.external_id else ")")]
    if card.archived_at:
        out.append(f"ARCHIVED {card.archived_at:%Y-%m-%d}")
    if card.alerts:
        out.append(f"!! ALERTS: {card.alerts}")
    if card.do_not_contact:
        out.append("Do not contact")
    fields = [
        ("Address as", card.address_as),
        ("Phone", format_phone(card.phone, region)),
        ("Other phone", format_phone(card.phone_alt, region)),
        ("E-mail", card.email or ""),
        ("Messengers", ", ".join(f"{k}: {v}" for k, v in card.messengers.items())),
        ("Preferred channel", card.preferred_channel or ""),
        ("Birthday", card.birthday or ""),
        ("Source", card.source or ""),
        ("Referred by", card.referred_by or ""),
        ("Preferred master", card.preferred_master or ""),
        ("Tags", ", ".join(card.tags)),
        ("Usual interval", f"{card.interval_override_days} days (set by hand)" if card.interval_override_days else ""),
        ("Expectations", card.expectations),
        ("Notes", card.notes),
    ]
    out += [f"{label}: {value}" for label, value in fields if value]
    if card.preferences:
        out.append("Preferences:")
        out += [f"  - {p.topic + ': ' if p.topic else ''}{p.text}" for p in card.preferences]
    if card.rhythm:
        out.append("Rhythm:")
        for t in card.rhythm:
            learned = ""
            if t.source == "manual" and t.learned_days:
                learned = f", learned {t.learned_days:g}"
            spread = f"±{t.spread_days:g}" if t.spread_days is not None else ""
            out.append(
                f"  {t.track}: every {t.interval_days:g}{spread} days ({t.source}{learned}), "
                f"last {t.last_visit}, due {t.due_on} — {t.tier.replace('_', ' ')}"
            )
    if card.booked_until:
        out.append(f"Booked ahead until {card.booked_until}: coming, not due.")
    open_points = [t for t in card.talking_points if t.asked_at is None]
    if open_points:
        out.append("Talking points:")
        out += [f"  - {'[ask] ' if t.ask_next_time else ''}{t.text} ({t.noted_on})" for t in open_points]
    if card.visits:
        out.append(f"Visits ({len(card.visits)}):")
        for v in card.visits[:10]:
            line = f"  {v.starts_at:%Y-%m-%d %H:%M}  {v.status:<9} {', '.join(v.services)}"
            line += f"  {v.master or ''}  {money(v.price_cents)}".rstrip()
            out.append(line)
            for label, value in (("formula", v.formula), ("materials", v.materials), ("notes", v.notes)):
                if value:
                    out.append(f"      {label}: {value}")
    if card.contacts:
        out.append(f"Calls ({len(card.contacts)}):")
        for c in card.contacts[:10]:
            extra = f" until {c.callback_on}" if c.callback_on else ""
            extra += f" ({c.reason})" if c.reason else ""
            out.append(f"  {c.at:%Y-%m-%d %H:%M}  {c.channel} {c.outcome}{extra}  {c.note}".rstrip())
    return "\n".join(out)
