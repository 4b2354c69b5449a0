"""The studio's settings: one line each, with what it means; Enter saves, Escape puts back."""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from clientbook.errors import UserError
from clientbook.i18n import N_, _, set_language
from clientbook.services.settings import all_settings, change_setting, get_setting, setting_shown
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.widgets.steady_footer import SteadyFooter

# (key, label, what it means), in the order shown; the rhythm first, then the call list.
FIELDS = [
    ("tier_due_soon", N_("Due soon"), N_("× the client's usual interval: from here, due soon.")),
    ("tier_due", N_("Due"), N_("× the usual interval: from here, due for a call.")),
    ("tier_at_risk", N_("At risk"), N_("× the usual interval: from here, at risk of leaving.")),
    ("tier_lost", N_("Lost"), N_("× the usual interval: from here, counted as lost.")),
    ("studio_interval_days", N_("Studio interval, days"),
     N_("When neither the client nor the service has an interval.")),
    ("cooldown_days", N_("Cool-down, days"), N_("Wait this long before calling the unreached again.")),
    ("attempt_limit", N_("Attempts per cycle"), N_("Unanswered attempts, then the list stops offering.")),
    ("daily_cap", N_("Calls per day"), N_("Calls in a day, besides call-backs (0: no cap).")),
    ("confirm_days", N_("Confirm, days before"), N_("Pencilled bookings are confirmed this many days ahead.")),
    ("winback_min_visits", N_("Win back from, visits"),
     N_("Win back lost clients who came at least this often.")),
    ("default_region", N_("Phone region"), N_("For phones without a country code: RU, BY, KZ…")),
    ("margin_percent", N_("Margin, %"), N_("For lifetime value; empty: the reports show revenue.")),
    ("backups_kept", N_("Daily backups kept"), N_("Copies of the book in backups/, one a day.")),
    ("studio_name", N_("Studio name"), N_("In the book's summary and in messages to clients.")),
    ("language", N_("Language"), N_("en or ru; empty: the system's. --lang at start wins.")),
]
LABELS = {key: label for key, label, _explanation in FIELDS}


class SettingsScreen(BookScreen):
    BINDINGS = [
        Binding("escape", "put_back", N_("Undo edit"), id="put-back"),
    ]

    DEFAULT_CSS = """
    SettingsScreen #settings-title {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    SettingsScreen .setting {
        height: auto;
        padding: 0 1;
    }
    SettingsScreen .setting Label {
        width: 26;
    }
    SettingsScreen .setting Input {
        width: 24;
        margin-right: 2;
    }
    SettingsScreen .explanation {
        width: 1fr;
        color: $text-muted;
    }
    SettingsScreen .problem {
        display: none;
        padding: 0 1 0 27;  /* under the field, beside its label */
        color: $error;
    }
    SettingsScreen .problem.shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[str, str] = {}  # the values in the book, as last read or written

    def compose(self) -> ComposeResult:
        yield Static(_("Studio settings. Enter saves a field; Escape puts back its saved value."),
                     id="settings-title", markup=False)
        with VerticalScroll(id="settings", can_focus=False):  # Tab goes field to field
            for key, label, explanation in FIELDS:
                with Horizontal(classes="setting"):
                    yield Label(_(label), markup=False)
                    yield Input(id=f"value-{key}", compact=True, max_length=80,
                                placeholder=_("from the locale") if key == "language" else "")
                    yield Static(_(explanation), classes="explanation", markup=False)
                yield Static("", id=f"problem-{key}", classes="problem", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.load()

    # -- workers: the book is read and written off the UI thread -----------------------------

    @work(thread=True, exclusive=True, group="settings")
    def load(self) -> None:
        self.ask_book(all_settings, self.show)

    @work(thread=True, group="save-setting")
    def save(self, key: str, value: str) -> None:
        before = self.saved.get(key, "")  # what this window showed: another's change is not overwritten

        def question(db):
            # A refusal is the field's problem, not a failure of the book: catch it here.
            try:
                change_setting(db, key, value, before=before, name=_(LABELS[key]))
            except UserError as error:
                return str(error), None
            return None, get_setting(db, key)

        self.ask_book(question, lambda result: self.saved_one(key, *result))

    # -- answers, on the UI thread -----------------------------------------------------------

    def show(self, values: dict[str, str]) -> None:
        self.saved = dict(values)
        for key, _label, _explanation in FIELDS:
            self.query_one(f"#value-{key}", Input).value = setting_shown(key, values.get(key))
            self.show_problem(key, "")

    def show_problem(self, key: str, problem: str) -> None:
        shown = self.query_one(f"#problem-{key}", Static)
        shown.update(literal(problem))  # it may quote what was typed
        shown.set_class(bool(problem), "shown")

    def saved_one(self, key: str, problem: str | None, value: str | None) -> None:
        if problem:
            self.show_problem(key, problem)  # the typed text stays, to be corrected
            return
        self.saved[key] = value
        shown = setting_shown(key, value)  # as stored: "ru", "RU", "12"; a threshold «1,5» in Russian
        self.query_one(f"#value-{key}", Input).value = shown
        self.show_problem(key, "")
        self.notify(_("Saved: {label} = {value}").format(label=_(LABELS[key]), value=shown or "—"),
                    markup=False)
        if key == "language":
            self.run_worker(self.apply_language(value), exclusive=True, group="language")

    async def apply_language(self, value: str) -> None:
        """Switch the interface now: the other screens are made again in the new language."""
        set_language(value or None)
        app = self.app
        for mode, screen_type in app.MODES.items():
            if mode != app.current_mode:
                await app.remove_mode(mode)  # made again when next opened
                app.add_mode(mode, screen_type)
        await self.recompose()
        self.show(self.saved)
        self.query_one("#value-language", Input).focus()

    # -- events and actions ------------------------------------------------------------------

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        key = event.input.id.removeprefix("value-")
        if event.value == setting_shown(key, self.saved.get(key)):
            self.show_problem(key, "")  # nothing changed: nothing to write
            return
        self.save(key, event.value)

    def action_put_back(self) -> None:
        """Leave the edit without saving: the field shows the book's value again."""
        field = self.focused
        if isinstance(field, Input) and field.id and field.id.startswith("value-"):
            key = field.id.removeprefix("value-")
            field.value = setting_shown(key, self.saved.get(key))
            self.show_problem(key, "")
