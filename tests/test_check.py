"""The checker: verdicts with their bound and method, replayed refutations, the CLI."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

from mesaform.claim_files import user_base
from mesaform.cli.check import bundled_claims
from mesaform.proofs.checking.auto import plan
from mesaform.proofs.checking.check import CheckOptions, check_claim, choose_method
from mesaform.proofs.methods.registry import method_named
from mesaform.spec.catalogue import (
    CODE_ONES_EVALUATOR,
    DOUBLING_EVALUATOR,
    MARKER_KEEPING_EVALUATOR,
    PARTIAL_EVALUATOR,
)
from mesaform.spec.claims import Claim, MesaProgram
from mesaform.spec.verdicts import NotRefuted, Proved, Refuted
from tests.claims_for_tests import code_ones_claim
from tests.cli_helpers import invoke


def test_bundled_suite_has_the_claims_the_issue_asks_for() -> None:
    claims = bundled_claims()
    assert {c.expect for c in claims} == {"holds", "fails"}
    assert any("ten" in c.name for c in claims)
    assert any("partial" in c.name for c in claims)


def test_proved_carries_bound_method_and_count() -> None:
    result = check_claim(code_ones_claim(CODE_ONES_EVALUATOR, 8), "enumerate")
    assert isinstance(result.verdict, Proved)
    assert result.verdict.method == "enumerate"
    assert result.verdict.checked == 2**9 - 1
    assert result.verdict.bound.max_length == 8
    assert result.matches_expectation


def test_partial_evaluator_is_proved_aligned_on_its_domain() -> None:
    result = check_claim(code_ones_claim(PARTIAL_EVALUATOR, 8), "enumerate")
    assert isinstance(result.verdict, Proved)


@pytest.mark.parametrize("method", ["enumerate", "hypothesis"])
def test_refuted_is_minimal_and_replayed(method: str) -> None:
    claim = code_ones_claim(DOUBLING_EVALUATOR, 8)
    result = check_claim(claim, method, CheckOptions(examples=300, seed=5))
    assert isinstance(result.verdict, Refuted)
    example = result.verdict.counterexample
    assert example.machines == ("1",)
    assert (example.base_values, example.mesa_values) == ((Fraction(1),), (Fraction(2),))
    assert "reference interpreter" in example.replay


def test_hypothesis_never_proves() -> None:
    result = check_claim(
        code_ones_claim(CODE_ONES_EVALUATOR, 8), "hypothesis", CheckOptions(examples=50, seed=1)
    )
    assert isinstance(result.verdict, NotRefuted)
    assert not result.matches_expectation


def test_auto_covers_small_bounds_exhaustively() -> None:
    chosen = method_named(choose_method(code_ones_claim(MARKER_KEEPING_EVALUATOR, 12)))
    assert chosen.family == "exhaustive"


def test_expectation_fails_matches_only_refuted() -> None:
    claim = code_ones_claim(MARKER_KEEPING_EVALUATOR, 4)
    expecting = Claim(
        claim.name, claim.predicate, claim.base, claim.mesa, claim.bound, expect="fails"
    )
    assert check_claim(expecting, "enumerate").matches_expectation
    holding = Claim(
        claim.name, claim.predicate, claim.base, claim.mesa, claim.bound, expect="holds"
    )
    assert not check_claim(holding, "enumerate").matches_expectation


def test_cli_check_writes_the_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    code, out, _ = invoke(
        capsys,
        "check",
        "--claim",
        "code_ones_length_proxy",
        "--claim",
        "ten_candidates_productivity",
        "--json",
        str(report_path),
    )
    assert code == 0
    assert "refuted" in out and "U_m(t) = 1/1" in out
    report = json.loads(report_path.read_text())
    assert report["all_match"] is True
    record = report["results"][0]
    assert record["name"] == "code_ones_length_proxy"
    assert record["verdict"] == "refuted"
    assert record["bound"] == {"max_length": 16, "fuel": 33, "tables_only": False, "states": None}
    assert record["counterexample"]["machine"] == "0"
    assert (record["counterexample"]["U"], record["counterexample"]["U_m"]) == ("0/1", "1/1")
    assert {"method", "checked", "seconds"} <= set(record)


USER_CLAIMS = """
[[claim]]
name = "user_misaligned"
predicate = "inner-alignment"
base = "tests.fixtures.user_objectives:half_ones"
mesa = "tests.fixtures.user_objectives:ones_plus_zeros_over_four"
max_length = 6
fuel = 0
expect = "holds"

