"""Hypothesis strategies for machines, Table programs and Mesa programs.

Exported for users who write their own property tests over the formalism.

Main definitions:

- :func:`machines` -- arbitrary bitstrings (every one is a machine);
- :func:`transitions`, :func:`tables` -- valid Table programs, missing suffix included;
- :func:`mesa_programs` -- valid Mesa programs whose evaluator and candidates are
  table codes (or, with ``nested``, Mesa codes too);
- :func:`programs` -- either kind.
"""

from __future__ import annotations

from hypothesis import strategies as st

from mesaform.spec.machines import TM
from mesaform.spec.programs import LEFT, RIGHT, Mesa, Program, Table, Transition, encode


def machines(max_length: int = 40, min_length: int = 0) -> st.SearchStrategy[TM]:
    """Return bitstrings of length ``min_length..max_length``; shrink to short, zero-heavy."""
    if not 0 <= min_length <= max_length:
        raise ValueError(
            f"need 0 <= min_length <= max_length; got min_length={min_length}, "
            f"max_length={max_length}"
        )
    return st.text(alphabet="01", min_size=min_length, max_size=max_length).map(TM)


def transitions(states: int) -> st.SearchStrategy[Transition]:
    """Return transitions of a table with ``states`` states (``None`` next = HALT)."""
    targets = st.one_of(st.none(), st.integers(0, states - 1)) if states > 0 else st.none()
    return st.builds(Transition, st.sampled_from([0, 1]), st.sampled_from([LEFT, RIGHT]), targets)


@st.composite
def tables(draw: st.DrawFn, max_states: int = 4, complete: bool = False) -> Table:
    """Return Table programs of up to ``max_states`` states.

    With ``complete`` every transition is present; otherwise a suffix may be missing.
    """
    states = draw(st.integers(0 if not complete else 1, max_states))
    full = 2 * states
    present = full if complete else draw(st.integers(0, full))
    listed = draw(st.lists(transitions(states), min_size=present, max_size=present))
    return Table(states, tuple(listed))


@st.composite
def mesa_programs(
    draw: st.DrawFn,
    max_candidates: int = 4,
    max_fuel: int = 30,
    max_states: int = 3,
    nested: bool = False,
) -> Mesa:
    """Return Mesa programs whose evaluator and candidates are table codes.

    With ``nested`` the evaluator and candidates may themselves be Mesa codes
    (one level deeper, without further nesting).
    """

    def code() -> st.SearchStrategy[TM]:
        table_codes = tables(max_states=max_states).map(encode)
        if not nested:
            return table_codes
        inner = mesa_programs(max_candidates=2, max_fuel=10, max_states=2).map(encode)
        return st.one_of(table_codes, inner)

    count = draw(st.integers(0, max_candidates))
    present = draw(st.integers(0, count))
    fuel = draw(st.integers(0, max_fuel))
    evaluator = draw(code())
    candidates = tuple(draw(code()) for _ in range(present))
    return Mesa(count, fuel, evaluator, candidates)


def programs(max_states: int = 4) -> st.SearchStrategy[Program]:
    """Return Table or Mesa programs."""
    return st.one_of(tables(max_states=max_states), mesa_programs(max_states=max_states))
