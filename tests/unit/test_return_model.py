"""The return model (clientbook/domain/return_model.py) on real data and on books drawn from it.

Real data: the CDNOW sample the BG/NBD paper fits (tests/fixtures/CDNOW_sample.README.md).
Nothing here is timed; tolerances are the model's, with room for a fixed seed's noise.
"""
from __future__ import annotations

import numpy as np
import pytest

from clientbook.domain import return_model as rm
from tests.bench.lapse import auc
from tests.fixtures.cdnow import CALIBRATION_END, purchases

DAY = 7  # days a week: the model's times are weeks


@pytest.fixture(scope="module")
def cdnow() -> rm.Summary:
    """The paper's calibration: each customer's distinct purchase days up to 1997-09-30."""
    rows = purchases()
    return rm.summarise([p.customer for p in rows], [p.day.toordinal() for p in rows], CALIBRATION_END.toordinal())


def one_client(days: list[int], today: int) -> rm.Summary:
    return rm.summarise([1] * len(days), days, today)


def test_the_summary_counts_distinct_days_in_weeks_from_the_first():
    summary = rm.summarise([3, 3, 3, 1, 7], [5, 2, 5, 9, 20], today=16)
    assert list(summary.clients) == [1, 3]  # client 7's visit is after today
    assert list(summary.x) == [0, 1]  # two visits on day 5 are one
    assert summary.t_x[1] == pytest.approx(3 / DAY) and summary.T[1] == pytest.approx(14 / DAY)
    assert summary.log_gaps[1] == pytest.approx(np.log(3 / DAY))
    assert len(rm.summarise([], [], today=16)) == 0


def test_the_paper_s_bgnbd_parameters_on_the_cdnow_sample(cdnow):
    # Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assert len(cdnow) == 2357 and cdnow.x.sum() == 2457
    fitted = rm.fit_bgnbd(cdnow)
    assert (round(fitted.r, 3), round(fitted.alpha, 3), round(fitted.a, 3), round(fitted.b, 3)) == (
        0.243, 4.414, 0.793, 2.426)
    assert rm.bgnbd_log_likelihood(fitted, cdnow).sum() == pytest.approx(-9582.4, abs=0.05)


def test_bggr_with_every_shape_at_one_is_bgnbd(cdnow):
    bgnbd = rm.fit_bgnbd(cdnow)
    poisson = rm.Params(bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, s=1e4, mu=1.0)  # all prior weight on k = 1
    assert rm.log_likelihood(poisson, cdnow) == pytest.approx(rm.bgnbd_log_likelihood(bgnbd, cdnow), abs=1e-9)
    for weeks in (13, 39):
        scores = rm.score(poisson, cdnow, weeks)
        assert scores.p_alive == pytest.approx(rm.bgnbd_p_alive(bgnbd, cdnow), abs=1e-12)
        assert scores.p_return == pytest.approx(1 - rm.bgnbd_p_none(bgnbd, cdnow, weeks), abs=1e-12)
        assert scores.shape == pytest.approx(1.0)
        exact = rm.bgnbd_expected(bgnbd, cdnow, weeks)  # BG/GR's expected visits are a closed-form approximation
        assert scores.expected_visits.sum() == pytest.approx(exact.sum(), rel=0.01)
        assert np.all(np.abs(scores.expected_visits - exact) <= 0.03 * np.maximum(exact, 1.0))


def test_a_client_without_a_repeat_visit_is_alive():
    bgnbd = rm.BgNbd(0.243, 4.414, 0.793, 2.426)
    params = rm.Params(0.28, 3.77, 0.59, 2.46, s=95.0, mu=1.0, c=0.54, tau=5.5)
    for days, today in (([0], 0), ([100], 400), ([7, 7], 4000)):
        summary = one_client(days, today)
        assert rm.bgnbd_p_alive(bgnbd, summary)[0] == 1.0
        assert rm.score(params, summary, 13).p_alive[0] == 1.0


