"""Claim files: bounded alignment claims written in TOML.

A file holds one claim as top-level keys, or many as an array of ``[[claim]]``
tables. Each key is the name of a :class:`~mesaform.spec.claims.Claim` field:

```toml
[[claim]]
name = "code_ones_exact_evaluator"
predicate = "inner-alignment"      # or order-alignment, approximate-alignment
base = "code_ones"                  # a library objective, or "module:function"
mesa = "1110..."                    # a Mesa program's bitstring, or "module:function",
                                    # or a table (below)
max_length = 12                     # or "all": every t, through a small-model theorem
fuel = 25
tables_only = false                 # optional
states = 3                          # optional: only 3-state tables
epsilon = "1/2"                     # approximate-alignment only: an integer or "p/q"
expect = "holds"                    # optional: holds or fails
description = "..."                 # optional
```

The mesa side may be written by its parts, as a table; it means exactly the Mesa
program :func:`mesa_code` encodes from them:

```toml
[claim.mesa]
evaluator = "0RZ0RB_0RA1RA"         # standard format or a bitstring
fuel = 25                           # the mesa-optimizer's internal fuel
candidates = ["1RB1LB_1LA1RZ"]      # optional, either notation
count = 1                           # optional; default: the number of candidates
```

A side written ``module:function`` is imported when the file is parsed (the claim
file's folder first, then the import path) and becomes
an :class:`~mesaform.spec.objectives.Objective` (base) or a
:class:`~mesaform.spec.objectives.PartialObjective` (mesa) named by the reference, whose
failures on a machine are reported as :class:`UserFunctionError`.

Main definitions: :func:`parse_claims` (text to claims), :func:`load_claims` (a
file), :class:`ClaimFileError` (one line: the file, the claim and what is wrong),
:func:`mesa_code` (a Mesa program's code from its evaluator, fuel and candidates),
:func:`load_reference`, :func:`user_base`, :func:`user_mesa` (a user's function as a
claim side).
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from fractions import Fraction
from pathlib import Path
from typing import Any

from mesaform.model.standard_format import parse_machine
from mesaform.proofs.checking.outcome import MethodTimedOut
from mesaform.proofs.checking.small_model import deciding_length, small_model_applies
from mesaform.spec.claims import (
    PREDICATES,
    BaseSide,
    Claim,
    LibraryObjective,
    MesaProgram,
    MesaSide,
)
from mesaform.spec.library import LIBRARY_OBJECTIVES
from mesaform.spec.machines import TM, is_bitstring
from mesaform.spec.objectives import Objective, PartialObjective, parse_rational
from mesaform.spec.programs import Mesa, encode
from mesaform.spec.verdicts import Bound
from mesaform.spec.words import count_text

KEYS = (
    "name",
    "predicate",
    "base",
    "mesa",
    "max_length",
    "fuel",
    "tables_only",
    "states",
    "epsilon",
    "expect",
    "description",
)
REQUIRED = ("name", "predicate", "base", "mesa", "max_length", "fuel")
MAX_CLAIM_LENGTH = 4_000_000
"""The longest strings a claim may cover (``max_length``, or the deciding length of a
claim for every ``t``): beyond it a file is refused, in one line naming the claim, before
any claim of it is checked (one query per length, or a bound's size ``2^(N+1) - 1``, would
not fit in memory)."""

MESA_KEYS = ("evaluator", "fuel", "candidates", "count")
"""The keys of a mesa side written as a table (:func:`mesa_code`)."""


class ClaimFileError(ValueError):
    """A claim file is malformed; the message is one line naming file, claim and fault."""


class UserFunctionError(ValueError):
    """A claim side's user function raised, or returned an inexact value, on a machine."""


