"""The small-model theorem for code_ones, by brute force for small fuel, and claims for every t."""

import random
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import cast

import pytest

from mesaform.claim_files import ClaimFileError, parse_claims
from mesaform.proofs.checking.check import check_claim
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.checking.small_model import bounded_claim, deciding_length, small_model_applies
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.programs import Mesa, Move, Symbol, Table, Transition, encode
from mesaform.spec.verdicts import Bound, Proved, Refuted
from tests.claims_for_tests import mesa_code
from tests.cli_helpers import invoke


def random_evaluator(rng: random.Random, fuel: int) -> TM:
    states = rng.randrange(4)
    transitions = []
    for _ in range(2 * states):
        following = rng.randrange(states + 1)
        transitions.append(
            Transition(
                cast(Symbol, rng.randrange(2)),
                cast(Move, rng.randrange(2)),
                following if following < states else None,
            )
        )
    table = encode(Table(states, tuple(transitions)))
    if rng.random() < 0.2:
        return TM(
            encode(
                Mesa(1, fuel, rng.choice([CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR]), (table,))
            )
        )
    return TM(table)


@pytest.mark.parametrize("seed", range(3))
def test_prefix_lemma_by_brute_force(seed: int) -> None:
    """|t| >= h: t in dom iff t[:h] in dom, and D(t) = D(t[:h]) + |t| - h."""
    rng = random.Random(seed)
    for _ in range(25):
        fuel = rng.randrange(10)
        h = (fuel + 1) // 2
        u_m = mesa_objective(Mesa(1, fuel, random_evaluator(rng, fuel), ()))
        for t in machines_up_to(h + 4):
            if len(t) < h:
                continue
            p = TM(t[:h])
            assert u_m.defined(t) == u_m.defined(p)
            if u_m.defined(t):
                d_t = u_m.value(t) - t.count("1")
                d_p = u_m.value(p) - p.count("1")
                assert d_t == d_p + len(t) - h


def summary(outcome: MethodOutcome) -> tuple[object, ...]:
    if isinstance(outcome, Found):
        return ("found", outcome.machines)
    return (outcome.verdict,)


@pytest.mark.parametrize("seed", range(3))
def test_deciding_length_decides_longer_bounds(seed: int) -> None:
    """The bounded claims at N and N + 4 agree: verdict and least counterexample."""
    rng = random.Random(100 + seed)
    for _ in range(25):
        fuel = rng.randrange(9)
        predicate: Predicate = rng.choice(
            ["inner-alignment", "approximate-alignment", "order-alignment"]
        )
        epsilon = Fraction(rng.randrange(4), 2) if predicate == "approximate-alignment" else None
        claim = Claim(
            "every",
            predicate,
            LibraryObjective("code_ones"),
            MesaProgram(mesa_code(random_evaluator(rng, fuel), fuel)),
            Bound(0, 3, every_length=True),
            epsilon=epsilon,
        )
        n = deciding_length(claim)
        at_n = enumerate_claim(bounded_claim(claim), memoize=False)
        beyond = enumerate_claim(replace(claim, bound=Bound(n + 4, 3)), memoize=False)
        assert summary(at_n) == summary(beyond), claim


def test_every_length_verdicts_name_the_theorem() -> None:
    exact = Claim(
        "exact",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(mesa_code(CODE_ONES_EVALUATOR, 33)),
        Bound(0, 0, every_length=True),
    )
    result = check_claim(exact)
    assert isinstance(result.verdict, Proved)
    assert result.verdict.bound.every_length
    assert "small-model theorem" in result.verdict.detail
    assert "|t| <= 18" in result.verdict.detail
    proxy = replace(exact, mesa=MesaProgram(mesa_code(MARKER_KEEPING_EVALUATOR, 33)))
    refuted = check_claim(proxy)
    assert isinstance(refuted.verdict, Refuted)
    assert refuted.verdict.counterexample.machines == ("0",)
    with pytest.raises(ValueError, match="every t"):
        check_claim(replace(exact, base=LibraryObjective("busyness")))


def test_scope_of_the_theorem() -> None:
    claim = Claim(
        "c",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(mesa_code(CODE_ONES_EVALUATOR, 10)),
        Bound(0, 0, every_length=True),
    )
    assert small_model_applies(claim) is None
    assert deciding_length(claim) == 6
    approximate = replace(claim, predicate="approximate-alignment", epsilon=Fraction(3, 2))
    assert deciding_length(approximate) == 5 + 3 + 1
    for base in ("productivity", "busyness", "self_replication"):
        assert small_model_applies(replace(claim, base=LibraryObjective(base))) is not None
    with pytest.raises(ValueError, match="every length"):
        Bound(0, 0, tables_only=True, every_length=True)


CLAIM = """
[[claim]]
name = "every"
predicate = "inner-alignment"
base = "{base}"
mesa = "{mesa}"
max_length = "all"
fuel = 33
"""


def test_claim_files_accept_all_only_where_a_theorem_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mesa = mesa_code(CODE_ONES_EVALUATOR, 33)
    (claim,) = parse_claims(CLAIM.format(base="code_ones", mesa=mesa))
    assert claim.bound.every_length
    with pytest.raises(ClaimFileError, match="small-model theorem"):
        parse_claims(CLAIM.format(base="busyness", mesa=mesa))
    with pytest.raises(ClaimFileError, match="max_length"):
        parse_claims(CLAIM.format(base="code_ones", mesa=mesa).replace('"all"', '"some"'))
    path = tmp_path / "claims.toml"
    path.write_text(CLAIM.format(base="code_ones", mesa=mesa))
    code, out, _ = invoke(capsys, "check", str(path))
    assert code == 0
    assert "proved for every t by the small-model theorem" in " ".join(out.split())
    path.write_text(CLAIM.format(base="productivity", mesa=mesa))
    code, _, err = invoke(capsys, "check", str(path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "small-model theorem" in err
