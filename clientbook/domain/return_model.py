"""Will she come back? A return model fitted on the book's own visit history.

Pure arithmetic on arrays, one element a client (numpy, scipy): no book, and no calendar
(the caller says which day is today). Time is in weeks since each client's first visit; a
client is summarised from her distinct visit days (`summarise`).

BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing
Science 24(2)) is the reference: while she is a client she visits as a Poisson process, her
rate lambda ~ Gamma(r, alpha) across clients; after each repeat visit she leaves for good
with probability p ~ Beta(a, b).

BG/GR is the model clientbook scores with. She leaves as in BG/NBD, but while she stays her
gaps are Gamma(k, rate k lambda): mean 1/lambda, coefficient of variation 1/sqrt(k). k = 1 is
BG/NBD's Poisson process, k = 8 a regular ("every 5 ± 2 weeks"), k < 1 a bursty buyer. Each
client's k lies on the grid SHAPES, weighted by a studio-wide prior, a discretised Gamma with
shape s and mean mu (as in Pareto/GGG: Platzer & Reutterer 2016, "Ticking away the moments").
Given k, lambda integrates out in closed form: if lambda ~ Gamma(m, beta) and a gap
Y | lambda ~ Gamma(k, k lambda), then E[P(Y > y | lambda)] = I_{beta / (beta + k y)}(m, k),
the regularised incomplete beta function (k lambda Y / beta is beta-prime). The likelihood is
a mixture of such closed forms over the grid, fitted by maximum likelihood.

BG/GR runs on a tenure clock H(t) = c t + (1 - c) tau (1 - exp(-t / tau)): at tenure t a
client visits H'(t) = c + (1 - c) exp(-t / tau) times as often as in her first days, so with
c < 1 she comes more often at first and settles at c of that over about tau weeks (on CDNOW,
c = 0.54 and tau = 5.5). c is held to (0, 1]: allowed above 1, the Poisson-based fit of the
clock used it to explain regulars' empty weeks after a first visit, and BG/GR's totals got
worse. The clock is fitted with BG/NBD, then BG/GR on the clock's times.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import numpy as np
from scipy.special import betainc, betaln, digamma, gammainc, gammaincc, gammaln, hyp2f1, logsumexp

WEEK = 7  # days: the model's unit of time
SHAPES = 2.0 ** np.arange(-2, 6)  # k from 0.25 to 32: gaps' CV from 2 down to 0.18; k = 1 is BG/NBD
MAX_FIT = 10_000  # a fit reads at most this many clients: a fixed-seed sample (the parameters are studio-wide)
LOG_BOUND = 12.0  # every rate and count parameter stays within e^±12: a fit never runs off to 0 or infinity
NEGLIGIBLE = 1e-7  # a (client, shape) whose chance of being alive is below this adds no expected visits
MAX_RENEWALS = 400  # later visits counted within a horizon at the most
FORMAT = "bg/gr-1"  # the parameters' JSON; another format is refitted, never misread


# -- the clients' summary ------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Summary:
    """Each client's history up to today, one row a client, in the paper's notation.

    clients   her id, as the caller gave it (rows are in increasing id)
    x         repeat visits: distinct visit days - 1
    t_x       weeks from her first visit to her last
    T         weeks from her first visit to today
    log_gaps  the sum of log(gap in weeks) over her x gaps: what her regularity is read from
    visit_row, visit_tenure   each repeat visit's row and weeks since her first visit (row
              by row, in time order): the tenure clock re-times them
    """

    clients: np.ndarray
    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    log_gaps: np.ndarray
    visit_row: np.ndarray
    visit_tenure: np.ndarray

    def __len__(self) -> int:
        return len(self.x)


DAY_SPAN = 1 << 22  # day numbers (date.toordinal(): 739,000 in 2026) fit below it: (client, day) is one integer


def summarise(clients, days, today: int) -> Summary:
    """The summary of visits made by `clients` (an id a visit) on `days` (day numbers, such
    as date.toordinal()), up to and including `today`. Visits on one day are one visit."""
    clients, days = np.asarray(clients, np.int64), np.asarray(days, np.int64)
    keep = days <= today
    # a sort, not np.unique: on a million visits numpy's unique is a hundred times slower
    keys = np.sort(clients[keep] * DAY_SPAN + days[keep])
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    client, day = keys // DAY_SPAN, keys % DAY_SPAN
    opens = np.r_[True, client[1:] != client[:-1]] if len(keys) else np.zeros(0, bool)  # her first visit
    row = np.cumsum(opens) - 1
    first = day[opens]
    tenure = (day - first[row]) / WEEK
    return _summary(client[opens], row[~opens], tenure[~opens], (today - first) / WEEK)


def _summary(ids, visit_row, visit_tenure, T) -> Summary:
    n = len(ids)
    x = np.bincount(visit_row, minlength=n).astype(float)
    t_x = np.zeros(n)
    np.maximum.at(t_x, visit_row, visit_tenure)
    opens = np.ones(len(visit_row), bool)  # her first repeat visit: its gap starts at tenure 0
    opens[1:] = visit_row[1:] != visit_row[:-1]
    gaps = np.where(opens, visit_tenure, np.diff(visit_tenure, prepend=0.0))
    log_gaps = np.bincount(visit_row, weights=np.log(gaps), minlength=n)
    return Summary(ids, x, t_x, np.asarray(T, float), log_gaps, visit_row, visit_tenure)


def tenure_clock(t, c: float, tau: float):
    """Weeks of tenure t on the operational clock H(t) = c t + (1 - c) tau (1 - e^(-t/tau));
    H'(t) = c + (1 - c) e^(-t/tau) is 1 at the first visit and settles at c. c = 1: H(t) = t."""
    return c * np.asarray(t, float) - (1.0 - c) * tau * np.expm1(-np.asarray(t, float) / tau)


