"""Krippendorff's alpha from the coincidence matrix, for any difference function.

The reliability data of one dimension are *units* (cases), each the list of
the values that the codings which coded it gave; a coding that left it out is
simply not in the list (missing data). Following Krippendorff ("Computing
Krippendorff's Alpha-Reliability", 2011; *Content Analysis*, 2004, ch. 11):

- a unit with ``m >= 2`` values is *pairable*; each ordered pair of its values
  from two different codings adds ``1 / (m - 1)`` to the coincidence
  ``o[c, k]``; ``n_c`` is the row sum, ``n`` the number of pairable values;
- ``D_o = sum o[c, k] * d(c, k) / n`` is the observed disagreement and
  ``D_e = sum n_c * n_k * d(c, k) / (n * (n - 1))`` the expected one, where
  ``d`` is the metric difference (Krippendorff's squared delta: 0/1 for
  nominal data, ``(c - k)**2`` for interval data, MASI for sets);
- ``alpha = 1 - D_o / D_e``; undefined (None, with the reason) when no unit
  is pairable or when ``D_e`` is 0 (every pairable value the same).

The point estimate is computed in exact rational arithmetic (fractions), so
MASI's thirds stay thirds and the figure does not depend on summation order.

The 95% interval is the bootstrap of Hayes & Krippendorff (2007, "Answering
the call for a standard reliability measure for coding data"; Krippendorff's
"Algorithm for bootstrapping a distribution of alpha"): ``D_e`` stays as
observed; each of :data:`DRAWS` resamples draws, with replacement, as many
pairs of values as the data hold (``sum m(m-1)/2`` over the pairable units),
each a cell ``(c, k)`` of the coincidence matrix with probability
``o[c, k] / n``; its ``D_o*`` is the mean difference of the drawn pairs and its
alpha ``1 - D_o* / D_e``. The interval is the 2.5th and 97.5th percentile of
the resampled alphas (the 26th and 975th of 1,000 in order). The random
numbers come from ``random.Random(SEED)``, started afresh for each dimension,
so that the same data give the same interval on every run and platform.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Sequence

    Difference = Callable[[Hashable, Hashable], "Fraction | int"]

DRAWS = 1000  # bootstrap resamples per dimension (Hayes & Krippendorff 2007 use 1,000 and more)
SEED = 2007  # the seed of every dimension's resampling: the same data, the same interval
LEVEL = 0.95  # the interval's coverage


def nominal(one: Hashable, two: Hashable) -> int:
    """The nominal difference: 0 for the same value, 1 for any two others."""
    return 0 if one == two else 1


def interval(one: Hashable, two: Hashable) -> Fraction | int:
    """The interval difference: the squared difference of two numbers."""
    return (one - two) ** 2  # type: ignore[operator]


def masi(one: Hashable, two: Hashable) -> Fraction:
    """Passonneau's (2006) MASI distance of two sets, ``1 - J * M``, with the
    exact thirds: J is the Jaccard index; M is 1 for equal sets, 2/3 when one
    contains the other, 1/3 when they overlap, 0 when they do not. Two empty
    sets are equal (distance 0)."""
    first, second = frozenset(one), frozenset(two)  # type: ignore[call-overload]
    if first == second:
        return Fraction(0)
    common = len(first & second)
    if not common:
        return Fraction(1)
    monotonicity = Fraction(2, 3) if common == min(len(first), len(second)) else Fraction(1, 3)
    return 1 - Fraction(common, len(first | second)) * monotonicity


METRICS: dict[str, Difference] = {"nominal": nominal, "interval": interval, "masi": masi}


@dataclass(frozen=True)
class Result:
    """Krippendorff's alpha of one dimension and what it was computed from.

    ``units``: the pairable units (coded by two codings or more); ``pairable``:
    their values (``n``); ``observed_agreement``: the share of the pairable
    value pairs (weighted as in the coincidence matrix: ``sum o[c, c] / n``)
    whose two values are identical, the same definition for every metric;
    ``alpha``, ``interval`` and the disagreements are None with ``reason``
    when alpha is undefined. ``coincidences``: ``o[c, k]`` by value pair."""

    metric: str
    units: int
    pairable: int
    alpha: float | None
    interval: tuple[float, float] | None
    observed_agreement: float | None
    observed_disagreement: float | None
    expected_disagreement: float | None
    reason: str | None
    coincidences: dict[tuple[Hashable, Hashable], Fraction] = field(default_factory=dict, repr=False)


def coincidences(units: Iterable[Sequence[Hashable]]) -> tuple[dict[tuple[Hashable, Hashable], Fraction], int, int, int]:
    """The coincidence matrix of ``units`` (each the values its codings gave),
    the number of pairable units, of pairable values and of value pairs."""
    matrix: dict[tuple[Hashable, Hashable], Fraction] = {}
    pairable_units = pairable = pairs = 0
    for values in units:
        m = len(values)
        if m < 2:
            continue
        pairable_units += 1
        pairable += m
        pairs += m * (m - 1) // 2
        counts = Counter(values)
        for c, k in itertools.product(counts, repeat=2):
            together = counts[c] * (counts[k] - 1 if c == k else counts[k])
            if together:
                matrix[(c, k)] = matrix.get((c, k), Fraction(0)) + Fraction(together, m - 1)
    return matrix, pairable_units, pairable, pairs


def alpha(units: Iterable[Sequence[Hashable]], metric: str, difference: Difference | None = None, draws: int = DRAWS, seed: int = SEED, show=repr) -> Result:
    """Krippendorff's alpha of ``units`` with the difference function of
    ``metric`` (or ``difference``, for a metric of one's own), and its
    bootstrap interval from ``draws`` resamples (0: no interval). ``show``
    writes a value in the reason given when alpha is undefined."""
    delta = difference if difference is not None else METRICS[metric]
    matrix, pairable_units, n, pairs = coincidences(units)
    if pairable_units == 0:
        return Result(metric, 0, 0, None, None, None, None, None, "no case is coded on it by two codings", matrix)
    totals: dict[Hashable, Fraction] = {}
    for (c, _k), count in matrix.items():
        totals[c] = totals.get(c, Fraction(0)) + count
    differences: dict[tuple[Hashable, Hashable], Fraction] = {}
    for c, k in itertools.product(totals, repeat=2):
        differences[(c, k)] = Fraction(0) if c == k else Fraction(delta(c, k))
    observed = sum((count * differences[pair] for pair, count in matrix.items()), Fraction(0)) / n
    expected = sum((totals[c] * totals[k] * d for (c, k), d in differences.items()), Fraction(0)) / (n * (n - 1))
    agreement = float(sum((count for (c, k), count in matrix.items() if c == k), Fraction(0)) / n)
    if expected == 0:
        if len(totals) == 1:
            reason = f"no variation: every value is {show(next(iter(totals)))}"
        else:
            reason = "no variation: the values differ by nothing on this metric"
        return Result(metric, pairable_units, n, None, None, agreement, float(observed), 0.0, reason, matrix)
    value = float(1 - observed / expected)
    bounds = bootstrap(matrix, differences, n, pairs, expected, draws, seed) if draws else None
    return Result(metric, pairable_units, n, value, bounds, agreement, float(observed), float(expected), None, matrix)


def bootstrap(matrix, differences, n: int, pairs: int, expected: Fraction, draws: int = DRAWS, seed: int = SEED) -> tuple[float, float]:
    """The percentile interval (LEVEL) of alpha from ``draws`` resamples of
    ``pairs`` coincidence cells each (module docstring)."""
    weights: dict[float, Fraction] = {}  # the cells that differ by the same amount are one outcome
    for pair, count in matrix.items():
        d = float(differences[pair])
        weights[d] = weights.get(d, Fraction(0)) + count / n
    outcomes = sorted(weights)
    cumulative = list(itertools.accumulate(float(weights[d]) for d in outcomes))
    generator = random.Random(seed)
    scale = float(expected) * pairs
    alphas = sorted(1.0 - sum(generator.choices(outcomes, cum_weights=cumulative, k=pairs)) / scale for _ in range(draws))
    tail = int((1 - LEVEL) / 2 * draws)
    return alphas[tail], alphas[draws - 1 - tail]
