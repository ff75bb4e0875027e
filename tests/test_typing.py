"""Typecheck the formalism: the mistakes the post warns about must fail mypy --strict.

Each file in ``tests/typing_cases`` opens with ``# expect: CODE``. A mistake ``NAME.py``
must fail mypy with exactly that error code, and its twin ``NAME__ok.py``, the correct way
to say the same thing, must pass (``# expect: ok``). mypy runs with the repository's
configuration (``pyproject.toml``), which enables :mod:`mesaform.mypy_plugin`: the
plugin is what refuses ``U_m(t) == U(t)``; every other case fails under plain ``--strict``.
"""

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).parent.parent
CASES = sorted((Path(__file__).parent / "typing_cases").glob("*.py"))
MISTAKES = [case for case in CASES if not case.stem.endswith("__ok")]


def expected_code(case: Path) -> str:
    first = case.read_text().splitlines()[0]
    assert first.startswith("# expect: "), f"{case.name} must open with '# expect: CODE'"
    return first.removeprefix("# expect: ").strip()


@pytest.fixture(scope="module")
def mypy_report() -> str:
    stdout, stderr, _status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--no-incremental",
            "--show-error-codes",
            "--no-error-summary",
            *[str(case) for case in CASES],
        ]
    )
    assert not stderr, stderr
    return stdout


def test_at_least_fifteen_distinct_mistakes_each_with_a_correct_twin() -> None:
    assert len(MISTAKES) >= 15
    assert all(expected_code(case) != "ok" for case in MISTAKES)
    for case in MISTAKES:
        twin = case.with_name(f"{case.stem}__ok.py")
        assert twin.exists(), f"{case.name} has no correct twin {twin.name}"
        assert expected_code(twin) == "ok"


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case_has_exactly_the_expected_type_error(case: Path, mypy_report: str) -> None:
    code = expected_code(case)
    errors = [
        line
        for line in mypy_report.splitlines()
        if f"typing_cases/{case.name}:" in line and ": error:" in line
    ]
    if code == "ok":
        assert errors == []
    else:
        assert errors, f"mypy accepted {case.name}, which should fail with [{code}]"
        assert all(line.endswith(f"[{code}]") for line in errors), errors