def on_clock(summary: Summary, c: float, tau: float) -> Summary:
    """The same histories, every time re-read on the tenure clock (c, tau)."""
    if c == 1.0:
        return summary
    return _summary(summary.clients, summary.visit_row, tenure_clock(summary.visit_tenure, c, tau),
                    tenure_clock(summary.T, c, tau))


def _take(summary: Summary, rows) -> Summary:
    """The clients at `rows` (increasing), with their visits."""
    keep = np.zeros(len(summary), bool)
    keep[rows] = True
    renumber = np.cumsum(keep) - 1
    visits = keep[summary.visit_row]
    return Summary(summary.clients[rows], summary.x[rows], summary.t_x[rows], summary.T[rows],
                   summary.log_gaps[rows], renumber[summary.visit_row[visits]], summary.visit_tenure[visits])


def _sample(summary: Summary, most: int, seed: int) -> Summary:
    """At most `most` clients, the same ones each time for the same book (fixed seed)."""
    if len(summary) <= most:
        return summary
    return _take(summary, np.sort(np.random.default_rng(seed).choice(len(summary), most, replace=False)))


def _by_count(x) -> tuple[np.ndarray, np.ndarray]:
    """The distinct repeat counts and each client's index into them: what depends on x alone
    (gammaln, betaln, digamma) is computed once per distinct x."""
    return np.unique(x, return_inverse=True)