EXTREMES = {
    "a regular two years overdue": (list(range(0, 40 * 28, 28)), 39 * 28 + 730),
    "a regular a decade overdue": (list(range(0, 100 * 28, 28)), 99 * 28 + 3650),
    "weekly for six years": (list(range(0, 300 * 7, 7)), 300 * 7),
    "every day for three years": (list(range(1000)), 1000),
    "one visit today": ([0], 0),
    "one visit fifty years ago": ([0], 18250),
    "two visits a day apart, long ago": ([0, 1], 18250),
}
PARAMS = {
    "CDNOW's, on the clock": rm.Params(0.2787, 3.7747, 0.5854, 2.4637, 95.6, 0.999, 0.5364, 5.47),
    "a salon's, a = 1": rm.Params(3.2, 21.4, 1.0, 14.2, 1.38, 5.8),
    "a salon's, a near 1, regulars": rm.Params(3.2, 21.4, 1.0 + 1e-9, 14.2, 60.0, 30.0),
    "at the bounds": rm.Params(0.01, 1000.0, 0.01, 100.0, 0.01, 0.25, 0.01, 1000.0),
}


@pytest.mark.parametrize("name", EXTREMES)
def test_scores_are_finite_probabilities_for_extreme_clients(name):
    summary = one_client(*EXTREMES[name])
    for params in PARAMS.values():
        for weeks in (1, 13, 52, 1000):
            scores = rm.score(params, summary, weeks)
            assert 0 <= scores.p_alive[0] <= 1 and 0 <= scores.p_return[0] <= 1, (params, weeks)
            assert np.isfinite(scores.expected_visits[0]) and scores.expected_visits[0] >= 0, (params, weeks)
            assert np.isfinite(scores.shape[0])
        bgnbd = rm.BgNbd(params.r, params.alpha, params.a, params.b)
        assert np.isfinite(rm.bgnbd_expected(bgnbd, summary, 13)[0])
        assert 0 <= rm.bgnbd_p_none(bgnbd, summary, 13)[0] <= 1


def test_bgnbd_s_expected_visits_pass_smoothly_through_a_equal_to_one(cdnow):
    """(a+b+x-1)/(a-1) (1 - 2F1(..., a-1; ...)) is 0/0 at a = 1: the limit, not a spike."""
    def expected(a):
        return rm.bgnbd_expected(rm.BgNbd(0.243, 4.414, a, 2.426), cdnow, 39)

    around = (expected(1 - 1e-4) + expected(1 + 1e-4)) / 2
    for a in (1.0, 1 - 1e-9, 1 + 1e-9, 1 + 1e-7):
        assert expected(a) == pytest.approx(around, rel=1e-4)


def drawn_book(params: rm.Params, clients: int, seed: int, joined=104.0, until=156.0 + 39.0):
    """Visit days of a book drawn from BG/GR itself: rates, leaving and shapes from the priors,
    gaps Gamma(k, k rate) on the tenure clock, leaving after a repeat visit with chance p."""
    rng = np.random.default_rng(seed)
    rate = rng.gamma(params.r, 1.0 / params.alpha, clients)
    leaving = rng.beta(params.a, params.b, clients)
    k = rng.choice(rm.SHAPES, clients, p=np.exp(rm.shape_prior(params.s, params.mu)))
    start = rng.uniform(0.0, joined, clients)
    weeks = np.linspace(0.0, until, 20_001)
    clocked = rm.tenure_clock(weeks, params.c, params.tau)
    who, when = [np.arange(clients)], [start]
    tenure = np.zeros(clients)  # on the clock
    going = np.ones(clients, bool)
    while going.any():
        i = np.flatnonzero(going)
        tenure[i] += rng.gamma(k[i], 1.0 / (k[i] * rate[i]))
        at = start[i] + np.interp(tenure[i], clocked, weeks, right=np.inf)
        going[i] = at <= until
        i, at = i[going[i]], at[going[i]]
        who.append(i)
        when.append(at)
        going[i] = rng.random(len(i)) >= leaving[i]
    return np.concatenate(who), np.floor(np.concatenate(when) * DAY).astype(int)


