"""The card's first page as Rich text: services.card_text's lines, coloured here."""
from __future__ import annotations

from rich.text import Text

from clientbook.services.card_text import card_lines
from clientbook.services.records import ClientCard

STYLES = {"archived": "bold magenta", "alert": "bold red", "flag": "bold", "name": "bold",
          "heading": "bold underline", "due": "yellow", "at_risk": "bold yellow", "lost": "red"}


def overview_text(found: ClientCard, region: str) -> Text:
    """Alerts first; names and notes appended as plain text, never read as markup."""
    text = Text()
    for line in card_lines(found, region):
        for part, kind in line.parts:
            text.append(part, style=STYLES.get(kind, ""))
        text.append("\n")
    return text
