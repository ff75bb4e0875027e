"""mesaform.spec.alignment: inner alignment and its readings, quantified directly over finite
sets."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from mesaform.spec.alignment import (
    approximate_misalignments_on,
    approximately_aligned_on,
    inner_aligned_on,
    inner_aligned_up_to,
    misalignments_on,
    order_aligned_on,
    order_misalignments_on,
    ranks_disagree,
)
from mesaform.spec.library import (
    code_ones,
)
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import PartialObjective


def test_inner_alignment_on_a_finite_set() -> None:
    u = code_ones()
    halves = PartialObjective("halves", lambda t: len(t) % 2 == 0, lambda t: t.count("1"))
    wrong = PartialObjective("wrong", lambda t: t.startswith("1"), lambda t: len(t))
    assert inner_aligned_up_to(u, halves, 6)
    assert not inner_aligned_up_to(u, wrong, 3)
    assert next(misalignments_on(u, wrong, [TM("10"), TM("11")])) == "10"
    assert inner_aligned_on(u, wrong, [TM("11"), TM("0")])


def test_approximate_and_order_alignment_on_a_finite_set() -> None:
    u = code_ones()
    doubled = PartialObjective("2u", lambda t: True, lambda t: 2 * t.count("1"))
    strings = list(machines_up_to(4))
    assert order_aligned_on(u, doubled, strings)
    assert not inner_aligned_on(u, doubled, strings)
    assert approximately_aligned_on(u, doubled, strings, Fraction(4))
    assert not approximately_aligned_on(u, doubled, strings, Fraction(3))
    assert list(approximate_misalignments_on(u, doubled, strings, Fraction(3))) == ["1111"]
    length = PartialObjective("len", lambda t: True, len)
    s, t = next(order_misalignments_on(u, length, strings))
    assert ranks_disagree(u(s), length.value(s), u(t), length.value(t))


@given(st.fractions(), st.fractions(), st.fractions(), st.fractions())
def test_ranks_disagree_laws(u_s: Fraction, m_s: Fraction, u_t: Fraction, m_t: Fraction) -> None:
    assert not ranks_disagree(u_s, m_s, u_s, m_s)  # a machine ranks alike with itself
    if u_s != u_t and m_s != m_t:  # without ties, the order of the pair does not matter
        assert ranks_disagree(u_s, m_s, u_t, m_t) == ranks_disagree(u_t, m_t, u_s, m_s)
    # a pair disagrees exactly when U and U_m order it strictly opposite, or tie one side only
    opposite = (u_s < u_t and m_s > m_t) or (u_s > u_t and m_s < m_t)
    one_tie = (u_s == u_t) != (m_s == m_t)
    either = ranks_disagree(u_s, m_s, u_t, m_t) or ranks_disagree(u_t, m_t, u_s, m_s)
    assert either == (opposite or one_tie)
