"""Each client has their own rhythm: learned intervals, fallbacks, tiers."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbook.domain.rhythm import (
    IntervalError,
    Thresholds,
    check_interval_days,
    gaps,
    read_interval_days,
    stand_in_days,
    tier,
    tier_dates,
    track_rhythm,
    usual_interval,
)

START = date(2025, 1, 6)


def every(days: list[int]) -> list[date]:
    """Visit dates from a list of gaps."""
    out = [START]
    for gap in days:
        out.append(out[-1] + timedelta(days=gap))
    return out


def test_one_odd_gap_does_not_swing_the_interval():
    assert usual_interval(every([28, 28, 90, 28, 28])).days == 28
    assert usual_interval(every([28, 28, 3, 28])).days == 28


def test_spread_says_how_regular_the_client_is():
    steady = usual_interval(every([35, 35, 35, 35]))
    loose = usual_interval(every([28, 42, 35, 28, 42]))
    assert steady.spread_days == 0
    assert loose.days == 35 and loose.spread_days == 7


def test_two_visits_on_one_day_count_once():
    assert gaps([START, START, START + timedelta(days=10)]) == [10]


def test_recent_gaps_matter_more_than_old_ones():
    history = every([60] * 10 + [21] * 8)
    assert usual_interval(history).days == 21


def test_too_little_history_falls_back_to_service_then_studio():
    assert usual_interval(every([20, 30]), service_days=56) .days == 56
    assert usual_interval(every([20, 30]), service_days=56).source == "service"
    fallback = usual_interval(every([20]), studio_days=45)
    assert (fallback.days, fallback.source) == (45, "studio")


def test_manual_override_wins_and_learned_stays_visible():
    interval = usual_interval(every([28, 28, 28]), manual_days=14, service_days=21)
    assert (interval.days, interval.source, interval.learned_days) == (14, "manual", 28)


@pytest.mark.parametrize("typed, days", [("14", 14), (" 1 ", 1), ("3650", 3650), ("", None),
                                         ("auto", None), ("AUTO", None)])
def test_a_usual_interval_as_typed(typed, days):
    assert read_interval_days(typed) == days


@pytest.mark.parametrize("typed", ["0", "3651", "often", "-5", "14.5", "１４"])
def test_a_usual_interval_out_of_range_is_explained(typed):
    with pytest.raises(IntervalError) as error:
        read_interval_days(typed)
    assert str(error.value) == (f"“{typed}” is not a usual interval: give 1 to 3650 days, "
                                "or auto for the learned rhythm.")


def test_the_interval_range_holds_for_a_number_too():
    check_interval_days(None)  # back to the learned rhythm
    check_interval_days(3650)
    with pytest.raises(IntervalError, match="“0” is not a usual interval"):
        check_interval_days(0)


def test_the_stand_in_is_the_shortest_track_the_studio_filling_a_blank():
    assert stand_in_days([28, 21], studio_days=42) == 21
    assert stand_in_days([None, 56], studio_days=42) == 42  # a service without a default
    assert stand_in_days([], studio_days=42) is None  # no visit with a service yet


@pytest.mark.parametrize(
    "days_since, expected",
    [(0, "not_due"), (23, "not_due"), (24, "due_soon"), (28, "due"), (41, "due"),
     (42, "at_risk"), (83, "at_risk"), (84, "lost")],
)
def test_tiers_are_multiples_of_the_usual_interval(days_since, expected):
    assert tier(days_since, 28, Thresholds()) == expected


def test_thresholds_are_studio_settings():
    strict = Thresholds(due_soon=0.5, due=0.8, at_risk=1.0, lost=2.0)
    assert tier(28, 28, strict) == "at_risk"
    with pytest.raises(ValueError):
        Thresholds(due=2.0, at_risk=1.5)


@given(
    last=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    interval=st.floats(min_value=1, max_value=400),
    days_since=st.integers(min_value=0, max_value=3000),
)
def test_stored_tier_dates_agree_with_the_tier(last, interval, days_since):
    limits = Thresholds()
    today = last + timedelta(days=days_since)
    on = tier_dates(last, interval, limits)
    by_dates = "not_due"
    for name in ("due_soon", "due", "at_risk", "lost"):
        if today >= on[name]:
            by_dates = name
    assert by_dates == tier(days_since, interval, limits)


gap_lists = st.lists(st.integers(min_value=1, max_value=200), min_size=0, max_size=15)


@given(gap_lists, st.one_of(st.none(), st.integers(1, 120)), st.one_of(st.none(), st.integers(1, 120)))
def test_interval_is_always_positive(gap_list, manual, service):
    interval = usual_interval(every(gap_list), manual_days=manual, service_days=service)
    assert interval.days > 0
    assert interval.spread_days is None or interval.spread_days >= 0


@given(gap_lists, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_a_new_completed_visit_never_makes_the_track_more_overdue(gap_list, wait, after):
    """A visit recorded on the day it happens leaves the track less overdue, at any later day."""
    history = every(gap_list)
    visit_day = history[-1] + timedelta(days=wait)
    check_day = visit_day + timedelta(days=after)
    before = track_rhythm("nails", history, service_days=28)
    now = track_rhythm("nails", history + [visit_day], service_days=28)
    assert now.overdue_ratio(visit_day) <= before.overdue_ratio(visit_day)
    assert now.due_on >= visit_day
    assert now.last_visit == visit_day and now.days_since(check_day) == after


def test_an_interval_a_hair_over_a_day_is_due_on_the_day_both_ways():
    # Found by the property above: the card said "due soon" while the stored date said "due".
    limits = Thresholds()
    interval = 1.0000000000000002
    assert tier(1, interval, limits) == "due"
    assert tier_dates(date(2020, 1, 1), interval, limits)["due"] == date(2020, 1, 2)
