"""The command palette (ctrl+p) reaches every action: each key of the screen is a command.

The palette itself speaks the interface's language: its placeholder, the line it shows when
nothing matches, and the keys of its own (KeysInLanguage).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from clientbook.i18n import N_, _
from clientbook.tui.translate import KeysInLanguage

SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for colour themes…")
NO_MATCHES = N_("No matches found")


class Palette(KeysInLanguage, CommandPalette):
    """Textual's command palette, in the interface's language."""

    def __init__(self, placeholder: str = SEARCH_COMMANDS, **options) -> None:
        super().__init__(placeholder=_(placeholder), **options)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual 8's own, but for its sentence: "No matches found" a moment after a query
        that finds nothing (the sentence is written inside Textual's; the palette test sees it)."""
        self._stop_no_matches_countdown()

        def say_nothing_found() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(_(NO_MATCHES), style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, say_nothing_found)


def key_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """The screen's and the app's own keys, as they are labelled in the footer.

    A widget's keys (a table's arrows, an input's editing keys) are left out, and so is a
    key the screen has switched off (the demo key on a full book); two keys for one action
    (F1 and ?) make one command.
    """
    seen = set()
    for _key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
        if not (isinstance(node, (App, Screen)) and enabled and binding.id and binding.description):
            continue  # only clientbook's own keys carry an id
        if binding.description in seen or binding.action == "command_palette":
            continue
        seen.add(binding.description)
        yield SystemCommand(binding.description, _("Key: {key}").format(key=app.get_key_display(binding)),
                            partial(app.run_action, binding.action, node))
    yield SystemCommand(_("Colours"), _("Choose the colour theme"), app.action_change_theme)