[[claim]]
name = "user_approximate"
predicate = "approximate-alignment"
base = "tests.fixtures.user_objectives:half_ones"
mesa = "tests.fixtures.user_objectives:ones_plus_zeros_over_four"
max_length = 6
fuel = 0
epsilon = "3/2"
"""


def test_user_claim_file_refuted_with_minimal_counterexample(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER_CLAIMS)
    report_path = tmp_path / "r.json"
    code, _, _ = invoke(capsys, "check", str(path), "--json", str(report_path))
    assert code == 1  # the first claim expected to hold, and is refuted
    records = {r["name"]: r for r in json.loads(report_path.read_text())["results"]}
    first = records["user_misaligned"]
    assert first["verdict"] == "refuted" and first["matches_expectation"] is False
    assert first["counterexample"]["machine"] == "00"  # the shortest even-length string with a 0
    assert first["counterexample"]["U_m"] == "1/2"
    assert records["user_approximate"]["verdict"] == "proved"  # |zeros|/4 <= 6/4


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["check", "--method", "guess"], "--method"),
        (["check", "--claim", "nonexistent"], "--claim"),
        (["check", "--plot", "x.png"], "--plot"),
        (["check", "absent.toml"], "absent.toml"),
        (["check", "--examples", "0"], "--examples"),
    ],
)
def test_bad_input_is_exit_2_and_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], named: str
) -> None:
    code, _, err = invoke(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and named in err


def test_malformed_claim_file_names_file_and_claim(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        USER_CLAIMS.replace("max_length = 6\nfuel = 0\nepsilon", "max_length = 6\nepsilon")
    )
    code, _, err = invoke(capsys, "check", str(path))
    assert code == 2
    assert str(path) in err and "user_approximate" in err and "missing key 'fuel'" in err


def test_plot_of_one_claim(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    picture = tmp_path / "plot.png"
    code, out, _ = invoke(
        capsys, "check", "--claim", "code_ones_length_proxy", "--plot", str(picture)
    )
    assert code == 0
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert "plot of" in out


def test_find_all_replays_every_counterexample() -> None:
    claim = code_ones_claim(DOUBLING_EVALUATOR, 3)
    result = check_claim(claim, "enumerate", CheckOptions(find_all=True))
    assert isinstance(result.verdict, Refuted)
    every = [result.verdict.counterexample, *result.more_counterexamples]
    # U_m = 2U differs from U exactly on the strings with a 1
    assert [example.machines[0] for example in every] == [
        t for t in ("1", "01", "10", "11", "001", "010", "011", "100", "101", "110", "111")
    ]
    assert all(m == 2 * u for e in every for u, m in zip(e.base_values, e.mesa_values, strict=True))


def test_cli_all_lists_more_counterexamples(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (claim,) = [c for c in bundled_claims() if c.name == "code_ones_doubling_evaluator_inner"]
    assert isinstance(claim.mesa, MesaProgram)
    path = tmp_path / "small.toml"
    path.write_text(
        f'name = "doubling"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        f'mesa = "{claim.mesa.code}"\nmax_length = 4\nfuel = 9\nexpect = "fails"\n'
    )
    report_path = tmp_path / "all.json"
    code, out, _ = invoke(capsys, "check", str(path), "--all", "--json", str(report_path))
    assert code == 0
    assert "25 more counterexamples, all replayed" in out
    record = json.loads(report_path.read_text())["results"][0]
    # every string of length <= 4 with a 1 (31 strings less the 5 without), less the first
    assert len(record["more_counterexamples"]) == 25
    assert all(r["U_m"] != r["U"] for r in record["more_counterexamples"])


def test_auto_limits_enumeration_of_user_functions() -> None:
    claim = code_ones_claim(MARKER_KEEPING_EVALUATOR, 20)
    assert method_named(choose_method(claim)).family == "exhaustive"  # compiled: 2^21 strings
    user = Claim(
        claim.name,
        claim.predicate,
        user_base("tests.fixtures.user_objectives:half_ones"),
        claim.mesa,
        claim.bound,
    )
    assert choose_method(user) != "enumerate"  # 2^21 calls of a Python function


def test_auto_checks_claims_beyond_enumeration_with_a_solver() -> None:
    (claim,) = [c for c in bundled_claims() if c.name == "code_ones_exact_evaluator_n48"]
    # memoized exploration first (a one-way evaluator), within its budget; then the
    # solver-family method measured the cheapest (crossing-sequence summaries)
    assert [method.name for method, _ in plan(claim, CheckOptions()).attempts] == [
        "explore",
        "crossing",
    ]


@pytest.mark.slow
def test_the_whole_bundled_suite_matches_its_expectations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = invoke(capsys, "check")
    assert code == 0
    # memoized exploration, named as such: 2^49 - 1 strings covered by a few evaluator runs
    assert "proved by explore for every t with |t| <= 48" in out
    assert "562949953421311 strings covered by" in out


def test_unwritable_report_path_is_refused_before_checking(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = invoke(capsys, "check", "--json", str(tmp_path / "absent" / "r.json"))
    assert code == 2
    assert out == ""  # refused before any claim was checked
    assert "--json" in err and len(err.strip().splitlines()) == 1


def test_all_with_a_method_that_stops_at_the_first_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = invoke(capsys, "check", "--all", "--method", "z3")
    assert code == 2 and "--all" in err and len(err.strip().splitlines()) == 1
