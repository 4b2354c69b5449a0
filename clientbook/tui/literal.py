"""User text, shown as it was written: the one way a name, a note or a file name reaches a widget.

Textual reads a plain string as content markup almost everywhere it is shown (a Static or
a Label, a DataTable cell, an OptionList option, a notification): "[b]Ann[/b]" would turn
bold and lose its brackets, and a lone "[/]" fails to parse and stops the screen. A
rich.text.Text is never parsed, so anything that may hold what a person or a file typed
goes through `literal`. Our own styles go on the whole of it, never come from inside it:
`literal(name, style="bold red")`. Mixed text (our styled headings, a client's notes) is a
Text built with Text.append(part, style=ours), which never reads markup either (see
widgets/brief_text.py).

Nor does a control character reach the terminal from it: ESC (OSC 52 writes the clipboard,
CSI moves and clears), BEL and C1 show as visible signs ("␛", "␇"), through
domain.text.printable. A name from a book restored from elsewhere may hold them.

notify() takes a string only: a notification says `markup=False` instead; its control
characters are to be made visible in one place, the app's notify (see
tests/reliability/test_output_safety.py).
"""
from __future__ import annotations

from rich.text import Text

from clientbook.domain.text import printable


def literal(text: object, style: str = "") -> Text:
    """`text` exactly as written (None: nothing; control characters shown, not obeyed), in
    one of our own styles if given."""
    return Text("" if text is None else printable(str(text)), style=style, end="")
