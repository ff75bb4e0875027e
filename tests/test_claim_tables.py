"""A mesa-optimizer written by its parts: ``[claim.mesa]`` and ``mesaform encode``.

The table and the bitstring ``mesaform encode`` prints are one claim: the same
verdict, the same counterexample; every bad part is exit 2 and one line naming it.
A claim file's ``module:function`` is imported from the claim file's folder first.
"""

from pathlib import Path

import pytest

from mesaform.claim_files import ClaimFileError, mesa_code, parse_claims
from mesaform.model.standard_format import parse_machine
from mesaform.proofs.checking.check import CheckOptions, check_claim
from mesaform.spec.claims import MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, decode
from tests.cli_helpers import invoke

SCANNER = "0RZ0RB_0RA1RA"  # erases the input's markers, keeps its bits; 2|t| + 1 steps
BB2 = "1RB1LB_1LA1RZ"


def claim_text(mesa: str, predicate: str = "inner-alignment", length: int = 8) -> str:
    return (
        f'name = "c"\npredicate = "{predicate}"\nbase = "code_ones"\n'
        f"max_length = {length}\nfuel = 25\n{mesa}\n"
    )


def table(evaluator: str, fuel: int, extra: str = "") -> str:
    return f'[mesa]\nevaluator = "{evaluator}"\nfuel = {fuel}\n{extra}'


def test_mesa_code_is_the_encoded_mesa() -> None:
    code = mesa_code(SCANNER, 25, [BB2])
    assert decode(code) == Mesa(1, 25, parse_machine(SCANNER), (parse_machine(BB2),))
    # Either notation, the same code; count defaults to the number of candidates.
    assert mesa_code(parse_machine(SCANNER), 25, [parse_machine(BB2)], 1) == code
    assert decode(mesa_code(SCANNER, 7, [], 3)) == Mesa(3, 7, parse_machine(SCANNER))


@pytest.mark.parametrize(
    ("extra", "fuel", "predicate", "verdict"),
    [
        ("", 25, "inner-alignment", "proved"),
        ("", 9, "inner-alignment", "proved"),  # vacuous beyond |t| = 4
        ('candidates = ["1RB1LB_1LA1RZ"]\n', 25, "order-alignment", "proved"),
        ("count = 2\n", 0, "inner-alignment", "proved"),
    ],
)
def test_table_and_bitstring_give_one_verdict(
    extra: str, fuel: int, predicate: str, verdict: str
) -> None:
    (by_table,) = parse_claims(claim_text(table(SCANNER, fuel, extra), predicate))
    assert isinstance(by_table.mesa, MesaProgram)
    candidates = [BB2] if "candidates" in extra else []
    count = 2 if "count = 2" in extra else None
    code = mesa_code(SCANNER, fuel, candidates, count)
    assert by_table.mesa.code == code
    (by_code,) = parse_claims(claim_text(f'mesa = "{code}"', predicate))
    options = CheckOptions(examples=60, seed=3)
    for method in ("enumerate", "hypothesis"):
        left = check_claim(by_table, method, options).verdict
        right = check_claim(by_code, method, options).verdict
        assert left == right
    assert check_claim(by_table, "enumerate").verdict.verdict == verdict


def test_refutation_by_table_has_the_bitstrings_counterexample() -> None:
    proxy = "1RZ1RZ"  # halts at once: U_m(t) = |t| + code_ones(t) + 1
    (by_table,) = parse_claims(claim_text(table(proxy, 3)))
    (by_code,) = parse_claims(claim_text(f'mesa = "{mesa_code(proxy, 3)}"'))
    left, right = (check_claim(c, "enumerate").verdict for c in (by_table, by_code))
    assert left.verdict == "refuted"
    assert left == right


