"""A proof by a solver says, per length, whether dom(U_m) meets the bound there.

One satisfiable query per length finds a witness in ``dom(U_m)``; a length where no string
is in ``dom(U_m)`` is reported empty, so a vacuous proof is visible as it is for enumeration.
The answers are compared with the domain computed by the reference interpreter.
"""

from __future__ import annotations

import pytest

from mesaform.model.standard_format import parse_machine
from mesaform.proofs.methods.solver_claims import check_with_solver, domain_summary
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.machines import TM, machines_of_length
from mesaform.spec.programs import Mesa, encode
from mesaform.spec.verdicts import Bound, Proved

# Keeps the bits of t, erases the markers, halts at the end of an even-length t and runs
# right forever after an odd one: U_m = code_ones on dom(U_m) = the strings of even length.
EVEN_ONLY = parse_machine("0RZ0RB_0RC1RC_0RC0RD_0RA1RA")
NEVER = parse_machine("0RA1RA")  # runs right forever: dom(U_m) is empty
EXACT = parse_machine("0RZ0RB_0RA1RA")  # U_m = code_ones everywhere


def claim(evaluator: TM, n: int, predicate: Predicate = "inner-alignment") -> Claim:
    code = encode(Mesa(1, 4 * n + 3, evaluator, (parse_machine("1RB1LB_1LA1RZ"),)))
    return Claim(
        "domain", predicate, LibraryObjective("code_ones"), MesaProgram(code), Bound(n, 2 * n + 1)
    )


def reference_domain(c: Claim) -> tuple[str, ...]:
    mesa = c.mesa_objective()
    return tuple(
        "nonempty" if any(mesa.defined(t) for t in machines_of_length(length)) else "empty"
        for length in range(c.bound.max_length + 1)
    )


@pytest.mark.parametrize("solver", ["z3", pytest.param("cvc5", marks=pytest.mark.slow)])
@pytest.mark.parametrize("predicate", ["inner-alignment", "order-alignment"])
def test_a_partial_domain_is_reported_per_length(solver: str, predicate: Predicate) -> None:
    c = claim(EVEN_ONLY, 5, predicate)
    verdict = check_with_solver(c, solver)  # type: ignore[arg-type]
    assert isinstance(verdict, Proved), verdict
    assert verdict.domain_by_length == reference_domain(c)
    assert verdict.domain_by_length == ("nonempty", "empty") * 3
    assert "dom(U_m) empty (the proof says nothing there) at |t| = 1, 3, 5" in verdict.detail


def test_a_vacuous_proof_says_dom_is_empty_everywhere() -> None:
    c = claim(NEVER, 4)
    verdict = check_with_solver(c, "z3")
    assert isinstance(verdict, Proved)
    assert verdict.domain_by_length == ("empty",) * 5 == reference_domain(c)
    assert "empty (the proof says nothing there) at |t| = 0, 1, 2, 3, 4" in verdict.detail


def test_a_total_domain_is_nonempty_at_every_length() -> None:
    verdict = check_with_solver(claim(EXACT, 6), "z3")
    assert isinstance(verdict, Proved)
    assert verdict.domain_by_length == ("nonempty",) * 7
    assert "dom(U_m) nonempty at every length 0..6" in verdict.detail


def test_domain_summary_names_unknown_lengths() -> None:
    summary = domain_summary(("nonempty", "unknown", "empty"))
    assert summary == (
        "dom(U_m) empty (the proof says nothing there) at |t| = 2; nonempty at |t| = 0; "
        "not known at |t| = 1"
    )
