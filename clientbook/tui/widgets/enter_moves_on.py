"""Enter in a form of fields: the next field, or, from the last one, save.

Enter is the form's own key (a priority binding), not each field's: it moves the focus
while the key is handled, so what is typed straight after it, by a fast hand or a paste,
lands in the next field. Left to each field, Enter was answered only after the keys that
followed it had gone to the same field: «Орлова Вера89161112233».
"""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

ENTER_MOVES_ON = Binding("enter", "next_field", show=False, priority=True)


class EnterMovesOn:
    """A form screen of Inputs with ENTER_MOVES_ON among its BINDINGS, and action_save."""

    def action_next_field(self) -> None:
        if self.focused is not None and self.focused is self.query(Input).last():
            self.action_save()
        else:
            self.focus_next()
