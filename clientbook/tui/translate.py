"""Keys in the interface's language: ours, and those Textual's own widgets declare.

Bindings are declared on classes, in English: ours (with N_ for the catalog) and Textual's
(a table's "Cursor up", a field's "Delete character left", Tab's "Focus Next"…). The footer,
F1's key list and the command palette all read them from one place, a screen's
`active_bindings`; a screen of the book (KeysInLanguage) hands them over translated there,
at the moment they are read. So a Textual widget needs no subclass, a language changed in
F9 needs no relabelling, and the English stays on the classes for the next reading.

Textual's own words are listed below, marked for the catalog; tests/ui/test_keys.py checks
the list still covers every binding of the widgets the screens use.
"""
from __future__ import annotations

import dataclasses

from textual.binding import ActiveBinding

from clientbook.i18n import N_, _

TEXTUAL_KEYS = (
    # App, Screen and every modal screen
    N_("Quit"), N_("Focus Next"), N_("Focus Previous"), N_("Copy selected text"),
    # DataTable
    N_("Cursor up"), N_("Cursor down"), N_("Cursor left"), N_("Cursor right"), N_("Home"), N_("End"),
    N_("Page up"), N_("Page down"), N_("Page Left"), N_("Page Right"), N_("Select"), N_("Top"), N_("Bottom"),
    # Input
    N_("Scroll Up"), N_("Scroll Down"), N_("Move cursor left"),
    N_("Move cursor right or accept the completion suggestion"), N_("Go to start"), N_("Go to end"),
    N_("Page Up"), N_("Page Down"), N_("Move cursor left and select"), N_("Move cursor left a word"),
    N_("Move cursor left a word and select"), N_("Move cursor right and select"), N_("Move cursor right a word"),
    N_("Move cursor right a word and select"), N_("Delete character left"), N_("Select all"),
    N_("Select line start"), N_("Select line end"), N_("Delete character right"), N_("Submit"),
    N_("Delete left to start of word"), N_("Delete all to the left"), N_("Delete right to start of word"),
    N_("Delete all to the right"), N_("Cut selected text"), N_("Paste text from the clipboard"),
    # TextArea
    N_("Cursor line start"), N_("Cursor line end"), N_("Cursor page up"), N_("Cursor page down"),
    N_("Cursor word left"), N_("Cursor word right"), N_("Cursor left word select"), N_("Cursor right word select"),
    N_("Cursor line start select"), N_("Cursor line end select"), N_("Cursor up select"), N_("Cursor down select"),
    N_("Cursor left select"), N_("Cursor right select"), N_("Select line"), N_("Cut"), N_("Copy"), N_("Paste"),
    N_("Delete to line start"), N_("Delete to line end"), N_("Delete line"), N_("Undo"), N_("Redo"),
    # OptionList, Select, Checkbox, Button, Tabs, the scrolling containers
    N_("Up"), N_("Down"), N_("Scroll Left"), N_("Scroll Right"), N_("First"), N_("Last"), N_("Toggle"),
    N_("Press button"), N_("Show menu"), N_("Dismiss menu"), N_("Previous tab"), N_("Next tab"),
    N_("Scroll Home"), N_("Scroll End"),
    # the command palette
    N_("Go to bottom"), N_("Go to top"), N_("Next command"), N_("Exit the command palette"), N_("Next page"),
    N_("Previous page"), N_("Previous command"), N_("Open the command palette"),
)
# The heading F1 puts over a widget's keys (Input's BINDING_GROUP_TITLE).
GROUP_TITLES = (N_("Input"),)


def translated(binding):
    """A binding with its description (and tooltip) in the interface's language."""
    return dataclasses.replace(binding, description=_(binding.description) if binding.description else "",
                               tooltip=_(binding.tooltip) if binding.tooltip else "")


class KeysInLanguage:
    """A screen whose keys the footer, F1 and the palette read in the interface's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found = super().active_bindings
        for node, _binding, _enabled, _tooltip in found.values():
            title = type(node).BINDING_GROUP_TITLE
            if title:
                node.BINDING_GROUP_TITLE = _(title)  # read by F1 from the widget itself
        return {key: ActiveBinding(node, translated(binding), enabled, _(tooltip) if tooltip else tooltip)
                for key, (node, binding, enabled, tooltip) in found.items()}
