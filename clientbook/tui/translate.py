"""Key bindings are declared on classes (in English); their labels are translated per instance.

Textual reads BINDINGS when a class is created, before the language is chosen, so each
app and screen translates its own copy of the bindings as it is made, and again when
the language changes (always from the class's English, so it can be done any time).
"""
from __future__ import annotations

import dataclasses

from clientbook.i18n import _


def translate_bindings(node) -> None:
    english = {(key, b.action): b.description for key, b in type(node)._merged_bindings}
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [dataclasses.replace(b, description=_(english.get((key, b.action), b.description)))
                      for b in bindings]