def _leaving(a: float, b: float, counts) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct x, the log-probabilities that after x repeat visits she is still a client,
    B(a, b+x)/B(a, b), and that she left right after the last, B(a+1, b+x-1)/B(a, b) (none at x = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        stays = betaln(a, b + counts) - betaln(a, b)
        left = np.where(counts > 0, betaln(a + 1, b + np.maximum(counts, 1) - 1) - betaln(a, b), -np.inf)
    return stays, left


def _leaving_gradient(a: float, b: float, counts) -> tuple[np.ndarray, ...]:
    """d/da and d/db of both of _leaving's logs, per distinct x."""
    both, both_x = digamma(a + b), digamma(a + b + counts)
    return (both - both_x, digamma(b + counts) - both_x - digamma(b) + both,
            digamma(a + 1) - both_x - digamma(a) + both,
            digamma(b + np.maximum(counts, 1) - 1) - both_x - digamma(b) + both)


def _merged(columns: np.ndarray, most: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Identical rows (every one-visit client of one day, say) as one, with their count; above
    `most` distinct rows, those of a fixed-seed sample of `most` clients."""
    rows, counts = np.unique(columns, axis=0, return_counts=True)
    if len(rows) > most:
        picked = np.random.default_rng(seed).choice(len(columns), most, replace=False)
        rows, counts = np.unique(columns[picked], axis=0, return_counts=True)
    return rows, counts.astype(float)


def _minimize(cost, start, **options):
    """scipy's minimize, imported on first use: scoring with stored parameters does without
    the optimiser and its 60 to 90 ms of imports."""
    from scipy import optimize

    return optimize.minimize(cost, start, **options)


# -- BG/NBD ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BgNbd:
    """BG/NBD's four parameters: rates Gamma(r, alpha) per week, leaving Beta(a, b)."""

    r: float
    alpha: float
    a: float
    b: float


def _bgnbd_branches(p, x, t_x, T, counts):
    """Per client, the log-likelihood of her history if she is still a client, and if she
    left right after her last visit (FHL 2005, eq. 6, its two terms)."""
    r, alpha, a, b = p
    values, index = counts
    common = (gammaln(r + values) - gammaln(r) + r * np.log(alpha))[index]
    stays, left = _leaving(a, b, values)
    return (common + stays[index] - (r + x) * np.log(alpha + T),
            common + left[index] - (r + x) * np.log(alpha + t_x))


def _bgnbd_cost(log_p, x, t_x, T, weight, counts):
    """The weighted mean negative log-likelihood and its gradient in log-parameters."""
    r, alpha, a, b = np.exp(log_p)
    values, index = counts
    alive, left = _bgnbd_branches((r, alpha, a, b), x, t_x, T, counts)
    ll = np.logaddexp(alive, left)
    w_alive = np.exp(alive - ll)
    w_left = 1.0 - w_alive
    d_r = ((digamma(r + values) - digamma(r))[index] + np.log(alpha)
           - w_alive * np.log(alpha + T) - w_left * np.log(alpha + t_x))
    d_alpha = r / alpha - (r + x) * (w_alive / (alpha + T) + w_left / (alpha + t_x))
    stays_a, stays_b, left_a, left_b = (d[index] for d in _leaving_gradient(a, b, values))
    d_a = w_alive * stays_a + w_left * left_a
    d_b = w_alive * stays_b + w_left * left_b
    total = weight.sum()
    gradient = np.array([weight @ d_r * r, weight @ d_alpha * alpha, weight @ d_a * a, weight @ d_b * b])
    return -(weight @ ll) / total, -gradient / total


def _fit_bgnbd(x, t_x, T, weight) -> BgNbd:
    start = np.log([1.0, max(float(np.average(T, weights=weight)), 1e-3), 1.0, 1.0])
    found = _minimize(_bgnbd_cost, start, args=(x, t_x, T, weight, _by_count(x)), jac=True,
                              method="L-BFGS-B", bounds=[(-LOG_BOUND, LOG_BOUND)] * 4,
                              options={"maxiter": 1000, "ftol": 1e-15, "gtol": 1e-10})
    return BgNbd(*(float(v) for v in np.exp(found.x)))


def fit_bgnbd(summary: Summary) -> BgNbd:
    """BG/NBD's maximum-likelihood parameters (L-BFGS-B on their logs, analytic gradient)."""
    if not len(summary):
        raise ValueError("there is no client to fit on")
    rows, weight = _merged(np.c_[summary.x, summary.t_x, summary.T], len(summary), 0)
    return _fit_bgnbd(*rows.T, weight)


def bgnbd_log_likelihood(params: BgNbd, summary: Summary) -> np.ndarray:
    """Each client's log-likelihood under BG/NBD."""
    s = summary
    return np.logaddexp(*_bgnbd_branches(_tuple(params), s.x, s.t_x, s.T, _by_count(s.x)))


def bgnbd_p_alive(params: BgNbd, summary: Summary) -> np.ndarray:
    """P(still a client) = 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)): a client
    without a repeat visit has not had a chance to leave, so 1 (BG/NBD's convention)."""
    r, alpha, a, b = _tuple(params)
    x = summary.x
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_odds = np.log(a) - np.log(b + x - 1) + (r + x) * (np.log(alpha + summary.T) - np.log(alpha + summary.t_x))
        odds = np.where(x > 0, np.exp(log_odds), 0.0)
    return 1.0 / (1.0 + odds)


def bgnbd_p_none(params: BgNbd, summary: Summary, horizon) -> np.ndarray:
    """P(no visit within `horizon` weeks) = 1 - P(alive) (1 - ((alpha+T)/(alpha+T+h))^(r+x)): given
    alive, lambda ~ Gamma(r+x, alpha+T), and the next visit comes before any leaving."""
    r, alpha, _a, _b = _tuple(params)
    T = summary.T
    comes = -np.expm1((r + summary.x) * (np.log(alpha + T) - np.log(alpha + T + horizon)))
    return 1.0 - bgnbd_p_alive(params, summary) * comes


def bgnbd_expected(params: BgNbd, summary: Summary, horizon) -> np.ndarray:
    """E[visits within `horizon` weeks] (FHL 2005, eq. 10):
    (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+h))^(r+x) 2F1(r+x, b+x; a+b+x-1; h/(alpha+T+h))] P(alive),
    through Pfaff's transformation, which cancels the power exactly:
    ((alpha+T)/(alpha+T+h))^(r+x) 2F1(r+x, b+x; a+b+x-1; z) = 2F1(r+x, a-1; a+b+x-1; -h/(alpha+T)).
    The direct form multiplies a power that underflows by a 2F1 that overflows for frequent
    visitors; the other Pfaff form overflows when b >> r. a = 1 is a removable singularity,
    stepped around by 1e-6 (the result moves by about 1e-10 of itself)."""
    r, alpha, a, b = _tuple(params)
    if abs(a - 1.0) < 1e-6:
        a = 1.0 + np.copysign(1e-6, a - 1.0)
    x = summary.x
    power_2f1 = hyp2f1(r + x, a - 1.0, a + b + x - 1.0, -np.asarray(horizon, float) / (alpha + summary.T))
    return (a + b + x - 1.0) / (a - 1.0) * (1.0 - power_2f1) * bgnbd_p_alive(params, summary)


def _tuple(params) -> tuple[float, float, float, float]:
    return params.r, params.alpha, params.a, params.b


# -- the tenure clock ---------------------------------------------------------------------


def _clock_log_rate(tenure, c: float, tau: float):
    """log H'(t): a client's visit rate at tenure t against her first days' (0 at t = 0)."""
    return np.log(c + (1.0 - c) * np.exp(-tenure / tau))


def _fit_clock(summary: Summary, start: BgNbd) -> tuple[float, float, BgNbd]:
    """(c, tau) fitted jointly with BG/NBD: BG/NBD's likelihood on the clock's times, plus the
    Jacobian, the sum of log H'(t) over the repeat visits. c = 1 / (1 + e^-v) keeps it in (0, 1)."""
    s = summary
    counts = _by_count(s.x)

    def cost(v):
        c, tau = 1.0 / (1.0 + np.exp(-v[4])), np.exp(v[5])
        alive, left = _bgnbd_branches(np.exp(v[:4]), s.x, tenure_clock(s.t_x, c, tau),
                                      tenure_clock(s.T, c, tau), counts)
        value = -(np.logaddexp(alive, left).sum() + _clock_log_rate(s.visit_tenure, c, tau).sum()) / len(s)
        return value if np.isfinite(value) else 1e10

    v0 = np.r_[np.log(_tuple(start)), 0.0, np.log(max(float(np.mean(s.T)) / 5, 1e-3))]
    found = _minimize(cost, v0, method="L-BFGS-B", options={"maxiter": 500, "ftol": 1e-12},
                              bounds=[(-LOG_BOUND, LOG_BOUND)] * 4 + [(-8.0, 12.0), (-8.0, 8.0)])
    c, tau = 1.0 / (1.0 + np.exp(-found.x[4])), np.exp(found.x[5])
    return float(c), float(tau), BgNbd(*(float(v) for v in np.exp(found.x[:4])))


# -- BG/GR -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    """BG/GR's studio-wide parameters, on its tenure clock (weeks)."""

    r: float  # visit rates across clients, per week of the clock: Gamma(r, alpha)
    alpha: float
    a: float  # leaving after a visit: p ~ Beta(a, b)
    b: float
    s: float  # gap shapes across clients: Gamma(s, mean mu) over SHAPES
    mu: float
    c: float = 1.0  # the tenure clock: her visit rate settles at c of her first days'...
    tau: float = 1.0  # ...over about tau weeks (c = 1: no clock)
    clients: int = 0  # how many clients the book had when fitted

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)})

    @classmethod
    def from_json(cls, text: str) -> Params:
        """The parameters `to_json` wrote; ValueError for anything else (refit then)."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.pop("format", None) != FORMAT:
            raise ValueError("not parameters of this return model")
        try:
            return cls(**{name: float(value) for name, value in data.items() if name != "clients"},
                       clients=int(data.get("clients", 0)))
        except (TypeError, ValueError) as error:
            raise ValueError(f"not parameters of this return model: {error}") from None


def shape_prior(s: float, mu: float) -> np.ndarray:
    """Log weights of SHAPES under a Gamma(s, mean mu) prior, discretised on the log-spaced grid
    (weight ~ density(k) k). Large s puts all the weight on the node nearest mu: with mu = 1,
    exactly BG/NBD."""
    log_weight = s * np.log(SHAPES) - s * SHAPES / mu
    return log_weight - logsumexp(log_weight)


class _Shapes:
    """The parameter-free pieces of BG/GR's likelihood, client by shape node, made once."""

    def __init__(self, x, t_x, T, log_gaps):
        self.x, self.t_x, self.T = x, t_x, T
        self.counts = _by_count(x)
        k = SHAPES[None, :]
        self.kx = x[:, None] * k
        # log of the product over her gaps g of k^k g^(k-1) / Gamma(k)
        self.gaps = x[:, None] * (k * np.log(k) - gammaln(k)) + (k - 1) * log_gaps[:, None]

    @classmethod
    def of(cls, summary: Summary) -> _Shapes:
        return cls(summary.x, summary.t_x, summary.T, summary.log_gaps)


