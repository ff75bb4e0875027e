"""The Hypothesis method: search for counterexamples by sampling, never prove.

Its verdict is at best "not refuted (N examples, seed S)" (docs/semantics.md#verdicts), ``N``
counting distinct machines (pairs) in ``dom(U_m)``; a refutation carries the seed
too, so it can be reproduced. Failing examples are shrunk by Hypothesis: the
result is a small counterexample, often but not always the least (shortest, then
lexicographically first) -- enumeration gives the least. ``target()`` on
``|U - U_m|`` steers generation toward disagreements (the observation is a search
heuristic, not part of the formalism). A bound of at most :data:`NARROW_BOUND`
strings of tables is drawn from directly, by rank, instead of by filtering; in a
wider bound of ``k``-state tables, the tables are drawn with ``k`` states and as many
transitions as fit.

Main definitions: :func:`machines_in_bound` (a strategy for the machines a bound
covers), :func:`search_claim` and :class:`HypothesisMethod`, the checking method
``hypothesis`` (registered).
"""

from __future__ import annotations

import bisect
import random
from fractions import Fraction

from hypothesis import HealthCheck, assume, given, seed, settings, target
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.interface import Budget, CostEstimate, Family
from mesaform.proofs.methods.registry import register
from mesaform.proofs.methods.strategies import machines, tables, transitions
from mesaform.spec.claims import Claim
from mesaform.spec.machines import TM
from mesaform.spec.programs import Table, encode
from mesaform.spec.verdicts import Bound, NotRefuted, bits_of

NARROW_BOUND = 1 << 16
"""A bound of tables with at most this many strings is sampled by rank, never filtered."""


def machines_in_bound(bound: Bound) -> st.SearchStrategy[TM]:
    """Return a strategy for machines inside ``bound`` (tables of the right size when asked)."""
    if bound.states is not None or bound.tables_only:
        narrow = _narrow_bound(bound)
        if narrow is not None:
            return narrow
        states = bound.states
        table_codes = (
            _tables_that_fit(states, bound.max_length)
            if states is not None
            else tables(max_states=6).map(encode)
        )
        return st.one_of(table_codes, _table_strings(bound)).filter(bound.contains)
    return machines(max_length=bound.max_length)


