"""Vacuity said: every verdict reports how far dom(U_m) reaches, and counterexamples
explain themselves (what the mesa-optimizer did on t).

``dom_longest`` is checked against brute force (the longest string of the bound in
``dom(U_m)``) on random evaluators and bounds, whatever the method that proved it; for
claims for every ``t`` against the small-model reasoning (``dom(U_m)`` never reaches
``|t| = ⌈f/2⌉`` unless it reaches every length from there on).
"""

import json
import random
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from mesaform.claim_files import mesa_code, parse_claims
from mesaform.proofs.checking.check import CheckOptions, check_claim
from mesaform.proofs.checking.domain import every_length_longest, longest_in_domain
from mesaform.proofs.checking.report import report
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.verdicts import (
    VERDICT_FIELDS,
    Bound,
    NotRefuted,
    Proved,
    Refuted,
    Unknown,
)
from tests.cli_helpers import invoke
from tests.test_small_model import random_evaluator

SCANNER = "0RZ0RB_0RA1RA"


def brute_longest(claim: Claim) -> int | None:
    mesa = claim.mesa_objective()
    lengths = [len(t) for t in claim.bound.machines() if mesa.defined(t)]
    return max(lengths, default=None)


def scanner_claim(internal: int, max_length: int, **bound: object) -> Claim:
    return Claim(
        "scanner",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(mesa_code(SCANNER, internal)),
        Bound(max_length, 25, **bound),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("seed", range(4))
def test_longest_in_domain_is_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(30):
        fuel = rng.randrange(12)
        code = mesa_code(random_evaluator(rng, fuel), fuel)
        states = rng.choice([None, None, 1, 2])
        tables_only = states is None and rng.random() < 0.3
        bound = Bound(rng.randrange(9), 5, tables_only=tables_only, states=states)
        claim = Claim(
            "c", "inner-alignment", LibraryObjective("code_ones"), MesaProgram(code), bound
        )
        assert longest_in_domain(claim) == brute_longest(claim), (code, bound)


@pytest.mark.parametrize("method", ["enumerate", "z3", "auto"])
@pytest.mark.parametrize(("internal", "expected"), [(25, 10), (9, 4), (1, 0), (0, None)])
def test_proofs_report_dom_longest(method: str, internal: int, expected: int | None) -> None:
    claim = scanner_claim(internal, 10)
    verdict = check_claim(claim, method).verdict
    assert isinstance(verdict, Proved)
    assert verdict.dom_longest == expected == brute_longest(claim)


def test_user_functions_report_dom_longest() -> None:
    half = Objective("half", lambda t: Fraction(t.count("1"), 2))
    short = PartialObjective("half, |t| <= 3", lambda t: len(t) <= 3, half.function)
    claim = Claim("u", "order-alignment", half, short, Bound(6, 0, tables_only=True))
    verdict = check_claim(claim, "enumerate").verdict
    assert isinstance(verdict, Proved) and verdict.dom_longest == 3 == brute_longest(claim)
    never = PartialObjective("never", lambda t: False, half.function)
    verdict = check_claim(replace(claim, mesa=never), "enumerate").verdict
    assert verdict.dom_longest is None


def test_refutations_and_samples_report_dom_longest() -> None:
    proxy = replace(scanner_claim(3, 8), mesa=MesaProgram(mesa_code("1RZ1RZ", 3)))
    refuted = check_claim(proxy, "enumerate").verdict
    assert isinstance(refuted, Refuted) and refuted.dom_longest == 0
    sample = check_claim(scanner_claim(17, 10), "hypothesis", CheckOptions(examples=30, seed=2))
    assert isinstance(sample.verdict, NotRefuted)
    assert isinstance(sample.verdict.dom_longest, int) and sample.verdict.dom_longest <= 8


def test_every_t_dom_longest_is_over_all_tm() -> None:
    for internal, expected in ((41, 20), (9, 4), (0, None)):
        claim = replace(scanner_claim(internal, 0), bound=Bound(0, 25, every_length=True))
        verdict = check_claim(claim).verdict
        assert isinstance(verdict, Proved) and verdict.dom_longest == expected
    # A dom(U_m) with a string of length h = ceil(f/2) has strings of every length.
    unbounded = scanner_claim(41, 0)
    assert every_length_longest(unbounded, 21) == "unbounded"
    assert every_length_longest(unbounded, 20) == 20


def test_every_verdict_has_the_same_fields() -> None:
    bound = Bound(1, 1)
    verdicts = [
        check_claim(scanner_claim(9, 3), "enumerate").verdict,
        NotRefuted(bound, "hypothesis", examples=3, seed=1),
        Unknown(bound, "z3", "timed out"),
        check_claim(
            replace(scanner_claim(3, 2), mesa=MesaProgram(mesa_code("1RZ1RZ", 3))), "enumerate"
        ).verdict,
    ]
    assert {type(v) for v in verdicts} == {Proved, NotRefuted, Unknown, Refuted}
    for verdict in verdicts:
        for name in VERDICT_FIELDS:
            getattr(verdict, name)
    assert NotRefuted(bound, "hypothesis", examples=3, seed=1).checked == 3


def test_the_text_says_vacuity(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    claims = ""
    for name, internal, length in (("short", 9, 8), ("empty", 0, 4), ("full", 17, 8)):
        claims += (
            f'[[claim]]\nname = "{name}"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
            f'max_length = {length}\nfuel = 25\n[claim.mesa]\nevaluator = "{SCANNER}"\n'
            f"fuel = {internal}\n"
        )
    claims += (
        '[[claim]]\nname = "all"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        f'max_length = "all"\nfuel = 25\n[claim.mesa]\nevaluator = "{SCANNER}"\nfuel = 41\n'
    )
    path.write_text(claims)
    code, out, _ = invoke(capsys, "check", str(path), "--json", str(tmp_path / "r.json"))
    assert code == 0
    lines = {line.split(":")[0]: line for line in out.splitlines() if ": proved" in line}
    assert lines["short"].endswith("; holds vacuously beyond |t| = 4: U_m is undefined there")
    assert lines["empty"].endswith("; U_m is undefined on every string checked")
    assert "vacuously" not in lines["full"] and "undefined on every" not in lines["full"]
    assert lines["all"].endswith("; holds vacuously beyond |t| = 20: U_m is undefined there")
    written = json.loads((tmp_path / "r.json").read_text())
    assert [r["dom_longest"] for r in written["results"]] == [4, None, 8, 20]


def test_counterexamples_explain_themselves(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The mesa-optimizer's run on t comes after U(t), U_m(t) and before t's decoding."""
    (claim,) = parse_claims(
        'name = "k"\npredicate = "inner-alignment"\nbase = "code_ones"\nmax_length = 6\n'
        'fuel = 25\nexpect = "fails"\n[mesa]\nevaluator = "0RZ1RB_0RA1RA"\nfuel = 25\n'
    )
    result = check_claim(claim, "enumerate")
    assert isinstance(result.verdict, Refuted)
    example = result.verdict.counterexample
    (run,) = example.mesa_runs
    assert (run.steps, run.fuel, run.halted, run.ones) == (3, 25, True, 1)
    assert run.ones == example.mesa_values[0]
    record = report([result])["results"][0]["counterexample"]
    assert record["mesa_runs"] == [{"steps": 3, "fuel": 25, "halted": True, "ones": 1}]
    keys = list(record)
    assert keys.index("U_m") < keys.index("mesa_runs") < keys.index("programs")
    path = tmp_path / "k.toml"
    path.write_text(
        'name = "k"\npredicate = "inner-alignment"\nbase = "code_ones"\nmax_length = 6\n'
        'fuel = 25\nexpect = "fails"\n[mesa]\nevaluator = "0RZ1RB_0RA1RA"\nfuel = 25\n'
    )
    code, out, _ = invoke(capsys, "check", str(path), "--method", "enumerate")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  t = 0:"))
    assert lines[at] == "  t = 0: U(t) = 0/1, U_m(t) = 1/1"
    assert lines[at + 1] == (
        "    the mesa-optimizer's evaluator on t: halted after 3 of 25 steps with 1 one"
    )
    assert lines[at + 2] == "    t decodes to:"


def test_every_counterexample_covers_the_whole_bound() -> None:
    """With --all the enumeration covers every string: dom_longest is over all of them."""
    proxy = replace(scanner_claim(3, 6), mesa=MesaProgram(mesa_code("1RZ1RZ", 3)))
    first = check_claim(proxy, "enumerate").verdict
    every = check_claim(proxy, "enumerate", CheckOptions(find_all=True)).verdict
    assert isinstance(first, Refuted) and isinstance(every, Refuted)
    assert first.dom_longest == 0
    assert every.dom_longest == brute_longest(proxy) == 6


def never_returns(t: str) -> Fraction | None:
    """A user mesa side that does not return within any test's patience."""
    import time

    time.sleep(10**6)
    return None


def test_a_method_that_ran_out_of_time_is_not_run_again() -> None:
    """After a timed-out method, a user function is not called to find dom_longest."""
    claim = Claim(
        "sleeps",
        "inner-alignment",
        LibraryObjective("code_ones"),
        PartialObjective.from_optional("sleeping", never_returns),
        Bound(3, 7),
    )
    options = CheckOptions(timeout_seconds=0.5, limit_every_method=True)
    verdict = check_claim(claim, "enumerate", options).verdict
    assert isinstance(verdict, Unknown) and verdict.dom_longest in (None, "unknown")
