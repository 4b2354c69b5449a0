"""Completing a master's or a service's name from the studio's list as it is typed.

Textual's SuggestFromList, matching the way the visit form does on save (services.visits):
any case, ё = е, by the start of a name. `several`: a line of names separated by commas,
the last one completed.
"""
from __future__ import annotations

from textual.suggester import SuggestFromList

from clientbook.domain.text import fold


class SuggestNames(SuggestFromList):
    def __init__(self, names, *, several: bool = False):
        super().__init__(names, case_sensitive=True)  # the value as typed; folded here
        self.several = several
        self._folded = [fold(name) for name in self._suggestions]

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2] if self.several else value
        typed = last.lstrip()
        if not typed:
            return None
        key = fold(typed)
        for name, folded in zip(self._suggestions, self._folded):
            if folded.startswith(key):
                # The names before it are kept as typed; Right takes the name as the list has it.
                return value[: len(value) - len(typed)] + name
        return None
