"""Helpers of the command line's reliability tests: user modules and claim files."""

from __future__ import annotations

import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "code_ones_exact_evaluator"


def user_module(folder: Path, source: str) -> str:
    """Write a module with a fresh name into ``folder``; return its name."""
    name = f"user_{uuid.uuid4().hex[:12]}"
    (folder / f"{name}.py").write_text(source)
    return name


def claim_text(name: str, base: str, mesa: str, max_length: int = 3) -> str:
    return (
        f'[[claim]]\nname = "{name}"\npredicate = "inner-alignment"\nbase = "{base}"\n'
        f'mesa = "{mesa}"\nmax_length = {max_length}\nfuel = 5\nexpect = "holds"\n'
    )


ONES = """
from fractions import Fraction

def ones(t):
    return t.count("1")

def ones_or_none(t):
    return t.count("1")
"""


def one_line_error(code: int, err: str, expected_code: int = 2) -> None:
    assert code == expected_code, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
