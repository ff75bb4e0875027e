"""mesaform.spec.verdicts: a bound and its extent, and the verdicts that carry it."""

from hypothesis import given

from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.verdicts import Bound
from tests.test_enumeration import bounds


@given(bounds())
def test_the_strings_of_a_bound_are_those_within_it(bound: Bound) -> None:
    listed = list(bound.machines())
    assert listed == [t for t in machines_up_to(bound.max_length) if bound.contains(t)]
    assert len(listed) == bound.size()


@given(bounds())
def test_a_bounds_extent_is_one_thing(bound: Bound) -> None:
    by_length = [bound.count_of_length(n) for n in range(bound.max_length + 1)]
    assert sum(by_length) == bound.size()
    for t in bound.machines():
        assert bound.contains(t)
    assert bound.count_of_length(bound.max_length + 1) == 0
    for length, lo, hi in bound.length_ranges():
        assert 0 <= lo < hi <= 1 << length


def test_a_bound_counts_as_written() -> None:
    assert Bound(6, 3).size() == 127
    assert Bound(6, 3, tables_only=True).size() == 64
    assert Bound(7, 3, states=0).size() == 1 + 1 + 63
    assert Bound(7, 3, states=2).size() == 1 + 1 + 2 + 4 + 8
    assert list(Bound(2, 0, states=1).machines()) == ["01"]
    assert Bound(12, 25, tables_only=True, states=3).describe() == (
        "|t| <= 12, fuel 25, tables only, 3-state tables"
    )
    assert not Bound(3, 0).contains(TM("0000"))
    assert Bound(0, 0).size() == 1 and list(Bound(0, 0).machines()) == [""]
