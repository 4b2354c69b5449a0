"""Enter in a form of fields: the next field, or, from the last one, save.

Enter is the form's own key (a priority binding), not each field's: it moves the focus
while the key is handled, so what is typed straight after it, by a fast hand or a paste,
lands in the next field. Left to each field, Enter was answered only after the keys that
followed it had gone to the same field: «Орлова Вера89161112233».

Each field still works through the keys it was given after the focus left it, so a save
reads the fields only once every one of them has (after_typing): a save in the same burst
read «Иванова Вал».
"""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

ENTER_MOVES_ON = Binding("enter", "next_field", show=False, priority=True)


class EnterMovesOn:
    """A form screen of Inputs with ENTER_MOVES_ON among its BINDINGS, and action_save,
    which reads the fields through after_typing."""

    def action_next_field(self) -> None:
        if self.focused is not None and self.focused is self.query(Input).last():
            self.action_save()
        else:
            self.focus_next()

    def after_typing(self, then) -> None:
        """`then()` once every field has taken the keys already sent to it: a callback waits
        at the end of each field's queue, behind its keys, and the last one to run calls it."""
        fields = list(self.query(Input))
        waiting = len(fields)

        def settled() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                then()

        for field in fields:
            field.call_later(settled)