def _tables_that_fit(states: int, max_length: int) -> st.SearchStrategy[TM]:
    """Return the codes of ``states``-state tables with as many transitions as fit in
    ``max_length`` bits: drawn directly, never filtered on their size."""
    width = max(1, states.bit_length())
    room = max(0, (max_length - (states + 2)) // (2 + width))
    listed = st.lists(transitions(states), max_size=min(2 * states, room))
    return listed.map(lambda present: encode(Table(states, tuple(present))))


def _narrow_bound(bound: Bound) -> st.SearchStrategy[TM] | None:
    """Return a strategy drawing the strings of ``bound`` by rank (shortest, then
    lexicographic), or ``None`` if the bound has more than :data:`NARROW_BOUND` strings."""
    ranges: list[tuple[int, int, int]] = []
    total = 0
    for length, lo, hi in bound.length_ranges():
        ranges.append((length, lo, hi))
        total += hi - lo
        if total > NARROW_BOUND:
            return None
    if total == 0:
        return st.nothing()
    starts = [0]
    for _, lo, hi in ranges:
        starts.append(starts[-1] + hi - lo)

    def string_of_rank(rank: int) -> TM:
        index = bisect.bisect_right(starts, rank) - 1
        length, lo, _ = ranges[index]
        return bits_of(length, lo + rank - starts[index])

    return st.integers(0, total - 1).map(string_of_rank)


def _table_strings(bound: Bound) -> st.SearchStrategy[TM]:
    """Return any string of the bound's tables: the header, then arbitrary bits.

    Canonical encodings miss the codes cut inside the header or a transition and
    those with trailing bits; these are in the bound too (docs/semantics.md#machines).
    """
    n = bound.max_length
    if bound.states is None:
        rest = st.text(alphabet="01", max_size=max(0, n - 1))
        return st.one_of(st.just(TM("")), rest.map(lambda bits: TM("0" + bits)))
    header = "0" + "1" * bound.states
    rest = st.text(alphabet="01", max_size=max(0, n - len(header) - 1))
    strings = [st.just(TM(header)), rest.map(lambda bits: TM(header + "0" + bits))]
    if bound.states == 0:
        strings.append(st.just(TM("")))
    return st.one_of(*strings)


TARGET_CAP = 10**300
"""The largest gap reported to ``target()`` (a float); comparisons stay exact."""


class _Violation(Exception):
    """Raised inside the property to make Hypothesis shrink a failing example."""


def search_claim(
    claim: Claim, *, examples: int = 1000, seed_value: int | None = None
) -> MethodOutcome:
    """Sample up to ``examples`` machines (pairs, for order alignment) looking for a failure.

    Return :class:`~mesaform.proofs.checking.outcome.Found` with the shrunk example and the seed, or
    :class:`~mesaform.spec.verdicts.NotRefuted` with the seed and the number of distinct sampled
    machines (pairs) that lay in ``dom(U_m)`` and were checked.
    """
    if examples < 1:
        raise ValueError(f"examples must be at least 1; got {examples}")
    used_seed = random.SystemRandom().randrange(2**32) if seed_value is None else seed_value
    base = claim.base_objective()
    mesa = claim.mesa_objective()
    strategy = machines_in_bound(claim.bound)
    checked: set[tuple[TM, ...]] = set()
    failures: list[tuple[TM, ...]] = []

    def fail(witness: tuple[TM, ...]) -> None:
        failures.append(witness)
        raise _Violation

    if claim.predicate == "order-alignment":

        @given(strategy, strategy)
        def property_pair(s: TM, t: TM) -> None:
            value_s, value_t = mesa(s).to_option(), mesa(t).to_option()
            assume(value_s is not None and value_t is not None)
            assert value_s is not None and value_t is not None
            checked.add((s, t))
            if claim.fails_on((base(s), base(t)), (value_s, value_t)):
                fail((s, t))

        test = property_pair
    else:

        @given(strategy)
        def property_single(t: TM) -> None:
            value = mesa(t).to_option()
            assume(value is not None)
            assert value is not None
            checked.add((t,))
            base_value = base(t)
            gap = abs(base_value - value)
            # A search heuristic only: the gap, capped where a float would overflow.
            target(float(gap if gap < TARGET_CAP else Fraction(TARGET_CAP)), label="|U - U_m|")
            if claim.fails_on((base_value,), (value,)):
                fail((t,))

        test = property_single

    configured = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(test)
    try:
        seed(used_seed)(configured)()
    except Unsatisfiable:
        pass  # too few sampled machines lie in dom(U_m): report how many were checked
    except _Violation:
        # Hypothesis replays the shrunk, minimal example last.
        return Found(
            failures[-1],
            "hypothesis",
            checked=len(checked),
            detail=f"seed {used_seed}",
            seed=used_seed,
        )
    return NotRefuted(claim.bound, "hypothesis", examples=len(checked), seed=used_seed)


class HypothesisMethod:
    """Hypothesis as a checking method (``sampling``): never a proof, at best "not refuted".

    It covers every claim; its work is the examples it samples (the options' ``examples``,
    1000 by default).
    """

    name = "hypothesis"
    family: Family = "sampling"

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return ``None``: sampling covers every claim."""
        return None

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the default number of examples: it always finishes, and proves nothing."""
        examples = CheckOptions().examples
        return CostEstimate(
            examples, True, f"it samples {examples:,} machines by default (never a proof)"
        )

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Sample ``options.examples`` machines with ``options.seed``."""
        return search_claim(claim, examples=options.examples, seed_value=options.seed)


register(HypothesisMethod())
