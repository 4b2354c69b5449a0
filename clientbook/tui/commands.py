"""The command palette (ctrl+p) reaches every action: each key of the screen is a command."""
from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

from clientbook.i18n import _


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