def _nodes(theta, shapes: _Shapes):
    """Per client and shape node k: log(prior weight x A_k), m = r + kx and beta = alpha + k t_x
    (lambda's posterior up to her last visit is Gamma(m, beta)), and per client the logs of
    staying and of having left (_leaving), where
    A_k = prod of her gaps' Gamma(k, k lambda) densities, lambda integrated out up to her last visit."""
    r, alpha, a, b, s, mu = theta
    k = SHAPES[None, :]
    m = r + shapes.kx
    beta = alpha + k * shapes.t_x[:, None]
    log_a = shapes.gaps + r * np.log(alpha) - gammaln(r) + gammaln(m) - m * np.log(beta) + shape_prior(s, mu)
    values, index = shapes.counts
    stays, left = _leaving(a, b, values)
    return log_a, m, beta, stays[index], left[index]


def _bggr_log_likelihood(theta, shapes: _Shapes) -> np.ndarray:
    """L = sum_k w_k A_k [stays I_{z_k}(m, k) + left],  z_k = beta_k / (alpha + k T)."""
    log_a, m, beta, stays, left = _nodes(theta, shapes)
    k = SHAPES[None, :]
    with np.errstate(divide="ignore"):
        no_visit_since = np.log(betainc(m, k, beta / (theta[1] + k * shapes.T[:, None])))
    return logsumexp(log_a + np.logaddexp(stays[:, None] + no_visit_since, left[:, None]), axis=1)


