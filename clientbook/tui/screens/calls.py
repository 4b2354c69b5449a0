"""The call list: worked top to bottom, one key per outcome, the script beside it."""
from __future__ import annotations

import threading
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from clientbook.domain.dates import check_from_today, parse_when
from clientbook.domain.speech import spoken_day
from clientbook.errors import DateError
from clientbook.i18n import N_, _, language
from clientbook.services.bookings import booking_defaults
from clientbook.services.brief import brief
from clientbook.services.call_script import reason_with_moment, script_for, studio_name, why_declined
from clientbook.services.calls import call_list
from clientbook.services.card_text import track_label
from clientbook.services.contacts import (
    Outcome,
    log_call,
    reason_choices,
    recorded_sentence,
    undo_call,
    undone_sentence,
    weighty_question,
)
from clientbook.services.desks import RENEW_SECONDS, held_elsewhere, held_warning, seconds
from clientbook.services.settings import default_region
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.screens.card_complaints import ComplaintActions
from clientbook.tui.screens.card_loyalty import LoyaltyActions
from clientbook.tui.widgets.ask import Ask, Choose
from clientbook.tui.widgets.booking_form import BookingForm
from clientbook.tui.widgets.call_script import call_brief_text
from clientbook.tui.widgets.row_table import RowTable
from clientbook.tui.widgets.steady_footer import SteadyFooter

WATCH_SECONDS = 0.5  # how often the list looks for another desk's writes and holds