@pytest.mark.parametrize(
    ("mesa", "named"),
    [
        (table("0RZ0RB_0RAXRA", 25), "mesa.evaluator"),
        (table(SCANNER, -1), "mesa.fuel"),
        ('[mesa]\nevaluator = "0RZ0RB_0RA1RA"\nfuel = 2.5\n', "mesa.fuel"),
        ('[mesa]\nevaluator = "0RZ0RB_0RA1RA"\n', "mesa.fuel"),
        ("[mesa]\nfuel = 3\n", "mesa.evaluator"),
        (table(SCANNER, 3, 'candidates = "1RB1LB_1LA1RZ"\n'), "mesa.candidates"),
        (table(SCANNER, 3, 'candidates = ["1RB1LB_1LA"]\n'), "mesa.candidates[0]"),
        (table(SCANNER, 3, 'candidates = ["1RB1LB_1LA1RZ"]\ncount = 0\n'), "mesa.count"),
        (table(SCANNER, 3, "count = true\n"), "mesa.count"),
        (table(SCANNER, 3, "fule = 3\n"), "mesa.fule"),
    ],
)
def test_bad_part_is_named(mesa: str, named: str) -> None:
    with pytest.raises(ClaimFileError) as error:
        parse_claims(claim_text(mesa), "x.toml")
    message = str(error.value)
    assert "\n" not in message and named in message and message.startswith("x.toml: claim 'c'")


def test_check_command_on_a_table_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(claim_text(table(SCANNER, 3, "count = -2\n")))
    code, _out, err = invoke(capsys, "check", str(path))
    assert code == 2 and err.count("\n") == 1 and "mesa.count" in err and "Traceback" not in err


def test_encode_prints_the_code_and_show_reads_it_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(
        capsys, "encode", "--evaluator", SCANNER, "--fuel", "41", "--candidate", BB2
    )
    assert code == 0 and out.strip() == mesa_code(SCANNER, 41, [BB2])
    code, shown, _ = invoke(capsys, "show", out.strip())
    assert code == 0
    assert "Mesa, 1 candidate declared, 1 present, internal fuel 41" in shown
    assert SCANNER in shown and BB2 in shown
    code, out, _ = invoke(capsys, "encode", "--evaluator", SCANNER, "--fuel", "41")
    assert out.strip() == mesa_code(SCANNER, 41)


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--evaluator", "0RZ0RB_0RAXRA", "--fuel", "3"], "--evaluator"),
        (["--evaluator", SCANNER, "--fuel", "-3"], "--fuel"),
        (["--evaluator", SCANNER, "--fuel", "x"], "--fuel"),
        (["--evaluator", SCANNER, "--fuel", "3", "--candidate", "1RB"], "--candidate"),
        (["--evaluator", SCANNER, "--fuel", "3", "--candidate", BB2, "--count", "0"], "--count"),
        (["--fuel", "3"], "--evaluator"),
    ],
)
def test_encode_bad_input(capsys: pytest.CaptureFixture[str], argv: list[str], option: str) -> None:
    code, out, err = invoke(capsys, "encode", *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and option in err


def test_reference_resolves_in_the_claim_files_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two folders each with an ``objectives.py``: each claim file gets its own."""
    monkeypatch.chdir(tmp_path)
    for name, value in (("a", 1), ("b", 2)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "mesaform_test_objectives.py").write_text(f"def u(t):\n    return {value}\n")
        (folder / "claims.toml").write_text(
            'name = "n"\npredicate = "inner-alignment"\n'
            'base = "mesaform_test_objectives:u"\nmesa = "mesaform_test_objectives:u"\n'
            "max_length = 1\nfuel = 0\n"
        )
    from mesaform.claim_files import load_claims

    (first,) = load_claims(tmp_path / "a" / "claims.toml")
    (second,) = load_claims(Path("b") / "claims.toml")
    assert first.base_objective()(TM("0")) == 1
    assert second.base_objective()(TM("0")) == 2


ROOT = Path(__file__).resolve().parent.parent


def toml_after(text: str, marker: str) -> str:
    start = text.index("```toml", text.index(marker)) + len("```toml")
    return text[start : text.index("```", start)]


def test_the_documented_claims_by_table_say_what_the_docs_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checking = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    path = tmp_path / "my_evaluator.toml"
    path.write_text(toml_after(checking, "The file `my_evaluator.toml`"))
    code, out, _ = invoke(capsys, "check", str(path), "--method", "enumerate")
    assert code == 0
    for line in out.splitlines():
        if line.startswith(("scanner:", "scanner_short_of_fuel:")):
            assert line in checking
    assert "holds vacuously beyond |t| = 4: U_m is undefined there" in out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(toml_after(readme, "save this as `mine.toml`"))
    code, out, _ = invoke(capsys, "check", str(mine))
    assert code == 0 and "U_m defined on 8191 of 8191 strings" in out
    mine.write_text(toml_after(readme, "save this as `mine.toml`").replace("25  ", "9   "))
    code, out, _ = invoke(capsys, "check", str(mine))
    assert "holds vacuously beyond |t| = 4: U_m is undefined there" in out