def _bggr_cost(log_theta, shapes: _Shapes, weight):
    """Weighted mean negative log-likelihood and its gradient in log-parameters. Analytic but
    for d log I_z(m, k)/dm, which has no closed form: a one-sided difference in m. With pi_j
    the posterior of node j and omega_j the share of staying in it:
    dl/dtheta = sum_j pi_j [d log A_j + omega_j (d stays + d log I_j) + (1 - omega_j) d left]."""
    theta = np.exp(log_theta)
    r, alpha, a, b, s, mu = theta
    k = SHAPES[None, :]
    log_a, m, beta, stays, left = _nodes(theta, shapes)
    until_now = alpha + k * shapes.T[:, None]
    z = beta / until_now
    none_since = betainc(m, k, z)
    step = 1e-7 * np.maximum(m, 1.0)
    none_since_dm = betainc(m + step, k, z)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        log_none = np.log(none_since)
        staying = stays[:, None] + log_none
        inner = np.logaddexp(staying, left[:, None])
        ll = logsumexp(log_a + inner, axis=1)
        pi = np.exp(log_a + inner - ll[:, None])
        defined = none_since > 0  # an incomplete beta that underflowed has no slope to follow
        omega = np.where(defined, np.exp(staying - inner), 0.0)
        d_log_none_dm = np.where(defined, (np.log(none_since_dm) - log_none) / step, 0.0)
        d_log_i_dz = (m - 1) * np.log(z) + (k - 1) * np.log1p(-z) - betaln(m, k) - log_none
        dz_dalpha = k * (shapes.T - shapes.t_x)[:, None] / until_now**2
        d_log_none_dalpha = np.where(defined & (dz_dalpha > 0), np.exp(d_log_i_dz) * dz_dalpha, 0.0)
    prior = np.exp(shape_prior(s, mu))
    d_prior_s = np.log(SHAPES) - SHAPES / mu
    d_prior_mu = s * SHAPES / mu**2
    values, index = shapes.counts
    stays_a, stays_b, left_a, left_b = (d[index][:, None] for d in _leaving_gradient(a, b, values))
    pi = pi * weight[:, None]
    gradient = np.array([
        (pi * (np.log(alpha) - digamma(r) + digamma(m) - np.log(beta) + omega * d_log_none_dm)).sum(),
        (pi * (r / alpha - m / beta + omega * d_log_none_dalpha)).sum(),
        (pi * (omega * stays_a + (1 - omega) * left_a)).sum(),
        (pi * (omega * stays_b + (1 - omega) * left_b)).sum(),
        (pi @ (d_prior_s - prior @ d_prior_s)).sum(),
        (pi @ (d_prior_mu - prior @ d_prior_mu)).sum(),
    ])
    total = weight.sum()
    value = -(weight @ ll) / total
    if not np.isfinite(value):
        return 1e10, np.zeros(6)
    return value, -gradient * theta / total