class CallsScreen(ComplaintActions, LoyaltyActions, BookScreen):
    # The reason says what its moment is: «перезвонить 22.11», «подтвердить 23.11 16:30».
    COLUMNS = (N_("why"), N_("name"), N_("track"), N_("days"))

    BINDINGS = [
        Binding("b", "outcome('booked')", N_("Booked"), id="booked"),
        Binding("n", "outcome('no_answer')", N_("No answer"), id="no_answer"),
        Binding("m", "outcome('left_message')", N_("Left message"), id="left_message"),
        Binding("r", "outcome('callback')", N_("Call back"), id="callback"),
        Binding("d", "outcome('declined')", N_("Declined"), id="declined"),
        Binding("x", "outcome('do_not_contact')", N_("Do not contact"), id="do_not_contact"),
        Binding("w", "outcome('wrong_number')", N_("Wrong number"), id="wrong_number"),
        Binding("c", "copy_message", N_("Copy message"), id="copy"),
        Binding("k", "complaint", N_("Complaint: open, close"), id="complaint", show=False),
        Binding("W", "case", N_("Win-back case"), id="case", show=False),
        Binding("u", "undo", N_("Undo"), id="undo"),
        Binding("f5", "reload", N_("Refresh"), id="refresh"),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items = []
        self.reasons: list[tuple[str, str]] = []  # (code, name): read with the list
        self.current_brief = None
        self.last_recorded = None  # (the call list's item, Recorded): what u takes back
        self.studio = "clientbook"
        self.phone_region = "RU"
        self.rows: list[list] = []  # the list's cells as read, before another desk's holds mark them
        self.held: dict[int, str] = {}  # client id → the other desk that has her open
        self._desks_at: int | None = None
        self._others_read = 0.0  # when the other desks' holds were last read (seconds)
        self._held_since = 0.0  # when this desk last took or renewed its hold
        self._hold_turn = 0  # counts takings and lettings go: only the latest is told the board
        self._board_turns = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static("", id="calls-title", markup=False)
        with Horizontal():
            yield RowTable(id="calls")
            with VerticalScroll(id="brief-panel"):
                yield Static("", id="brief", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.set_interval(WATCH_SECONDS, self.watch_desks)

    def shown(self) -> None:
        self.load(max(self.query_one("#calls", DataTable).cursor_row, 0))

    def on_screen_suspend(self) -> None:
        self.let_go()  # off the call list: her row is free for the other desks

    def watch_desks(self) -> None:
        """Twice a second while the list is in front: read it again when another desk (or a
        command) wrote to the book, keeping the client under the cursor; mark the rows
        another desk has open; renew this desk's hold. The desks are asked off the UI
        thread: on a server each question is a round trip."""
        if self.app.screen is not self:
            return
        version = self.app.book_version()
        if self._read_at is not None and version != self._read_at:
            self._read_at = version
            row, item = self.selected()
            self.load(max(row, 0), item.id if item else None)
        now = seconds(self.app.clock())
        _row, item = self.selected()
        renew = item.id if item is not None and now - self._held_since >= RENEW_SECONDS else None
        if renew is not None:
            self._held_since = now
        self.look_at_desks(now, renew)

    @work(thread=True, exclusive=True, group="desks")
    def look_at_desks(self, now: float, renew: int | None) -> None:
        board = self.app.board
        if renew is not None:
            board.renew(renew, now)  # never takes back a hold let go meanwhile
        desks = board.version()
        # Read again when a desk took or let go of a hold, and every few seconds besides: a
        # hold no desk renews any more (its window ended without letting go) expires then.
        if desks != self._desks_at or now - self._others_read >= RENEW_SECONDS:
            self._others_read = now
            others = board.others(now)
            self.app.call_from_thread(self.desks_seen, desks, others)

    def desks_seen(self, desks: int, others: dict[int, str]) -> None:
        self._desks_at = desks
        self.mark_held(others)

    def take_hold(self, client_id: int, at: float) -> None:
        self._hold_turn += 1
        self.tell_desks(self._hold_turn, lambda board: board.hold(client_id, at))  # the others see her taken

    def let_go(self) -> None:
        self._hold_turn += 1
        self.tell_desks(self._hold_turn, lambda board: board.let_go())

    @work(thread=True, group="hold")
    def tell_desks(self, turn: int, change) -> None:
        """Taking and letting go run in threads, in any order: each waits its turn at the
        board, and one overtaken by a later one (she was let go, then another row taken)
        is not done at all: the board ends as the person left it."""
        with self._board_turns:
            if turn == self._hold_turn:
                change(self.app.board)

    def mark_held(self, held: dict[int, str]) -> None:
        if held == self.held:
            return
        self.held = held
        if self.items:
            table = self.query_one("#calls", RowTable)
            table.fill([_(header) for header in self.COLUMNS], self.marked_rows(), [str(i.id) for i in self.items],
                       flexible={1: 14}, cursor=table.cursor_row)

    def marked_rows(self) -> list[list]:
        """The rows as read, the reason of each one another desk has open saying so."""
        return [[held_elsewhere(self.held[item.id], row[0]), *row[1:]] if item.id in self.held else row
                for item, row in zip(self.items, self.rows, strict=True)]

    # -- workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="calls")
    def load(self, keep_row: int, keep_id: int | None = None) -> None:
        """Read the list; the cursor goes to client `keep_id` while she is on it, else to row
        `keep_row` (the next client, once one was called), skipping rows another desk has open."""
        today = self.app.today

        def question(db):
            found = call_list(db, today)
            return (found, self.cells(found), studio_name(db), default_region(db), reason_choices(db, language()))

        self.ask_book(question, lambda found: self.show_list(*found, keep_row, keep_id))

    @work(thread=True, exclusive=True, group="brief")
    def load_brief(self, item) -> None:
        self.ask_book(lambda db: brief(db, item.id, self.app.today, with_offer=True),
                       lambda found: self.show_brief(item, found))

    @work(thread=True, exclusive=True, group="booking")
    def open_booking(self, item, row: int) -> None:
        """The booking dialog starts from what the client usually has, or the pencilled booking."""
        today = self.app.today
        self.ask_book(lambda db: booking_defaults(db, item.id, today),
                       lambda found: self.app.push_screen(
                           BookingForm(item.id, item.name, found, today),
                           lambda outcome: outcome and self.record(item, outcome, row)))

    @work(thread=True, exclusive=True, group="record")
    def record(self, item, outcome: Outcome, row: int) -> None:
        self.ask_book(lambda db: log_call(db, item.id, outcome, self.app.clock()),
                       lambda done: self.recorded(item, done, row))

    @work(thread=True, exclusive=True, group="record")
    def take_back(self, item, recorded, row: int) -> None:
        self.ask_book(lambda db: undo_call(db, recorded), lambda _none: self.undone(item, recorded, row))

    # -- on the UI thread --------------------------------------------------------------------

    @staticmethod
    def cells(found) -> list[list]:
        """The list's rows as shown, made in the worker: 80 ms for a chain's 1,100 calls."""
        return [[reason_with_moment(item.reason, item.when, found.today, item.open_complaint), literal(item.name),
                 literal(track_label(item.track)),
                 "" if item.days_since_last_visit is None else str(item.days_since_last_visit)] for item in found.items]

    def show_list(self, found, rows: list[list], studio: str, region: str, reasons, keep_row: int,
                  keep_id: int | None = None) -> None:
        self.items, self.studio, self.phone_region, self.reasons = found.items, studio, region, reasons
        self.rows = rows
        ids = [item.id for item in found.items]
        if keep_id in ids:
            keep_row = ids.index(keep_id)
        else:  # moving on: the next client no other desk has open
            keep_row = next((row for row in range(keep_row, len(ids)) if ids[row] not in self.held), keep_row)
        self.query_one("#calls-title", Static).update(
            _("Calls for {day}: {count}").format(day=spoken_day(found.today, found.today), count=len(found.items)))
        table = self.query_one("#calls", RowTable)
        # The name gives up room first (the brief beside it says it whole): the reason with
        # its moment, the track and the days keep theirs. The phone is in the brief.
        table.fill([_(header) for header in self.COLUMNS], self.marked_rows(), [str(item.id) for item in found.items],
                   flexible={1: 14}, cursor=keep_row)
        if found.items:
            table.focus()
        else:
            self.query_one("#brief", Static).update(_("Nobody to call today."))

    def show_brief(self, item, found) -> None:
        if all(shown.id != item.id for shown in self.items):
            return  # read for a row the list has lost since (called, or the list reloaded)
        self.current_brief = (item, found)
        script = script_for(item, found, self.studio, self.app.today)
        held = held_warning(self.held[item.id]) if item.id in self.held else ""
        self.query_one("#brief", Static).update(call_brief_text(script, found, self.phone_region, held))

    def recorded(self, item, recorded, row: int) -> None:
        self.last_recorded = (item, recorded)
        self.notify(recorded_sentence(item.name, recorded), markup=False)
        self.read_again(row)

    def undone(self, item, recorded, row: int) -> None:
        self.notify(undone_sentence(item.name, recorded), markup=False)
        self.read_again(row)

    def read_again(self, row: int) -> None:
        """After this desk's own write: read the list once (the watch is told it is read)."""
        self._read_at = self.app.book_version()
        self.load(row)

    def action_undo(self) -> None:
        """u: the last outcome recorded in this window is taken back, once."""
        if self.last_recorded is None:
            self.notify(_("Nothing to undo."), markup=False)
            return
        (item, recorded), self.last_recorded = self.last_recorded, None
        self.take_back(item, recorded, self.query_one("#calls", DataTable).cursor_row)

    @on(DataTable.RowHighlighted, "#calls")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.items):
            item = self.items[event.cursor_row]
            self._held_since = seconds(self.app.clock())
            self.take_hold(item.id, self._held_since)
            self.load_brief(item)

    # -- outcomes: one key each; some ask one more thing -------------------------------------

    def selected(self):
        row = self.query_one("#calls", DataTable).cursor_row
        return (row, self.items[row]) if 0 <= row < len(self.items) else (row, None)

    def action_outcome(self, outcome: str) -> None:
        row, item = self.selected()
        if item is None:
            return
        today = self.app.today

        def send(**details) -> None:
            self.record(item, Outcome(outcome, **details), row)

        if outcome == "booked":
            # A confirm row offers its pencilled booking: Enter confirms it, another time moves it.
            self.open_booking(item, row)
        elif outcome == "callback":
            self.app.push_screen(
                Ask(_("Call back on which day?"), lambda t: _future(t, today, with_time=False),
                    placeholder=f"{today:%d.%m.%Y}"),
                lambda when: when and send(on=when))
        elif outcome == "declined":
            found = self.current_brief[1] if self.current_brief and self.current_brief[0].id == item.id else None
            self.app.push_screen(Choose(why_declined(found.gender if found else None), self.reasons),
                                 lambda code: code and send(reason=code))
        elif question := weighty_question(item.name, outcome):
            self.app.push_screen(Choose(question, [("yes", _("Yes")), ("no", _("No, go back"))]),
                                 lambda answer: answer == "yes" and send())
        else:
            send()

    @on(DataTable.RowSelected, "#calls")
    def open_card(self, event: DataTable.RowSelected) -> None:
        """Enter opens the card; Escape on it comes back to the same row."""
        if 0 <= event.cursor_row < len(self.items):
            self.app.push_screen(CardScreen(self.items[event.cursor_row].id))

    def action_complaint(self) -> None:
        """k: a complaint of the client on the row, about one of her visits."""
        _row, item = self.selected()
        if item is None:
            return

        def then(message: str) -> None:
            self.notify(message, markup=False)
            self.load_brief(item)  # its open complaints come first in the brief

        self.complaint_for(item.id, then)

    def action_case(self) -> None:
        """W: the win-back case of the client on the row (a lost client worth returning)."""
        _row, item = self.selected()
        if item is None:
            return

        def then(message: str) -> None:
            self.notify(message, markup=False)
            self.load(self.query_one("#calls", DataTable).cursor_row)  # won back: she may leave the list

        self.case_for(item.id, item.name, then)

    def action_copy_message(self) -> None:
        if self.current_brief is None:
            return
        item, found = self.current_brief
        self.app.copy_to_clipboard(script_for(item, found, self.studio, self.app.today).message)
        self.notify(_("Message copied: paste it into the messenger."), markup=False)

    def action_reload(self) -> None:
        self.load(self.query_one("#calls", DataTable).cursor_row)


def _future(text: str, today: date, *, with_time: bool):
    """A date (and time) from today on, or ValueError with the sentence to show."""
    try:
        value = parse_when(text, today, need_time=with_time)
    except DateError as error:
        raise ValueError(str(error)) from None
    check_from_today(value.date(), today)  # the rule log_call keeps, said the same way
    return value if with_time else value.date()
