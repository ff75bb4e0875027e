"""The Hypothesis method: shrunk counterexamples, never a proof."""

from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from pytest import MonkeyPatch

from mesaform.claim_files import user_base
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.checking.replay import replay
from mesaform.proofs.methods.hypothesis_method import machines_in_bound, search_claim
from mesaform.spec.catalogue import (
    CODE_ONES_EVALUATOR,
    DOUBLING_EVALUATOR,
    MARKER_KEEPING_EVALUATOR,
)
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, decode, encode
from mesaform.spec.verdicts import Bound, NotRefuted
from tests.claims_for_tests import code_ones_claim


def test_misaligned_evaluator_is_shrunk_to_the_minimal_string() -> None:
    claim = code_ones_claim(MARKER_KEEPING_EVALUATOR, 10)
    outcome = search_claim(claim, examples=300, seed_value=7)
    assert isinstance(outcome, Found)
    assert outcome.machines == (TM("0"),)  # "" is aligned; "0" is the least failing string
    assert outcome.detail == "seed 7"
    counterexample = replay(claim, outcome)
    assert counterexample.base_values == (Fraction(0),) and counterexample.mesa_values == (
        Fraction(1),
    )


def test_aligned_evaluator_is_only_not_refuted_with_count_and_seed() -> None:
    outcome = search_claim(code_ones_claim(CODE_ONES_EVALUATOR, 10), examples=150, seed_value=3)
    assert isinstance(outcome, NotRefuted)
    assert outcome.seed == 3
    assert 0 < outcome.examples <= 150
    assert outcome.method == "hypothesis"


def test_order_alignment_pairs() -> None:
    holds = search_claim(
        code_ones_claim(DOUBLING_EVALUATOR, 8, "order-alignment"), examples=100, seed_value=1
    )
    assert isinstance(holds, NotRefuted)
    fails = search_claim(
        code_ones_claim(MARKER_KEEPING_EVALUATOR, 8, "order-alignment"), examples=300, seed_value=1
    )
    assert isinstance(fails, Found) and len(fails.machines) == 2


@given(machines_in_bound(Bound(30, 10, states=2)))
def test_machines_in_bound_respects_states(t: TM) -> None:
    assert Bound(30, 10, states=2).contains(t)
    program = decode(t)
    assert isinstance(program, Table) and program.states == 2


# --- Audit: the Hypothesis method samples every kind of machine in a restricted bound.
#
# docs/semantics.md#machines: "Different strings may denote the same program
# (trailing bits are ignored)", and a code cut inside its header or a transition is a table too. A
# bound restricted to tables (``tables_only``, ``states = k``) covers those strings,
# so the sampler must be able to draw them, not only canonical encodings.


def test_the_only_one_state_code_of_length_two_is_sampled() -> None:
    # |t| <= 2 with 1 state: only "01" (the header cut at the end of the string).
    bound = Bound(2, 3, states=1)
    claim = Claim(
        "cut_header",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, 3, MARKER_KEEPING_EVALUATOR, ()))),  # U_m = |t| + code_ones(t)
        bound,
    )
    outcome = search_claim(claim, examples=50, seed_value=0)
    assert isinstance(outcome, Found) and outcome.machines == (TM("01"),)


def test_tables_only_samples_codes_with_trailing_bits() -> None:
    seen: set[str] = set()
    bound = Bound(6, 3, tables_only=True)

    @settings(max_examples=300, database=None)
    @given(machines_in_bound(bound))
    def collect(t: TM) -> None:
        assert bound.contains(t)
        seen.add(t)

    collect()
    # "0101" is 1 state with a transition cut short; "0100000" would be too long.
    assert any(t != encode(decode(t)) for t in seen)


def test_a_gap_beyond_floats_is_still_found(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    (tmp_path / "audit_huge_values.py").write_text("def huge(t):\n    return 10**400\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    claim = Claim(
        "huge",
        "inner-alignment",
        user_base("audit_huge_values:huge"),
        MesaProgram(encode(Mesa(0, 3, MARKER_KEEPING_EVALUATOR, ()))),
        Bound(3, 3),
    )
    outcome = search_claim(claim, examples=20, seed_value=0)
    assert isinstance(outcome, Found) and outcome.machines == (TM(""),)
