"""cvc5, a second solver, gives Z3's sat/unsat answer on every exported query.

cvc5 (the PyPI package) runs on the exported files and must give the same sat/unsat
answer as Z3 for every bundled claim and theorem; a disagreement fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.methods.solver_claims import (
    check_with_solver,
    claim_queries,
)
from mesaform.proofs.symbolic.smt2 import run_cvc5, run_z3, smt2_text, write_smt2
from mesaform.proofs.theorems.prover import (
    all_theorems,
    cvc5_options,
    find_theorems,
    prove,
    query_features,
    shown_options,
    theorem_query,
    z3_solver,
)
from mesaform.proofs.theorems.theorem import Theorem
from mesaform.spec.catalogue import MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Proved

BUNDLED_CLAIMS = [code_ones_claim(6), code_ones_claim(6, MARKER_KEEPING_EVALUATOR)]


@pytest.mark.parametrize("claim", BUNDLED_CLAIMS, ids=lambda claim: claim.name)
def test_cvc5_agrees_with_z3_on_every_query_of_a_bundled_claim(
    claim: Claim, tmp_path: Path
) -> None:
    answers = []
    for query in claim_queries(claim):
        path = write_smt2(
            tmp_path, f"{claim.name}.{query.name}", smt2_text(query.assertions, "QF_BV")
        )
        text = path.read_text()
        z3_answer, cvc5_answer = run_z3(text, 60).answer, run_cvc5(text, 60).answer
        assert z3_answer != "unknown"
        assert cvc5_answer == z3_answer, (path.name, z3_answer, cvc5_answer)
        answers.append(z3_answer)
    expected = "unsat" if claim.expect == "holds" else "sat"
    assert expected in answers


@pytest.mark.parametrize("claim", BUNDLED_CLAIMS, ids=lambda claim: claim.name)
def test_the_cvc5_method_reaches_the_z3_verdict(claim: Claim) -> None:
    by_z3, by_cvc5 = check_with_solver(claim, "z3"), check_with_solver(claim, "cvc5")
    assert type(by_z3) is type(by_cvc5)
    assert isinstance(by_cvc5, Proved | Found)
    assert by_cvc5.method == "cvc5"


@pytest.mark.slow  # cvc5 and Z3 each decide every theorem: minutes of CPU (run with -m slow)
@pytest.mark.parametrize("theorem", all_theorems(), ids=lambda theorem: theorem.name)
def test_cvc5_agrees_with_z3_on_every_theorem(theorem: Theorem, tmp_path: Path) -> None:
    # the exported file, read by each solver, with the options and tactic its header names
    # (a limit of 1 ms exports the query without deciding it; Z3's verdict is checked in
    # test_theorems.py). The limits are generous so that a loaded machine gives no
    # unknown: an answer, not its speed, is under test (speed: docs/solvers.md).
    prove(theorem, smt2_dir=tmp_path, timeout_seconds=0.001)
    text = (tmp_path / f"{theorem.name}.smt2").read_text()
    query, _logic = theorem_query(theorem)
    options = cvc5_options(query_features(query))
    assert f"cvc5: {shown_options(options)};" in text
    solver = z3_solver(theorem, 300)
    solver.from_string(text)
    z3_answer = str(solver.check())
    cvc5_answer = run_cvc5(text, 300, options).answer
    assert z3_answer in ("sat", "unsat")
    assert cvc5_answer == z3_answer
    assert (
        prove(theorem, solver="cvc5", timeout_seconds=300).status == "proved"
    )  # Z3's verdict: test_theorems.py


def test_the_semantic_theorems_carry_their_z3_tactic_into_the_export(
    tmp_path: Path,
) -> None:
    (sound,) = find_theorems(["table_runs_are_sound"])
    prove(sound, smt2_dir=tmp_path, timeout_seconds=0.001)
    header = (tmp_path / "table_runs_are_sound.smt2").read_text().splitlines()[:4]
    assert any(
        "cvc5: --bitblast=eager; z3 tactic: (then simplify solve-eqs smt)" in line
        for line in header
    )
    assert shown_options({"finite-model-find": "true"}) == "--finite-model-find"
    assert shown_options({}) == "no options"