def _fit_bggr(summary: Summary, start: BgNbd, most: int, seed: int) -> np.ndarray:
    """(r, alpha, a, b, s, mu) by maximum likelihood, from BG/NBD's (r, alpha, a, b) and s = 1,
    mu = 2; identical summaries merged, at most `most` of them."""
    rows, weight = _merged(np.c_[summary.x, summary.t_x, summary.T, summary.log_gaps], most, seed)
    shapes = _Shapes(*rows.T)
    bounds = [(-LOG_BOUND, LOG_BOUND)] * 4 + [(-6.0, 8.0), (np.log(SHAPES[0]), np.log(SHAPES[-1]))]
    found = _minimize(_bggr_cost, np.log([*_tuple(start), 1.0, 2.0]), args=(shapes, weight), jac=True,
                              method="L-BFGS-B", bounds=bounds, options={"maxiter": 500, "ftol": 1e-10, "gtol": 1e-6})
    return np.exp(found.x)


def fit(summary: Summary, *, clock: bool = True, most: int = MAX_FIT, seed: int = 0) -> Params:
    """BG/GR's parameters for a book: the tenure clock with BG/NBD first (unless `clock` is
    False), then BG/GR on the clock's times. At most `most` clients are read (a sample with
    `seed`, so the same book gives the same parameters)."""
    if not len(summary):
        raise ValueError("there is no client to fit on")
    sample = _sample(summary, most, seed)
    start = fit_bgnbd(sample)
    c, tau = 1.0, 1.0
    if clock:
        c, tau, start = _fit_clock(sample, start)
    r, alpha, a, b, s, mu = (float(v) for v in _fit_bggr(on_clock(summary, c, tau), start, most, seed))
    return Params(r, alpha, a, b, s, mu, c, tau, clients=len(summary))


def _theta(params: Params) -> np.ndarray:
    return np.array([params.r, params.alpha, params.a, params.b, params.s, params.mu])


def log_likelihood(params: Params, summary: Summary) -> np.ndarray:
    """Each client's log-likelihood under BG/GR on its clock, in weeks of tenure (the clock's
    Jacobian included, so the figure compares with BG/NBD's)."""
    clocked = on_clock(summary, params.c, params.tau)
    jacobian = np.bincount(summary.visit_row, _clock_log_rate(summary.visit_tenure, params.c, params.tau),
                           minlength=len(summary))
    return _bggr_log_likelihood(_theta(params), _Shapes.of(clocked)) + jacobian


