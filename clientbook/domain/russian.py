"""Russian grammar from pymorphy3's dictionaries, not from tables of our own: the case a
word takes after its preposition or verb, and a client's gender from her name.

pymorphy3 is loaded on the first word asked for (40 ms, about 15 MB): an English
interface and the scripted commands that speak no Russian never load it. A patronymic
tells the gender by its ending, so a card with one (`clientbook show`, the call script in
English) is read without loading it: the rule agrees with the dictionary on every one of
its 16,199 patronymics (Ивановна, Ильинична, Саввишна; Иванович, Ильич, Иваныч).
"""
from __future__ import annotations

import os
from functools import cache

# Cases as pymorphy3 names them: nomn (кто? что?), gent (кого? чего?), datv (кому?),
# accs (кого? что? — «предложить среду»), ablt (кем?), loct (о ком?).
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
FEMALE, MALE = "f", "m"
PATRONYMIC_ENDINGS = {FEMALE: ("вна", "чна", "шна"), MALE: ("ич", "ыч")}


@cache
def _morph():
    import pymorphy3
    import pymorphy3_dicts_ru

    # The dictionary named, not looked for among every installed package's entry points (15 ms).
    path = os.environ.get(pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE) or pymorphy3_dicts_ru.get_path()
    return pymorphy3.MorphAnalyzer(path, lang="ru")


def _like(original: str, inflected: str) -> str:
    """The inflected word written as the original was: «Среда» → «Среду», «СРЕДА» → «СРЕДУ»."""
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def inflect(word: str, case: str, *, tag: str = "") -> str:
    """`word`, a nominative, in `case`; with `tag` (e.g. "Name", "Patr", "Surn"), read as that
    kind of word first. A word the dictionary cannot put in that case is left as it is."""
    assert case in CASES
    parses = _morph().parse(word)
    if tag:
        parses = [p for p in parses if tag in p.tag] or parses
    # What is inflected is a nominative (a name on a card, a weekday): «Валерия» is her name,
    # not Валерий's genitive, so «Валерии», not «Валерию».
    parses.sort(key=lambda p: "nomn" not in p.tag)
    for parse in parses:
        form = parse.inflect({case})
        if form is not None:
            return _like(word, form.word)
    return word


def gender(first_name: str, patronymic: str = "") -> str | None:
    """FEMALE or MALE as the name tells, the patronymic first (Викторовна, Ильич); None when
    it does not tell (Саша, Женя, a name the dictionary does not know)."""
    said = patronymic.strip().split(" ")[0].lower() if patronymic else ""
    for sex, endings in PATRONYMIC_ENDINGS.items():
        if said.endswith(endings):
            return sex
    return gender_in_dictionary(first_name, patronymic)


def gender_in_dictionary(first_name: str, patronymic: str = "") -> str | None:
    """`gender` as the dictionary alone tells it."""
    for word, tag in ((patronymic, "Patr"), (first_name, "Name")):
        word = word.strip().split(" ")[0] if word else ""
        if not word:
            continue
        # a name on a card is in the nominative: «Валентина» is not Валентин's genitive
        found = {p.tag.gender for p in _morph().parse(word) if tag in p.tag and "nomn" in p.tag}
        if found == {"femn"}:
            return FEMALE
        if found == {"masc"}:
            return MALE
    return None


def address_in(address: str, case: str) -> str:
    """A form of address (a first name, «Елена Викторовна») in `case`: «Елене Викторовне».
    Words the dictionary does not know as names are left as they are."""
    words = address.split()
    if not words:
        return address
    first, *rest = words
    said = [_name_word(first, case, "Name")]
    said += [_name_word(word, case, "Patr") for word in rest]
    return " ".join(said)


def _name_word(word: str, case: str, tag: str) -> str:
    if not any(tag in p.tag for p in _morph().parse(word)):
        return word  # a foreign name, a nickname: as written
    return inflect(word, case, tag=tag)
