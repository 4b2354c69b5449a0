"""Textual's footer, rebuilt only when the keys it shows change.

Textual's Footer remounts every key whenever a screen's bindings are announced as
changed: on every screen switch and every move of the focus, even when the same keys come
back. Remounting some fifteen keys and restyling each was a third of a screen switch.
"""
from __future__ import annotations

from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._showing: tuple | None = None  # the keys as last composed

    def bindings_changed(self, screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            keys = tuple((binding.key, binding.description, binding.action, enabled, tooltip)
                         for _node, binding, enabled, tooltip in screen.active_bindings.values()
                         if binding.show)
            if keys == self._showing:
                return
            self._showing = keys
        super().bindings_changed(screen)