# -- scores ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Scores:
    """Per client (a summary's rows), over a horizon."""

    p_alive: np.ndarray  # P(she is still a client)
    p_return: np.ndarray  # P(at least one visit within the horizon)
    expected_visits: np.ndarray  # E[visits within the horizon] (distinct days)
    shape: np.ndarray  # her regularity k (posterior mean): her gaps vary by about 1/sqrt(k) of their mean


def score(params: Params, summary: Summary, horizon) -> Scores:
    """BG/GR's figures for every client of `summary` over `horizon` weeks (one, or one a client).

    With the node weights folded into A_k, I_now = I_{z(T)}(m, k), I_end = I_{z(T+h)}(m, k),
    z(y) = beta / (alpha + k y):  alive_k = A_k stays I_now, left_k = A_k left,
    P(alive) = sum alive_k / sum (alive_k + left_k),
    P(no visit within h) = sum (left_k + A_k stays I_end) / sum (alive_k + left_k)  (both exact)."""
    clocked = on_clock(summary, params.c, params.tau)
    h = np.broadcast_to(tenure_clock(summary.T + horizon, params.c, params.tau) - clocked.T, (len(summary),))
    shapes = _Shapes.of(clocked)
    log_a, m, beta, stays, left = _nodes(_theta(params), shapes)
    k = SHAPES[None, :]
    z_now = beta / (params.alpha + k * shapes.T[:, None])
    z_end = beta / (params.alpha + k * (shapes.T + h)[:, None])
    i_now, i_end = betainc(m, k, z_now), betainc(m, k, z_end)
    # shifted per client before leaving logs: stays, left and I are at most 1, and for x > 0 the
    # heaviest node adds at least `left`, so the sum below cannot underflow to 0
    a_k = np.exp(log_a - log_a.max(1, keepdims=True))
    alive = a_k * np.exp(stays)[:, None] * i_now
    gone = a_k * np.exp(left)[:, None]
    total = (alive + gone).sum(1)
    p_alive = np.clip(alive.sum(1) / total, 0.0, 1.0)  # exactly 1 when nothing could have left
    p_none = np.clip((gone + a_k * np.exp(stays)[:, None] * i_end).sum(1) / total, 0.0, 1.0)
    p_alive_k = alive / total[:, None]
    expected = _expected_visits(params, shapes, p_alive_k, (m, beta, z_now, z_end, i_now, i_end), h)
    return Scores(p_alive, 1.0 - p_none, expected, (alive + gone) @ SHAPES / total)


# Weights of the two variances of her visit count in _later_visits' second-order term: the
# rate's uncertainty and the renewal process's own. (0.5, 0.5) matches BG/NBD's exact expected
# visits (k = 1) within 1 % in total on CDNOW at 13 and 39 weeks.
RATE_VARIANCE, RENEWAL_VARIANCE = 0.5, 0.5


def _expected_visits(params: Params, shapes: _Shapes, p_alive_k, node_arrays, h) -> np.ndarray:
    """E[visits within h] = sum_k P(alive, k) P(next within h | alive, k) (1 + later visits), the
    first factor exact, the later visits in closed form at her expected rate given that she comes.
    Computed only where P(alive, k) is not negligible."""
    rows, cols = np.nonzero(p_alive_k > NEGLIGIBLE)
    k = SHAPES[cols]
    m, beta, z_now, z_end, i_now, i_end = (arr[rows, cols] for arr in node_arrays)
    within, u, hh = i_now - i_end, (shapes.T - shapes.t_x)[rows], h[rows]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        next_within = np.clip(within / i_now, 0.0, 1.0)
        rate, rate_variance = _rate_if_she_comes(m, beta, k, z_now, z_end, within)
        rest = hh - _mean_wait(k, rate, u, hh)
    later = _later_visits(params, shapes.counts[0], shapes.counts[1][rows], k, rate, rate_variance, rest)
    visits = np.nan_to_num(p_alive_k[rows, cols] * next_within * (1.0 + later), nan=0.0, posinf=0.0)
    return np.bincount(rows, weights=visits, minlength=len(shapes.x)).astype(float)


