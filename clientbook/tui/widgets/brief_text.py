"""The brief as the screens show it: alerts first, then what a master needs in one minute."""
from __future__ import annotations

from rich.text import Text

from clientbook.domain.text import format_phone
from clientbook.i18n import _, day, money
from clientbook.services.brief import Brief, birthday_soon
from clientbook.services.card_text import balance_sentence, chances_parts, course_line, visit_records


def _heading(text: Text, title: str) -> None:
    text.append("\n" + title + "\n", style="bold underline")


def brief_text(brief: Brief, region: str, script: tuple[str, ...] = (), warning: str = "",
               script_heading: str = "") -> Text:
    """Names, notes and records are appended as plain text: never read as markup."""
    text = Text()
    if brief.alerts:
        text.append(f"⚠ {brief.alerts}\n", style="bold red")
    text.append(brief.name + "\n", style="bold")
    # The phone on its own line: Rich wraps at any whitespace, a no-break space too, so
    # "name  8 (916) 123-45-67" in a narrow panel split the number across lines.
    if brief.phone:
        text.append(format_phone(brief.phone, region) + "\n")
    text.append(_("Address as: {name}").format(name=brief.address_as) + "\n")
    # a line each: a narrow brief wrapped «ещё клиент» in two
    text.append("".join(f"{part}\n" for part in chances_parts(brief.chances, brief.gender)))
    if brief.open_complaints:  # first after who she is: what the studio still owes her
        _heading(text, _("Open complaints"))
        text.append("".join(f"• {complaint}\n" for complaint in brief.open_complaints), style="yellow")
    if warning:
        text.append(warning + "\n", style="yellow")
    if script:
        _heading(text, script_heading or _("Script"))
        text.append("".join(f"{line}\n" for line in script))  # quoted as the language writes quotes
    if brief.expectations:
        _heading(text, _("Agreed"))
        text.append(brief.expectations + "\n")
    if brief.ask_next_time:
        _heading(text, _("Ask about"))
        text.append("".join(f"• {point.text}\n" for point in brief.ask_next_time))
    if brief.last_visits:
        _heading(text, _("Last visits"))
        for visit in brief.last_visits:
            # The price beside the date and the rest below: a price at the line's end was cut in two.
            price = money(visit.price_cents)
            text.append(f"{day(visit.starts_at.date())}" + (f"  {price}" if price else "") + "\n")
            text.append("  " + "  ".join(part for part in (", ".join(visit.services), visit.master or "") if part)
                        + "\n")
            for record in visit_records(visit):  # formula, materials, notes, what she liked…
                text.append(f"    {record}\n", style="italic")
    if brief.courses or brief.bonus_balance:
        _heading(text, _("Courses and bonuses"))
        text.append("".join(f"{course_line(course)}\n" for course in brief.courses))
        if brief.bonus_balance:
            text.append(balance_sentence(brief.bonus_balance) + "\n")
    if brief.preferences:
        _heading(text, _("Preferences"))
        text.append("".join(f"• {p}\n" for p in brief.preferences))
    if brief.birthday_in_days is not None:
        text.append("\n" + birthday_soon(brief.birthday_in_days) + "\n")
    return text
