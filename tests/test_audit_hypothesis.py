"""Audit: the Hypothesis method samples every kind of machine in a restricted bound.

docs/semantics.md#machines: "Different strings may denote the same program
(trailing bits are ignored)", and a code cut inside its header or a transition is a table too. A
bound restricted to tables (``tables_only``, ``states = k``) covers those strings,
so the sampler must be able to draw them, not only canonical encodings.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from pytest import MonkeyPatch

from mesaform.claim_files import user_base
from proofs.hypothesis_method import machines_in_bound, search_claim
from proofs.outcome import Found
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.machines import TM
from spec.programs import Mesa, decode, encode
from spec.verdicts import Bound
from tests.claims_for_tests import KEEPER


def test_the_only_one_state_code_of_length_two_is_sampled() -> None:
    # |t| <= 2 with 1 state: only "01" (the header cut at the end of the string).
    bound = Bound(2, 3, states=1)
    claim = Claim(
        "cut_header",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, 3, KEEPER, ()))),  # U_m = |t| + code_ones(t)
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
        MesaProgram(encode(Mesa(0, 3, KEEPER, ()))),
        Bound(3, 3),
    )
    outcome = search_claim(claim, examples=20, seed_value=0)
    assert isinstance(outcome, Found) and outcome.machines == (TM(""),)