def _rate_if_she_comes(m, beta, k, z_now, z_end, within):
    """E[lambda] and Var[lambda] given alive, k and a visit within h: with lambda ~ Gamma(m, beta),
    E[lambda^j (S(u) - S(u+h))] = (m)_j / beta^j (I_now - I_end)(m + j), and
    I_z(m+1, k) = I_z(m, k) - z^m (1-z)^k / (m B(m, k))."""
    log_mb = np.log(m) + betaln(m, k)

    def drop(z, shift):  # I_z(m + shift, k) - I_z(m + shift + 1, k), for shift 0 and 1
        first = np.exp(m * np.log(z) + k * np.log1p(-z) - log_mb)
        return first if shift == 0 else first * z * (m + k) / (m + 1)

    within_1 = within - (drop(z_now, 0) - drop(z_end, 0))
    within_2 = within_1 - (drop(z_now, 1) - drop(z_end, 1))
    rate = m / beta * within_1 / within
    rate = np.where(np.isfinite(rate) & (rate > 0), rate, m / beta)
    second = m * (m + 1) / beta**2 * within_2 / within
    return rate, np.where(np.isfinite(second), np.maximum(second - rate**2, 0.0), 0.0)


def _mean_wait(k, rate, u, h):
    """E[weeks to her next visit | it comes within h], her gap Gamma(k, k rate) having lasted u:
    from S(y) = Q(k, k rate y) and int_w^inf Q(k, y) dy = (k - w) Q(k, w) + w^k e^-w / Gamma(k)."""
    w_now, w_end = k * rate * u, k * rate * (u + h)
    q_now, q_end = gammaincc(k, w_now), gammaincc(k, w_end)

    def tail(w, q):
        return (k - w) * q + np.exp(k * np.log(np.maximum(w, 1e-300)) - w - gammaln(k))

    survival = (tail(w_now, q_now) - tail(w_end, q_end)) / (k * rate)  # int_0^h S(u + s) ds
    comes = 1.0 - q_end / q_now
    wait = (survival / q_now - h * (1.0 - comes)) / comes
    return np.where(np.isfinite(wait), np.clip(wait, 0.0, h), h / 2)


def _later_visits(params: Params, x_values, x_index, k, rate, rate_variance, rest):
    """Visits after her next one, within the `rest` of the horizon: M renewals of Gamma(k, k rate)
    gaps would come (the renewal function: t/mean + (CV^2 - 1)/2 in the long run, and at least
    the chance of one), each only if she has not left by then: sum_{j<=M} E[(1-p)^j | alive],
    p ~ Beta(a, b+x), plus a second-order term for the spread of M (that sum is concave in M).
    x_values are the distinct repeat counts, x_index each node's index into them."""
    gaps = rate * rest
    drift = (1.0 - k) / (2.0 * k)
    one = gammainc(k, k * gaps)
    renewals = np.where(k >= 1, np.maximum(one, gaps + drift), gaps + drift * one)
    renewals = np.clip(renewals, 0.0, MAX_RENEWALS - 1)
    # stay[i, j] = sum over l <= j of E[(1-p)^l] = B(a, b+x+l)/B(a, b+x), for the i-th distinct x
    j = np.arange(1, MAX_RENEWALS + 1)[None, :]
    b_x = params.b + x_values[:, None]
    each = np.cumprod((b_x + j - 1) / (params.a + b_x + j - 1), axis=1)  # E[(1-p)^j]
    stay = np.c_[np.zeros(len(x_values)), np.cumsum(each, axis=1)]
    whole = np.floor(renewals).astype(int)
    part = renewals - whole
    mean = stay[x_index, whole] * (1 - part) + stay[x_index, np.minimum(whole + 1, MAX_RENEWALS)] * part
    near = np.clip(np.round(renewals).astype(int), 1, MAX_RENEWALS - 1)
    curvature = stay[x_index, near + 1] - 2 * stay[x_index, near] + stay[x_index, near - 1]
    spread = RATE_VARIANCE * rest**2 * rate_variance + RENEWAL_VARIANCE * gaps / k
    return np.maximum(mean + 0.5 * curvature * spread, 0.0)