class MesaPartError(ValueError):
    """A part of a Mesa program given by its parts is wrong; ``part`` names it
    (``evaluator``, ``fuel``, ``candidates``, ``count``)."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part


def _natural_field(value: object, part: str, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MesaPartError(part, f"{name} must be a natural number, got {value!r}")
    return value


def _machine_field(value: object, part: str, name: str) -> TM:
    if not isinstance(value, str):
        raise MesaPartError(
            part, f"{name} must be a machine in standard format or a bitstring, got {value!r}"
        )
    try:
        return parse_machine(value)
    except ValueError as error:
        raise MesaPartError(part, f"{name}: {error}") from None


def mesa_code(
    evaluator: object,
    fuel: object,
    candidates: Sequence[object] = (),
    count: object | None = None,
    prefix: str = "",
) -> TM:
    """Return the code of the Mesa program with these parts (docs/semantics.md#mesa-programs).

    ``evaluator`` and each candidate are a machine in standard format or a bitstring;
    ``fuel`` is the mesa-optimizer's internal fuel (each evaluation's budget);
    ``count`` defaults to the number of candidates and may not be smaller. A wrong
    part raises :class:`MesaPartError` naming it (``prefix`` + its name, e.g.
    ``mesa.fuel``).
    """
    code = _machine_field(evaluator, "evaluator", f"{prefix}evaluator")
    internal = _natural_field(fuel, "fuel", f"{prefix}fuel")
    if isinstance(candidates, str) or not isinstance(candidates, Sequence):
        raise MesaPartError(
            "candidates", f"{prefix}candidates must be a list of machines, got {candidates!r}"
        )
    machines = tuple(
        _machine_field(candidate, "candidates", f"{prefix}candidates[{index}]")
        for index, candidate in enumerate(candidates)
    )
    declared = len(machines) if count is None else _natural_field(count, "count", f"{prefix}count")
    if declared < len(machines):
        raise MesaPartError(
            "count",
            f"{prefix}count must be at least the number of candidates, {len(machines)}; "
            f"got {declared}",
        )
    return encode(Mesa(count=declared, fuel=internal, evaluator=code, candidates=machines))


def _guarded(reference: str, function: Callable[[TM], Any]) -> Callable[[TM], Any]:
    """Return ``function`` with its failures reported as :class:`UserFunctionError`."""

    def call(t: TM) -> Any:
        try:
            return function(t)
        except Exception as error:
            raise UserFunctionError(
                f"{reference} failed on t = {str(t)!r}: {type(error).__name__}: {error}"
            ) from None
        except SystemExit as error:
            raise UserFunctionError(
                f"{reference} called sys.exit({error.code!r}) on t = {str(t)!r}; an objective "
                "returns a value, it does not end the program"
            ) from None
        except (KeyboardInterrupt, MethodTimedOut, GeneratorExit):
            raise  # an interrupt or the time limit, not the function's failure
        except BaseException as error:  # a BaseException subclass of the user's own
            raise UserFunctionError(
                f"{reference} failed on t = {str(t)!r}: {type(error).__name__}: {error} "
                "(a BaseException that is not an Exception)"
            ) from None

    return call


def _exact_value(reference: str, function: Callable[[TM], Any]) -> Callable[[TM], Any]:
    """Return ``function``, refusing (as :class:`UserFunctionError`) a value that is not exact."""

    def call(t: TM) -> Any:
        value = function(t)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | Fraction)):
            raise UserFunctionError(
                f"{reference} returned {type(value).__name__} {value!r} on t = {str(t)!r}; "
                "objective values are exact rationals (int or Fraction)"
            )
        return value

    return call


def _in_folder(folder: Path, module_name: str) -> bool:
    """Return whether ``module_name``'s top package or module is a file of ``folder``."""
    top = module_name.split(".")[0]
    return (folder / f"{top}.py").is_file() or (folder / top / "__init__.py").is_file()


@contextmanager
def _imported_from(folder: Path | None, module_name: str) -> Iterator[None]:
    """Import ``module_name`` from ``folder`` first, when the folder holds it.

    The folder is put first on the import path for the import only; a module of the
    same name imported earlier from elsewhere (another claim file's folder) is
    imported again from this folder.
    """
    if folder is None or not _in_folder(folder, module_name):
        yield
        return
    where = str(folder.resolve())
    top = module_name.split(".")[0]
    loaded = sys.modules.get(top)
    origin = getattr(loaded, "__file__", None) if loaded is not None else None
    if loaded is not None and (origin is None or not Path(origin).resolve().is_relative_to(where)):
        for name in [n for n in sys.modules if n == top or n.startswith(top + ".")]:
            del sys.modules[name]
    sys.path.insert(0, where)
    try:
        yield
    finally:
        with suppress(ValueError):
            sys.path.remove(where)


