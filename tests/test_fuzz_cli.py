"""Fuzzing the command line with bad input: every case exits 2 with one line, no traceback.

The contract (mesaform/cli/__init__.py, docs/reliability.md): "Bad input (a
malformed machine, claim file or flag) exits with code 2 and one line on standard
error saying what is wrong". A deterministic generator (seeded) builds malformed
machines, flag values and claim files for every command; each must be refused
that way. The cases are built to be wrong by construction (a character no machine
format has, a value outside a flag's range, a claim file missing or breaking a
field), so a case that is accepted is a bug, not noise. Bounded: a few hundred
cases, in-process, in seconds.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_helpers import invoke

SEED = 20261202
INVALID_CHARACTERS = "#%@xé/\\!?,;:()[]{}<>~`'\"*+=|$^&\x00\x7f\u2603"
MACHINE_CHARACTERS = "01RLZABCDE_-"
GOOD_MESA = "1110111010101011011101110100011001100101010011001110111010001101101100110001110"

GOOD_CLAIM = {
    "name": '"fuzzed"',
    "predicate": '"inner-alignment"',
    "base": '"code_ones"',
    "mesa": f'"{GOOD_MESA}"',
    "max_length": "4",
    "fuel": "9",
}


def malformed_machine(rng: random.Random) -> str:
    """Return a machine argument that no format accepts: it holds an invalid character."""
    length = rng.randrange(0, 30)
    text = [rng.choice(MACHINE_CHARACTERS) for _ in range(length)]
    text.insert(rng.randrange(0, length + 1), rng.choice(INVALID_CHARACTERS))
    return "".join(text)


def bad_number(rng: random.Random) -> str:
    """Return a value that no natural-number flag accepts."""
    return rng.choice(
        [
            "-1",
            "-" + str(rng.randrange(1, 10**6)),
            "1.5",
            "abc",
            "",
            " ",
            "1e3x",
            "0x",
            "nan",
            "--",
            "½",
            str(rng.random()),
        ]
    )


def flag_cases(rng: random.Random) -> Iterator[list[str]]:
    """Yield command lines with one bad flag, value or machine each."""
    for _ in range(50):
        yield ["run", malformed_machine(rng)]
        yield ["show", malformed_machine(rng)]
    for _ in range(8):
        number = bad_number(rng)
        yield ["run", "0110", "--fuel", number]
        yield ["run", "0110", "--input", malformed_machine(rng)]
        yield ["check", "--examples", number]
        yield ["check", "--seed", number]
        yield ["search", "--objective", "busyness", "--states", number]
        yield ["search", "--objective", "code_ones", "--max-length", number]
        yield ["search", "--objective", "busyness", "--states", "2", "--fuel", number]
    for seconds in ["0", "-1", "nan", "inf", "-inf", "abc", "1e300", ""]:
        yield ["check", "--claim", "code_ones_exact_evaluator", "--timeout", seconds]
        yield ["prove", "--timeout", seconds]
    for _ in range(10):
        word = "".join(rng.choice("abcxyz-_") for _ in range(rng.randrange(1, 12)))
        yield ["check", "--method", word]
        yield ["check", "--claim", "no-such-" + word]
        yield ["prove", "no-such-" + word]
        yield ["search", "--objective", "no-such-" + word, "--states", "2"]
        yield [rng.choice(["run", "show", "check", "search", "prove"]), "--no-such-" + word]
        yield ["no-such-command-" + word]
    yield ["run"]
    yield ["show"]
    yield ["show", "0110", "1001"]
    yield ["search"]
    yield ["search", "--objective", "busyness"]
    yield ["search", "--objective", "busyness", "--states", "2", "--max-length", "3"]
    yield ["search", "--objective", "code_ones", "--states", "2"]
    yield ["search", "--experiment", "pseudo-alignment", "--states", "2"]
    yield ["search", "--objective", "busyness", "--states", "2", "--seed", "3"]
    yield ["run", "0110", "0110", "--diagram", "d.png"]
    yield ["check", "--claim", "code_ones_exact_evaluator_n48", "--all", "--method", "z3"]


def claim_file_cases(rng: random.Random) -> Iterator[str]:
    """Yield claim files that are wrong by construction."""
    fields = list(GOOD_CLAIM)
    wrong_values = {
        "name": ["5", '""', "true", "[1]"],
        "predicate": ['"inner"', "3", '"Inner-Alignment"', '""'],
        "base": ['"no_such_objective"', "1", '"module:"', '".relative:f"', '""'],
        "mesa": ['"01x"', '"0110"', "7", '""', '"1 1"'],
        "max_length": ["-1", '"4"', "4.5", "true", "-99999999999999999999"],
        "fuel": ["-1", '"9"', "9.0", "false", "[9]"],
    }

    def render(claim: dict[str, str]) -> str:
        return "[[claim]]\n" + "".join(f"{key} = {value}\n" for key, value in claim.items())

    for _ in range(25):
        claim = dict(GOOD_CLAIM)
        del claim[rng.choice(fields)]
        yield render(claim)
    for _ in range(70):
        claim = dict(GOOD_CLAIM)
        key = rng.choice(fields)
        claim[key] = rng.choice(wrong_values[key])
        yield render(claim)
    for _ in range(15):
        claim = dict(GOOD_CLAIM)
        claim["predicate"] = '"approximate-alignment"'
        claim["epsilon"] = rng.choice(['"abc"', '"-1"', '"1/0"', "0.5", '"nan"', '"inf"', "[]"])
        yield render(claim)
    for _ in range(15):
        claim = dict(GOOD_CLAIM)
        claim[rng.choice(["unknown_key", "Name", "maxlength"])] = "1"
        yield render(claim)
    good = render(GOOD_CLAIM)
    lines = good.splitlines(keepends=True)
    for _ in range(20):
        at = rng.randrange(1, len(lines))  # a line start: the token breaks the TOML there
        token = rng.choice(['"', "[", "=", "\\", "]]", "'''"])
        yield "".join(lines[:at]) + token + "".join(lines[at:])
    yield ""
    yield "[[claim]]\n"
    yield "claim = 5\n"
    yield "[claim]\nname = 'x'\n"
    yield good + good  # the same name twice
    yield "\x00\x01\x02"
    yield good.replace("code_ones", "code_ones\x00")


def hostile_claim_cases(rng: random.Random) -> Iterator[str]:
    """Yield claim files whose numbers or nesting are too large to check (bounded
    parsing: each is refused at once, never a hang or a memory error)."""
    from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
    from tests.claims_for_tests import mesa_code

    def render(claim: dict[str, str]) -> str:
        return "[[claim]]\n" + "".join(f"{key} = {value}\n" for key, value in claim.items())

    for _ in range(12):
        claim = dict(GOOD_CLAIM, predicate='"approximate-alignment"')
        exponent = rng.choice(["1e", "1E+", "7e-", "1e00000"]) + str(
            rng.randrange(10**5 + 1, 10**12)
        )
        digits = str(rng.randrange(1, 10)) * rng.randrange(100_001, 150_000)
        claim["epsilon"] = f'"{rng.choice([exponent, digits])}"'
        yield render(claim)
    for length in (4_000_001, 2**40, 2**62, 2**63 - 1):
        yield render(dict(GOOD_CLAIM, max_length=str(length)))
    for fuel in (2**23, 2**40, 2**41 + 1):
        mesa = mesa_code(CODE_ONES_EVALUATOR, fuel)
        yield render(dict(GOOD_CLAIM, base='"code_ones"', mesa=f'"{mesa}"', max_length='"all"'))
    for depth in (2_000, 100_000):
        yield "x = " + "[" * depth + "]" * depth + "\n"
        yield "x = " + "{a = " * depth + "1" + "}" * depth + "\n"


def bytes_cases() -> Iterator[bytes]:
    """Yield claim files that are not UTF-8 text."""
    yield b"\xff\xfe[[claim]]\n"
    yield b'[[claim]]\nname = "\xe9"\n'


def machine_file_cases() -> Iterator[tuple[str, bytes | None]]:
    """Yield files that hold no machine (``None``: a folder), for ``@FILE`` arguments."""
    yield "folder", None
    yield "latin1.txt", b"\xff\xfe0110"
    yield "letters.txt", b"01x0\n"
    yield "blank.txt", b"  \n\t\n"
    yield "two.txt", b"0110\n1001\n"
    yield "half.txt", b"1RB1LB_1LA"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_bad_input(code: int, err: str, argv: list[str]) -> None:
    shown = repr(argv)[:300]
    assert code == 2, f"{shown}: exit {code}: {err[-500:]}"
    assert "Traceback" not in err, shown
    assert len(err.strip().splitlines()) == 1, f"{shown}: {err[-500:]}"


def test_every_command_refuses_malformed_input_with_one_line(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    rng = random.Random(SEED)
    tried = 0
    for argv in flag_cases(rng):
        code, _, err = invoke(capsys, *argv)
        assert_bad_input(code, err, argv)
        tried += 1
    for index, text in enumerate(claim_file_cases(rng)):
        path = in_tmp / f"claims{index}.toml"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        argv = ["check", str(path)]
        code, _, err = invoke(capsys, *argv)
        assert_bad_input(code, err, [*argv, text])
        tried += 1
    for index, data in enumerate(bytes_cases()):
        path = in_tmp / f"bytes{index}.toml"
        path.write_bytes(data)
        code, _, err = invoke(capsys, "check", str(path))
        assert_bad_input(code, err, ["check", repr(data)])
        tried += 1
    for name, contents in machine_file_cases():  # MACHINE given as @FILE
        path = in_tmp / name
        if contents is None:
            path.mkdir()
        else:
            path.write_bytes(contents)
        for command in ("run", "show"):
            argv = [command, f"@{path}"]
            code, _, err = invoke(capsys, *argv)
            assert_bad_input(code, err, argv)
            tried += 1
    for index, text in enumerate(hostile_claim_cases(rng)):
        path = in_tmp / f"hostile{index}.toml"
        path.write_text(text, encoding="utf-8")
        argv = ["check", str(path)]
        code, _, err = invoke(capsys, *argv)
        assert_bad_input(code, err, [*argv, text[:200]])
        assert len(err) < 600, err[:600]  # a long number is shortened, never echoed whole
        tried += 1
    fifo = in_tmp / "fifo"
    os.mkfifo(fifo)
    same = str(in_tmp / "same")
    claim = ["check", "--claim", "code_ones_exact_evaluator"]
    for argv in (
        [*claim, "--checkpoint", same, "--json", same],
        [*claim, "--checkpoint", same, "--plot", same],
        [*claim, "--json", same, "--plot", same],
        [*claim, "--checkpoint", str(fifo)],
        [*claim, "--cluster", "local:\u00b2"],
        [*claim, "--cluster", "local:\u0663"],
        [*claim, "--cluster", "local:0"],
        ["run", "0", "--fuel", "-" + "4" * 4400],
        ["check", "--seed", "-" + "9" * 5000],
    ):
        code, _, err = invoke(capsys, *argv)
        assert_bad_input(code, err, argv)
        assert len(err) < 600, err[:600]
        tried += 1
    for argv in (
        ["run", "@" + str(in_tmp / "missing.txt")],
        ["show", "@"],
        ["check", str(in_tmp / "missing.toml")],
        ["check", str(in_tmp)],
        ["check", "--json", str(in_tmp / "no" / "r.json")],
        ["check", "--json", ""],
        ["check", "--json", "/proc/r.json"],
        ["prove", "--json", str(in_tmp)],
        ["search", "--objective", "busyness", "--states", "2", "--json", ""],
    ):
        code, _, err = invoke(capsys, *argv)
        assert_bad_input(code, err, argv)
        tried += 1
    assert tried == 450  # the count docs/reliability.md reports
