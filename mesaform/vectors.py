"""The test-vector file: generate, write and check ``vectors/mesaform-vectors.json``.

Test vectors are a documented JSON file of (machine, input, fuel, steps, ones,
output, U values, U_m values, verdicts) generated from the reference interpreter,
for other implementations to check against; a test checks that they still match
(docs/vectors.md). The ``runs`` and ``objectives`` sections come from
:mod:`mesaform.model.vectors`; the ``verdicts`` section is the bundled suite of
``mesaform check`` (docs/semantics.md#verdicts) checked by enumeration, which is
why this module lives where it may import the checker and the CLI's suite.

Main definitions:

- :func:`verdict_record` -- one claim's verdict, without timings or prose;
- :func:`verdict_vectors`, :func:`generate` -- the whole file as a dictionary;
- :func:`render` -- its exact text (what is committed);
- ``python -m mesaform.vectors --write`` regenerates the file, ``--check`` compares.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mesaform.cli.check import bundled_claims
from mesaform.model.vectors import differences, header, interpreter_vectors, schema_errors
from mesaform.proofs.checking.check import CheckResult, check_claim
from mesaform.proofs.checking.report import bound_record, claim_fields
from mesaform.proofs.methods.enumerate_method import enumeration_fits
from mesaform.spec.objectives import rational
from mesaform.spec.verdicts import Proved, Refuted

VECTORS_PATH = (Path(__file__).parent / "mesaform-vectors.json").resolve()
"""The file, as package data of ``mesaform``: in the repository ``mesaform/mesaform-vectors.json``
is a link to the one committed copy, ``vectors/mesaform-vectors.json``, whose path this is;
an installed wheel holds the file itself."""


def verdict_record(result: CheckResult) -> dict[str, Any]:
    """Return a claim's verdict as a vectors record (``verdicts`` fields of the schema).

    Only what any correct implementation must reproduce is kept: no seconds, no replay
    prose, no rendering of programs.
    """
    claim = result.claim
    verdict = result.verdict
    if not isinstance(verdict, Proved | Refuted):
        raise ValueError(f"{claim.name}: enumeration gave {verdict.verdict}, not a decision")
    counterexample: dict[str, Any] | None = None
    if isinstance(verdict, Refuted):
        example = verdict.counterexample
        counterexample = {
            "machines": [str(t) for t in example.machines],
            "U_values": [rational(v) for v in example.base_values],
            "U_m_values": [None if v is None else rational(v) for v in example.mesa_values],
        }
    fields = claim_fields(claim)
    return {
        **{key: fields[key] for key in ("name", "predicate", "base", "mesa", "epsilon")},
        "bound": bound_record(verdict.bound),
        "expect": claim.expect,
        "verdict": verdict.verdict,
        "method": verdict.method,
        "checked": verdict.checked,
        "counterexample": counterexample,
    }


def verdict_vectors() -> list[dict[str, Any]]:
    """Check by enumeration every claim of the bundled suite within enumeration's limit.

    Claims beyond enumeration (checked by a solver) are left out: the vectors record
    what the reference interpreter computes, string by string.
    """
    return [
        verdict_record(check_claim(claim, "enumerate"))
        for claim in bundled_claims()
        if enumeration_fits(claim)
    ]


def generate(with_verdicts: bool = True) -> dict[str, Any]:
    """Return the whole vectors file as a dictionary (``verdicts`` omitted on request)."""
    vectors = header()
    vectors.update(interpreter_vectors())
    if with_verdicts:
        vectors["verdicts"] = verdict_vectors()
    return vectors


def render(vectors: dict[str, Any]) -> str:
    """Return the exact text of the file: indented JSON, UTF-8, a final newline."""
    return json.dumps(vectors, indent=2, ensure_ascii=False) + "\n"


def load(path: Path = VECTORS_PATH) -> dict[str, Any]:
    """Read a vectors file."""
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def main(argv: list[str] | None = None) -> int:
    """Write or check the vectors file; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m mesaform.vectors",
        description="Regenerate mesaform's test vectors from the reference interpreter.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="write the file")
    action.add_argument("--check", action="store_true", help="compare with the file")
    parser.add_argument("--output", type=Path, default=VECTORS_PATH, help="the file's path")
    arguments = parser.parse_args(argv)
    path: Path = arguments.output
    if arguments.check and not path.exists():
        print(f"{path} does not exist; write it with --write")
        return 1
    vectors = generate()
    errors = schema_errors(vectors)
    if errors:
        print("the generated vectors break their own schema:", *errors, sep="\n  ")
        return 1
    if arguments.write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(vectors), encoding="utf-8")
        print(f"wrote {path}")
        return 0
    mismatches = differences(load(path), vectors)
    if mismatches:
        print(f"{path} differs from the reference interpreter:", *mismatches, sep="\n  ")
        return 1
    print(f"{path} matches the reference interpreter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
