"""Reading a person's name as a spreadsheet gives it, and writing it back.

Russian lists usually say «Фамилия Имя Отчество», phones say «Имя Фамилия». A patronymic
and a surname show themselves by their endings; a bare first name is the fallback.
"""
from __future__ import annotations

from dataclasses import dataclass

from clientbook.domain.text import clean_line, fold

_PATRONYMIC_ENDINGS = ("вич", "вна", "ична", "ич", "чна", "оглы", "кызы")
_SURNAME_ENDINGS = (
    "ова", "ева", "ов", "ев", "ский", "цкий", "ская", "цкая", "енко", "дзе", "швили", "ян",
)
# First names that end like surnames (Марина, Ирина...) and other common ones: a tie-break.
COMMON_FIRST_NAMES = frozenset(fold(name) for name in ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Марина", "Светлана", "Татьяна", "Екатерина", "Юлия", "Анастасия", "Дарья", "Ксения", "Алина", "Полина", "Виктория", "Кристина", "Валентина", "Галина", "Карина", "Ангелина", "Регина", "Нина", "Дина", "Арина", "Элина", "Евгения", "Людмила", "Надежда", "Вера", "Любовь", "Алла", "Жанна", "Софья", "София", "Алиса", "Вероника", "Александра", "Маргарита", "Диана", "Яна", "Валерия", "Милана", "Ульяна", "Лариса", "Оксана", "Инна", "Зарина", "Камила", "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Иван", "Максим", "Михаил", "Николай", "Павел", "Артём", "Роман", "Денис", "Евгений", "Игорь", "Олег", "Владимир", "Кирилл", "Никита", "Антон", "Илья", "Тимур", "Руслан", "Егор", "Константин", "Виктор", "Anna", "Maria", "Elena", "Olga", "Irina", "Marina", "Anastasia", "Daria", "Alexander", "Sergey", "Dmitry", "Ivan"])


@dataclass(frozen=True)
class NameParts:
    first: str
    last: str = ""
    patronymic: str = ""


def looks_like_patronymic(word: str) -> bool:
    return fold(word).endswith(_PATRONYMIC_ENDINGS) and len(word) > 4


def looks_like_surname(word: str) -> bool:
    folded = fold(word)
    return folded not in COMMON_FIRST_NAMES and folded.endswith(_SURNAME_ENDINGS)


def looks_like_first_name(word: str) -> bool:
    return fold(word) in COMMON_FIRST_NAMES


def split_full_name(text: str) -> NameParts:
    """Split "Иванова Анна Сергеевна", "Анна Иванова" or "Anna" into parts."""
    parts = clean_line(text).split(" ")
    parts = [p for p in parts if p]
    if not parts:
        return NameParts("")
    if len(parts) == 1:
        return NameParts(parts[0])
    if len(parts) >= 3 and looks_like_patronymic(parts[2]):
        return NameParts(parts[1], " ".join([parts[0], *parts[3:]]), parts[2])
    if len(parts) >= 3 and looks_like_patronymic(parts[1]):
        return NameParts(parts[0], " ".join(parts[2:]), parts[1])
    if len(parts) == 2 and not looks_like_first_name(parts[0]) and (
        looks_like_first_name(parts[1]) or looks_like_surname(parts[0])
    ):
        return NameParts(parts[1], parts[0])
    return NameParts(parts[0], " ".join(parts[1:]))


def full_name(first: str, last: str, patronymic: str = "") -> str:
    """The name as lists show it: surname first, as Russian studios keep their books."""
    return " ".join(p for p in (last, first, patronymic) if p)