def test_expected_visits_and_returns_agree_with_a_drawn_book():
    params = rm.Params(3.0, 21.0, 0.8, 10.0, s=1.4, mu=5.8, c=0.6, tau=8.0)
    clients, days = drawn_book(params, 4000, seed=0)
    today = 156 * DAY
    summary = rm.summarise(clients, days, today)
    for weeks in (13, 39):
        scores = rm.score(params, summary, weeks)
        later = (days > today) & (days <= today + weeks * DAY)
        visited = np.unique(np.c_[clients[later], days[later]], axis=0)
        visits = np.bincount(visited[:, 0], minlength=clients.max() + 1)[summary.clients]
        assert scores.expected_visits.sum() == pytest.approx(visits.sum(), rel=0.04), weeks
        assert scores.p_return.mean() == pytest.approx((visits > 0).mean(), abs=0.02), weeks


def salon_book(clients: int, seed: int, years: float = 3.0):
    """Regulars only, each with her own rhythm (a mean gap of 2 to 17 weeks) and gamma gaps of
    shape 8 (every 5 ± 2 weeks); after each visit one in sixteen leaves, on average."""
    rng = np.random.default_rng(seed)
    who, when = [], []
    for client in range(clients):
        mean_gap, leaving = rng.uniform(14, 120), rng.beta(1.0, 15.0)
        day, visits = rng.uniform(0, 2 * 365), 0
        while day < years * 365 + 400:
            who.append(client)
            when.append(int(day))
            visits += 1
            if visits > 1 and rng.random() < leaving:
                break
            day += rng.gamma(8.0, mean_gap / 8.0)
    return np.array(who), np.array(when)


def test_on_a_salon_book_bggr_ranks_who_lapses_better_than_recency_and_bgnbd():
    """The research measured BG/GR's AUC above recency's by 0.044 to 0.050 and above BG/NBD's
    by 0.02 to 0.04 on such books; the margins asserted are well inside."""
    clients, days = salon_book(1000, seed=3)
    today = 3 * 365
    summary = rm.summarise(clients, days, today)
    weeks = 13
    came = np.isin(summary.clients, clients[(days > today) & (days <= today + weeks * DAY)])
    regular = summary.x >= 1
    lapsed = ~came[regular]
    bggr = auc(1 - rm.score(rm.fit(summary), summary, weeks).p_return[regular], lapsed)
    recency = auc((summary.T - summary.t_x)[regular], lapsed)
    bgnbd = auc(rm.bgnbd_p_none(rm.fit_bgnbd(summary), summary, weeks)[regular], lapsed)
    assert bggr > recency + 0.02, (bggr, recency)
    assert bggr > bgnbd + 0.005, (bggr, bgnbd)


def test_the_fit_is_the_same_for_the_same_book_and_keeps_its_clock_below_one(cdnow):
    first, again = rm.fit(cdnow), rm.fit(cdnow)
    assert first == again and first.clients == 2357
    assert 0 < first.c <= 1 and first.tau > 0
    sampled = rm.fit(cdnow, most=1000, seed=5)
    assert sampled.clients == 2357 and sampled == rm.fit(cdnow, most=1000, seed=5)
    assert sampled != first  # another sample of clients: other parameters


def test_parameters_round_trip_through_json_and_refuse_anything_else():
    params = rm.Params(0.28, 3.77, 0.59, 2.46, 95.6, 1.0, 0.54, 5.47, clients=2357)
    assert rm.Params.from_json(params.to_json()) == params
    for text in ('{"format": "bg/nbd-0", "r": 1}', "[]", '{"format": "bg/gr-1", "r": 1}'):
        with pytest.raises(ValueError):
            rm.Params.from_json(text)
    with pytest.raises(ValueError):
        rm.fit(rm.summarise([], [], 0))
