"""Typecheck the formalism: ill-typed comparisons must fail mypy --strict.

Each file in ``tests/typing_cases`` opens with ``# expect: CODE``; mypy must report
exactly that error code there (or, for ``ok``, no error). This is the post's type
point made executable: U and U_m share a type, a world-state objective does not.
"""

from pathlib import Path

import pytest
from mypy import api

CASES = sorted((Path(__file__).parent / "typing_cases").glob("*.py"))


def expected_code(case: Path) -> str:
    first = case.read_text().splitlines()[0]
    assert first.startswith("# expect: "), f"{case.name} must open with '# expect: CODE'"
    return first.removeprefix("# expect: ").strip()


@pytest.fixture(scope="module")
def mypy_report() -> str:
    stdout, stderr, _status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--show-error-codes",
            "--no-error-summary",
            *[str(case) for case in CASES],
        ]
    )
    assert not stderr, stderr
    return stdout


def test_there_are_negative_cases() -> None:
    assert sum(expected_code(case) != "ok" for case in CASES) >= 4


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
