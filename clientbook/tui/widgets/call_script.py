"""The brief and the call script beside the selected call (services/call_script.py says what)."""
from __future__ import annotations

from rich.text import Text

from clientbook.services.brief import Brief
from clientbook.services.call_script import CallScript, script_lines
from clientbook.tui.widgets.brief_text import brief_text


def call_brief_text(script: CallScript, found: Brief, region: str, held: str = "") -> Text:
    """The panel beside the list: alerts first, then the script, then what to remember;
    `held` says another desk has her open."""
    warning = " ".join(part for part in (held, script.warning) if part)
    return brief_text(found, region, script_lines(script), warning, script.heading)
