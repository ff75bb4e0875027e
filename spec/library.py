"""The library objectives and the mesa-objective of a Mesa program.

See docs/semantics.md#objectives and #library-objectives.

Formalizes "U : TM -> R which scores our machines" with "Example: in the case of
evolution, U is: how well does this machine self-replicate?", and "evaluate which
is the best one according to some internally represented function U_m", whose
domain "may be only a subset of the domain of U".

Main definitions:

- :func:`code_ones` -- the number of 1s in the string ``t``;
- :func:`productivity` -- ``ones`` of ``t``'s halted run from blank, else 0 (Sigma);
- :func:`busyness` -- ``steps`` of that run, else 0 (the busy-beaver S);
- :func:`self_replication` -- how much of itself ``t``'s output ``o`` reproduces:
  ``a**2 / max(|o|,|t|)`` with ``a = |{i < min(|o|,|t|) : o_i = t_i}|``, ``0`` when
  both are empty or ``t`` does not halt within the fuel
  (docs/semantics.md#self-replication);
- :func:`mesa_objective` -- ``U_m(t) = ones(run(e, t, f))`` where that run halts,
  undefined elsewhere.
- :data:`LIBRARY` -- every library objective registered once by name;
  :func:`library_objective` -- a library objective by name, its runs made by the
  reference interpreter or by any run function with the same results.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache

from mesaform.spec.interpreter import check_fuel
from mesaform.spec.interpreter import run as reference_run
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.programs import Mesa, Program, decode
from mesaform.spec.results import Halted, RunResult

RunFunction = Callable[[str | Program, str, int], RunResult]
"""``run(machine, x, fuel)``: the reference interpreter, or an engine with the same results."""


def code_ones() -> Objective:
    """Return ``U(t) = `` the number of ``1`` characters in ``t`` (syntactic).

    Coq twin: ``Objectives.code_ones`` (proofs/coq, docs/coq.md).
    """
    return Objective("code_ones", lambda t: t.count("1"))


def _reading(
    name: str, fuel: int, run: RunFunction, read: Callable[[Halted, TM], int | Fraction]
) -> Objective:
    """Return ``U_F(t) = read(run(t, "", F), t)`` if that run halts within ``F``, else 0."""
    check_fuel(fuel)

    def score(t: TM) -> int | Fraction:
        result = run(t, "", fuel)
        return read(result, t) if isinstance(result, Halted) else 0

    return Objective(f"{name}(fuel={fuel})", score)


def productivity(fuel: int, run: RunFunction = reference_run) -> Objective:
    """Return ``U_F(t) = ones`` of ``t``'s run from blank if it halts within ``F``, else 0.

    Coq twin: ``Objectives.productivity`` (proofs/coq, docs/coq.md).
    """
    return _reading("productivity", fuel, run, lambda result, _t: result.ones)


def busyness(fuel: int, run: RunFunction = reference_run) -> Objective:
    """Return ``U_F(t) = steps`` of ``t``'s run from blank if it halts within ``F``, else 0.

    Coq twin: ``Objectives.busyness`` (proofs/coq, docs/coq.md).
    """
    return _reading("busyness", fuel, run, lambda result, _t: result.steps)


def replication_score(output: str, t: str) -> Fraction:
    """Return how much of ``t`` the string ``output`` reproduces: ``a**2 / max(|o|, |t|)``.

    ``a = |{i < min(|o|,|t|) : o_i = t_i}|`` is the number of bits of ``t`` that
    ``output`` reproduces in place, and ``a / max(|o|, |t|)`` the fidelity of the copy;
    the score is their product, ``0`` when both strings are empty. It grows with every
    reproduced bit, is at most ``|t|``, and equals ``|t| > 0`` exactly when
    ``output == t`` (docs/semantics.md#self-replication).

    Coq twin: ``Objectives.replication_score`` (proofs/coq, docs/coq.md).
    """
    longest = max(len(output), len(t))
    if longest == 0:
        return Fraction(0)
    agreeing = sum(1 for a, b in zip(output, t, strict=False) if a == b)
    return Fraction(agreeing * agreeing, longest)


def self_replication(fuel: int, run: RunFunction = reference_run) -> Objective:
    """Return how much of itself ``t``'s output (run from blank within ``F``) reproduces.

    ``replication_score(o, t)`` for the output ``o`` of a halting run, else ``0``
    (docs/semantics.md#self-replication).

    Coq twin: ``Objectives.self_replication`` (proofs/coq, docs/coq.md).
    """
    return _reading(
        "self_replication", fuel, run, lambda result, t: replication_score(result.output, t)
    )


LIBRARY: dict[str, Callable[[int, RunFunction], Objective]] = {
    "code_ones": lambda _fuel, _run: code_ones(),
    "productivity": productivity,
    "busyness": busyness,
    "self_replication": self_replication,
}
"""Every library objective, by name: ``U_F`` from a fuel and a run function."""

LIBRARY_OBJECTIVES: tuple[str, ...] = tuple(LIBRARY)
"""The library objectives' names; each but ``code_ones`` runs ``t`` with the bound's fuel."""

RUN_READINGS: dict[str, str] = {"productivity": "ones", "busyness": "steps"}
"""The library objectives that read only ``t``'s run from blank (its ``ones`` or ``steps``),
not ``t``'s code: the busy-beaver objectives."""


def library_objective(name: str, fuel: int, run: RunFunction = reference_run) -> Objective:
    """Return the library objective called ``name`` at ``fuel``, its runs made by ``run``.

    ``fuel`` is ignored by ``code_ones``. With another ``run`` that has the
    reference interpreter's results (the compiled engine), it is the same objective.
    """
    if name not in LIBRARY:
        raise ValueError(
            f"unknown library objective {name!r}; expected one of {', '.join(LIBRARY_OBJECTIVES)}"
        )
    return LIBRARY[name](fuel, run)


def mesa_objective(m: str | Mesa) -> PartialObjective:
    """Return ``U_m``: ``ones`` of ``run(e, t, f)`` where it halts, undefined elsewhere.

    ``dom(U_m) = {t : e halts on input t within f}``, decidable by construction.

    Coq twin: ``Objectives.mesa_objective`` (proofs/coq, docs/coq.md).
    """
    if not isinstance(m, str | Mesa):
        raise TypeError(
            "m must be a Mesa program or its code (a TM or str starting with 1); "
            f"got {type(m).__name__} {repr(m)[:40]}"
        )
    mesa = decode(m) if isinstance(m, str) else m
    if not isinstance(mesa, Mesa):
        raise ValueError(
            "a mesa-objective is taken from a Mesa program (a code starting with 1); "
            "this code decodes to a Table"
        )

    @lru_cache(maxsize=4096)
    def evaluation(t: TM) -> Halted | None:
        result = reference_run(mesa.evaluator, t, mesa.fuel)
        return result if isinstance(result, Halted) else None

    def defined(t: TM) -> bool:
        return evaluation(t) is not None

    def value(t: TM) -> int:
        result = evaluation(t)
        if result is None:
            raise ValueError(f"U_m is undefined at {t!r}")
        return result.ones

    return PartialObjective(f"U_m(e={mesa.evaluator or 'ε'}, f={mesa.fuel})", defined, value)