def load_reference(reference: str, folder: Path | None = None) -> Any:
    """Import ``module:function`` and return the attribute.

    The module is looked for in ``folder`` (a claim file's folder) first, then on the
    import path. ``ValueError`` (bad input) if the module is absent, relative
    (``.uf``), fails while it is imported (a syntax error, an exception,
    ``sys.exit``), or lacks the attribute.
    """
    module_name, _, attribute = reference.partition(":")
    if not module_name or module_name.startswith("."):
        raise ValueError(
            f"{reference!r}: the module name must be absolute, like package.module:function"
        )
    try:
        with _imported_from(folder, module_name):
            module = importlib.import_module(module_name)
    except ImportError as error:
        raise ValueError(
            f"cannot import module {module_name!r} of {reference!r}: {error}"
        ) from None
    except SyntaxError as error:
        raise ValueError(
            f"module {module_name!r} of {reference!r} has a syntax error: {error.msg} "
            f"({error.filename}, line {error.lineno})"
        ) from None
    except Exception as error:
        raise ValueError(
            f"module {module_name!r} of {reference!r} failed while imported: "
            f"{type(error).__name__}: {error}"
        ) from None
    except SystemExit as error:
        raise ValueError(
            f"module {module_name!r} of {reference!r} called sys.exit({error.code!r}) "
            "while imported"
        ) from None
    try:
        target = module
        for part in attribute.split("."):
            target = getattr(target, part)
    except AttributeError:
        raise ValueError(f"module {module_name!r} has no attribute {attribute!r}") from None
    return target


def user_base(reference: str, folder: Path | None = None) -> Objective:
    """Return the base objective ``U`` named ``module:function``.

    The target is an :class:`~mesaform.spec.objectives.Objective` or a function ``TM -> int |
    Fraction``; either way its failures and inexact values raise :class:`UserFunctionError`.
    """
    target = load_reference(reference, folder)
    if isinstance(target, Objective):
        return Objective(target.name, _exact_value(reference, _guarded(reference, target)))
    if not callable(target):
        raise ValueError(f"{reference!r} is not a function TM -> int | Fraction")
    return Objective(reference, _exact_value(reference, _guarded(reference, target)))


def user_mesa(reference: str, folder: Path | None = None) -> PartialObjective:
    """Return the mesa-objective ``U_m`` named ``module:function``.

    The target is a :class:`~mesaform.spec.objectives.PartialObjective`, or a function
    returning a value or ``None`` (undefined).
    """
    target = load_reference(reference, folder)
    if isinstance(target, PartialObjective):
        return PartialObjective(
            target.name,
            _guarded(reference, target.defined),
            _exact_value(reference, _guarded(reference, target.value)),
        )
    if not callable(target):
        raise ValueError(
            f"{reference!r} is not a PartialObjective nor a function TM -> int | Fraction | None"
        )
    return PartialObjective.from_optional(
        reference, _exact_value(reference, _guarded(reference, target))
    )


def parse_claims(text: str, source: str = "<string>", folder: Path | None = None) -> list[Claim]:
    """Parse TOML ``text`` into claims; raise :class:`ClaimFileError` on any fault.

    A ``module:function`` side is imported from ``folder`` (the claim file's) first.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ClaimFileError(f"{source}: not valid TOML: {error}") from None
    except RecursionError:
        raise ClaimFileError(
            f"{source}: arrays or tables nested deeper than a claim file needs"
        ) from None
    if "claim" in document:
        extra = sorted(set(document) - {"claim"})
        if extra:
            raise ClaimFileError(
                f"{source}: unexpected top-level key {extra[0]!r} beside [[claim]] tables"
            )
        tables = document["claim"]
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise ClaimFileError(f"{source}: 'claim' must be an array of tables, [[claim]]")
    else:
        tables = [document]
    if not tables or tables == [{}]:
        raise ClaimFileError(f"{source}: no claim found; write one or more [[claim]] tables")
    claims = [_claim(table, source, index, folder) for index, table in enumerate(tables, start=1)]
    names = [claim.name for claim in claims]
    for name in names:
        if names.count(name) > 1:
            raise ClaimFileError(f"{source}: claim name {name!r} is used more than once")
    return claims


def load_claims(path: Path) -> list[Claim]:
    """Read and parse the claim file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ClaimFileError(f"{path}: cannot read claim file: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise ClaimFileError(f"{path}: a claim file is UTF-8 text: {error.reason}") from None
    return parse_claims(text, str(path), Path(path).parent)


def _claim(table: dict[str, Any], source: str, index: int, folder: Path | None) -> Claim:
    label = f"{source}: claim #{index}"
    if isinstance(table.get("name"), str):
        label = f"{source}: claim {table['name']!r}"

    def fail(message: str) -> ClaimFileError:
        return ClaimFileError(f"{label}: {message}")

    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}; expected keys are {', '.join(KEYS)}")
    for key in REQUIRED:
        if key not in table:
            raise fail(f"missing key {key!r}")
    for key in ("name", "predicate", "base"):
        if not isinstance(table[key], str):
            raise fail(f"{key} must be a string")
    if not isinstance(table["mesa"], str | dict):
        raise fail(
            "mesa must be a string (a Mesa program's bitstring or 'module:function') or a "
            f"table with {', '.join(MESA_KEYS)}"
        )
    if not table["name"].strip():
        raise fail("name must not be empty: --claim NAME and file names are made from it")
    every_length = table["max_length"] == "all"
    for key in ("fuel",) if every_length else ("max_length", "fuel"):
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            expected = 'a natural number or "all"' if key == "max_length" else "a natural number"
            raise fail(f"{key} must be {expected}, got {value!r}")
    if table["predicate"] not in PREDICATES:
        raise fail(
            f"unknown predicate {table['predicate']!r}; expected one of {', '.join(PREDICATES)}"
        )
    states = table.get("states")
    if states is not None and (
        isinstance(states, bool) or not isinstance(states, int) or states < 0
    ):
        raise fail(f"states must be a natural number, got {states!r}")
    tables_only = table.get("tables_only", False)
    if not isinstance(tables_only, bool):
        raise fail(f"tables_only must be true or false, got {tables_only!r}")
    try:
        max_length = 0 if every_length else table["max_length"]
        claim = Claim(
            name=table["name"],
            predicate=table["predicate"],
            base=_base_side(table["base"], folder),
            mesa=_mesa_side(table["mesa"], folder),
            bound=Bound(max_length, table["fuel"], tables_only, states, every_length),
            epsilon=_rational(table["epsilon"]) if "epsilon" in table else None,
            expect=table.get("expect"),
            description=str(table.get("description", "")),
        )
    except (ValueError, TypeError, ZeroDivisionError) as error:
        raise fail(str(error)) from None
    if every_length:
        reason = small_model_applies(claim)
        if reason is not None:
            raise fail(
                f'max_length = "all" needs a small-model theorem, and none applies: {reason}'
            )
        deciding = deciding_length(claim)
        if deciding > MAX_CLAIM_LENGTH:
            raise fail(
                f'max_length = "all" is decided by the strings of length at most '
                f"{count_text(deciding)} (small-model theorem), beyond the {MAX_CLAIM_LENGTH:,} "
                "a check can cover; lower the Mesa program's internal fuel or epsilon"
            )
    elif claim.bound.max_length > MAX_CLAIM_LENGTH:
        raise fail(
            f"max_length {count_text(claim.bound.max_length)} is beyond the "
            f"{MAX_CLAIM_LENGTH:,} a check can cover"
        )
    return claim


