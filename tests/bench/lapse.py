"""How well a score picks out who lapses: the measures the return model is judged by."""
from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def auc(score, lapsed) -> float:
    """The chance that a client who lapsed scores above one who came back (ties count half):
    the Mann-Whitney U over the product of the two counts. 0.5 is a coin, 1 a perfect order."""
    lapsed = np.asarray(lapsed, bool)
    ranks = rankdata(score)
    n_lapsed, n_back = lapsed.sum(), (~lapsed).sum()
    return float((ranks[lapsed].sum() - n_lapsed * (n_lapsed + 1) / 2) / (n_lapsed * n_back))


def top_decile_lapse(score, lapsed) -> float:
    """The share who lapsed among the tenth scored most likely to lapse; clients tied at the
    cut count pro rata, so the order of ties changes nothing."""
    lapsed = np.asarray(lapsed, float)
    score = np.asarray(score, float)
    tenth = len(score) / 10
    order = np.argsort(-score, kind="stable")
    ranked, outcome = score[order], lapsed[order]
    cut = ranked[int(np.ceil(tenth)) - 1]
    above, tied = ranked > cut, ranked == cut
    return float((outcome[above].sum() + (tenth - above.sum()) * outcome[tied].mean()) / tenth)
