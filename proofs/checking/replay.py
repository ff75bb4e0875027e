"""Replay a method's counterexample through the reference interpreter (docs/semantics.md#verdicts).

"Never report a solver's counterexample before it is replayed concretely." Every
:class:`~mesaform.proofs.checking.outcome.Found`, whichever method produced it, passes through
:func:`replay`: the claim's ``U`` and ``U_m`` are recomputed by
``mesaform.spec.interpreter.run`` and the predicate's failure is checked again. Only then
does it become a :class:`~mesaform.spec.verdicts.Counterexample`; if it does not fail, the
method has a bug and :class:`~mesaform.proofs.checking.outcome.ReplayDisagreement` is raised.

Main definitions: :func:`replay`, :func:`mesa_run` (what the mesa-optimizer did on
``t``), :func:`rational` (values as ``p/q`` text).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from mesaform.proofs.checking.outcome import Found, ReplayDisagreement
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM
from mesaform.spec.objectives import rational
from mesaform.spec.programs import Mesa, decode
from mesaform.spec.results import Halted
from mesaform.spec.verdicts import Counterexample, MesaRun
from mesaform.spec.words import plural


def replay(claim: Claim, found: Found) -> Counterexample:
    """Recompute both sides of ``claim`` at ``found.machines`` with the reference interpreter.

    Return the counterexample if the predicate fails there; raise
    :class:`ReplayDisagreement` otherwise.
    """
    expected = claim.arity
    machines = tuple(TM(t) for t in found.machines)

    def disagree(why: str) -> ReplayDisagreement:
        shown = ", ".join(repr(str(t)) for t in machines)
        unstable = _unstable_user_function(claim, machines)
        if unstable is not None:
            return ReplayDisagreement(
                f"method {found.method} reported ({shown}) as a counterexample to "
                f"{claim.name!r}, but it does not replay because {unstable}; a claim's "
                "functions must answer the same on the same input",
                method=found.method,
            )
        return ReplayDisagreement(
            f"method {found.method} reported ({shown}) as a counterexample to {claim.name!r}, "
            f"but the reference interpreter disagrees: {why}",
            method=found.method,
        )

    if len(machines) != expected:
        raise disagree(f"{claim.predicate} needs {expected} machine(s), got {len(machines)}")
    for t in machines:
        if not claim.bound.contains(t):
            raise disagree(f"{str(t)!r} is outside the bound {claim.bound.describe()}")
    base = claim.base_objective()
    mesa = claim.mesa_objective()
    base_values = tuple(base(t) for t in machines)
    mesa_values = tuple(mesa(t).to_option() for t in machines)
    if any(value is None for value in mesa_values):
        raise disagree("U_m is undefined there, so no predicate speaks of it")
    if not claim.fails_on(base_values, mesa_values):
        values = ", ".join(
            f"U = {rational(u)}, U_m = {rational(v)}"
            for u, v in zip(base_values, mesa_values, strict=True)
        )
        raise disagree(f"{claim.predicate} holds there ({values})")
    runs = tuple(run for t in machines if (run := mesa_run(claim, t)) is not None)
    return Counterexample(
        machines, base_values, mesa_values, _replay_note(claim, machines), mesa_runs=runs
    )


def mesa_run(claim: Claim, t: TM) -> MesaRun | None:
    """Return what the claim's mesa-optimizer did on ``t`` (its evaluator's run within its
    internal fuel, by the reference interpreter), or ``None`` when ``U_m`` is a user
    function."""
    if not isinstance(claim.mesa, MesaProgram):
        return None
    mesa = decode(claim.mesa.code)
    assert isinstance(mesa, Mesa)
    result = run(mesa.evaluator, t, mesa.fuel)
    if isinstance(result, Halted):
        return MesaRun(result.steps, mesa.fuel, True, result.ones)
    return MesaRun(mesa.fuel, mesa.fuel, False, None)


def _unstable_user_function(claim: Claim, machines: tuple[TM, ...]) -> str | None:
    """Return which user function answered differently on the same input, if one did.

    Each side that is not mesaform's own (a library objective, a Mesa program) is
    called three times on each machine; ``None`` if every call agreed.
    """
    sides: list[tuple[str, Callable[[TM], Fraction | None]]] = []
    if not isinstance(claim.base, LibraryObjective):
        sides.append((claim.base.name, claim.base_objective()))
    if not isinstance(claim.mesa, MesaProgram):
        mesa = claim.mesa_objective()
        sides.append((claim.mesa.name, lambda t: mesa(t).to_option()))
    for name, function in sides:
        for t in machines:
            answers = [function(t) for _ in range(3)]
            if any(answer != answers[0] for answer in answers[1:]):
                shown = ", then ".join(rational(a) for a in answers)
                return f"{name} answered {shown} on the same input t = {str(t)!r}"
    return None


def _replay_note(claim: Claim, machines: tuple[TM, ...]) -> str:
    notes = []
    if isinstance(claim.mesa, MesaProgram):
        mesa = decode(claim.mesa.code)
        assert isinstance(mesa, Mesa)
        for t in machines:
            result = run(mesa.evaluator, t, mesa.fuel)
            if isinstance(result, Halted):
                notes.append(
                    f"the evaluator halted on {str(t) or 'ε'} after {result.steps} of "
                    f"{mesa.fuel} steps with {plural(result.ones, 'one')}"
                )
    prefix = "replayed by the reference interpreter"
    return f"{prefix}: {'; '.join(notes)}" if notes else prefix