def _is_reference(text: str) -> bool:
    module, _, function = text.partition(":")
    return bool(module) and bool(function)


def _base_side(text: str, folder: Path | None) -> BaseSide:
    if ":" in text:
        if not _is_reference(text):
            raise ValueError(f"a user objective is written 'module:function'; got {text!r}")
        return user_base(text, folder)
    if text not in LIBRARY_OBJECTIVES:
        raise ValueError(
            f"base {text!r} is neither a library objective ({', '.join(LIBRARY_OBJECTIVES)}) "
            "nor a 'module:function' reference"
        )
    return LibraryObjective(text)


def _mesa_side(text: str | dict[str, Any], folder: Path | None) -> MesaSide:
    if isinstance(text, dict):
        unknown = sorted(set(text) - set(MESA_KEYS))
        if unknown:
            raise ValueError(
                f"unknown key 'mesa.{unknown[0]}'; a mesa table has {', '.join(MESA_KEYS)}"
            )
        for key in ("evaluator", "fuel"):
            if key not in text:
                raise ValueError(f"missing key 'mesa.{key}'")
        code = mesa_code(
            text["evaluator"],
            text["fuel"],
            text.get("candidates", []),
            text.get("count"),
            prefix="mesa.",
        )
        return MesaProgram(code)
    if ":" in text:
        if not _is_reference(text):
            raise ValueError(f"a user objective is written 'module:function'; got {text!r}")
        return user_mesa(text, folder)
    if not is_bitstring(text) or not text.startswith("1"):
        raise ValueError(
            f"mesa {text[:40]!r} is neither a Mesa program (a bitstring starting with 1) "
            "nor a 'module:function' reference; a mesa-optimizer is also written by its "
            "parts, [claim.mesa] with evaluator, fuel and optional candidates, count "
            "(mesaform encode prints the bitstring)"
        )
    return MesaProgram(TM(text))


def _rational(value: object) -> Fraction:
    if isinstance(value, bool | float):
        raise ValueError(f"epsilon must be exact: an integer or a string 'p/q', got {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return parse_rational(value)
        except ValueError as error:
            raise ValueError(f"epsilon {error}") from None
        except ZeroDivisionError:
            raise ValueError(f"epsilon {value[:40]!r} divides by zero") from None
    raise ValueError(f"epsilon must be an integer or a string 'p/q', got {value!r}")
