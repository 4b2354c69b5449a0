"""Codes as people type them: a visit's status, a call's outcome, a kind of data, yes or no.

The one reader for an imported file's cells and the command line's words (`log-call
--outcome Недозвон`, `visit-status 12 неявка`): the code itself, its label in either
language, or a word an admin or a salon system uses for it; any case, ё = е, `_` = space.
"""
from __future__ import annotations

from dataclasses import dataclass

from clientbook.domain.speech import quoted
from clientbook.domain.text import clean_line, fold
from clientbook.i18n import N_, _
from clientbook.services.card_text import OUTCOME_LABELS, VISIT_STATUS_LABELS
from clientbook.services.import_files import KIND_NAMES, KINDS
from db.models import OUTCOMES, VISIT_STATUSES

YES = {"yes", "y", "1", "true", "да", "д", "+"}
NO = {"no", "n", "0", "false", "нет", "н", "-"}
# Words a salon system or an admin uses for a visit's status and a call's outcome.
STATUS_WORDS = {
    "done": ["выполнен", "выполнено", "выполнена", "пришел", "пришла", "пришли", "завершен",
             "завершено", "оплачен", "оплачено", "состоялся", "состоялась", "состоялось", "completed"],
    "planned": ["запланирован", "запланировано", "записан", "записана", "ожидается",
                "ожидание", "подтвержден", "подтверждено", "booked", "confirmed"],
    "tentative": ["предварительно", "предварительная", "предварительный", "не подтвержден", "pencilled"],
    "no_show": ["не пришел", "не пришла", "не пришли", "неявка", "no-show", "no show"],
    "cancelled": ["отменен", "отменена", "отменено", "отмена", "canceled"],
}
OUTCOME_WORDS = {
    "booked": ["записан", "записана", "записали", "записался", "записалась", "запись"],
    "no_answer": ["не ответил", "не ответила", "нет ответа", "недозвон", "не дозвонились",
                  "no answer"],
    "left_message": ["оставлено сообщение", "оставили сообщение", "сообщение", "left message",
                     "left a message"],
    "callback": ["перезвонить", "перезвон", "call back"],
    "declined": ["отказ", "отказался", "отказалась"],
    "wrong_number": ["неверный номер", "не тот номер", "чужой номер", "wrong number"],
    "do_not_contact": ["не звонить", "не беспокоить", "do not contact"],
}
KIND_WORDS = {"clients": ["клиенты", "клиент"], "visits": ["визиты", "визит"],
              "contacts": ["звонки", "звонок", "обзвон", "calls"]}
# What `forget` does with the backups that still hold the client.
BACKUP_CHOICES = ("ask", "purge", "drop", "keep")
BACKUP_LABELS = {"ask": N_("ask"), "purge": N_("purge"), "drop": N_("drop"), "keep": N_("keep")}
BACKUP_WORDS = {"ask": ["спросить"], "purge": ["стереть"], "drop": ["удалить"], "keep": ["оставить"]}


@dataclass(frozen=True)
class Codes:
    """A set of codes, the words read as each, and the label each is said with."""

    codes: tuple[str, ...]
    words: dict[str, list[str]]
    labels: dict[str, str]  # msgids
    refusal: str  # msgid: {text} is none of {choices}

    def label(self, code: str) -> str:
        return _(self.labels.get(code, code))

    def read(self, text: str) -> str | None:
        """The code `text` names, or None."""
        value = " ".join(fold(clean_line(text)).replace("_", " ").split())
        for code in self.codes:
            said = {code.replace("_", " "), fold(self.labels.get(code, code)), fold(self.label(code))}
            if value in said or value in self.words.get(code, ()):
                return code
        return None

    def choices(self) -> str:
        return ", ".join(self.label(code) for code in self.codes)

    def refused(self, text: str) -> str:
        return _(self.refusal).format(text=quoted(clean_line(text)), choices=self.choices())


STATUSES = Codes(VISIT_STATUSES, STATUS_WORDS, VISIT_STATUS_LABELS,
                 N_("{text} is not a visit's status (one of: {choices})."))
OUTCOMES_SAID = Codes(OUTCOMES, OUTCOME_WORDS, OUTCOME_LABELS,
                      N_("{text} is not a call's outcome (one of: {choices})."))
KINDS_SAID = Codes(KINDS, KIND_WORDS, KIND_NAMES, N_("{text} is not a kind of data (one of: {choices})."))
BACKUPS_SAID = Codes(BACKUP_CHOICES, BACKUP_WORDS, BACKUP_LABELS,
                     N_("{text} is not what to do with the backups (one of: {choices})."))


def read_yes_no(text: str) -> bool | None:
    value = fold(clean_line(text))
    return True if value in YES else False if value in NO else None
