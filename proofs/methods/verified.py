"""The verified checker: code_ones claims decided by a decider proved correct in Coq.

Formalizes the bounded claims of docs/semantics.md#claims with base objective
``code_ones`` and ``U_m`` a Mesa program's -- "∀t, |t| ≤ n: t ∈ dom(U_m) → U(t) =
U_m(t)", approximate alignment within a rational ε and order alignment -- and the
same claims for every ``t`` (docs/semantics.md#small-model), decided by the Coq
functions ``Decider.decide`` and ``Decider.decide_every`` (proofs/coq/Decider.v),
extracted to OCaml and compiled by ``make coq`` into ``proofs/coq/mesaform-checker``.
``Decider.decide_spec`` proves that the decider answers "holds" exactly when the claim
holds (``Decider.decide_every_correct`` for every ``t``, through the small-model
theorem ``SmallModel.small_model_inner`` / ``_approx`` / ``_order``), and
``Decider.decide_least`` and ``Decider.decide_order_least`` that a counterexample is the
least (docs/coq.md#the-decider).

The checker is a subprocess speaking a line format (docs/coq.md#the-extracted-checker):

- ``run T X F`` -> ``halted STEPS CELLS`` or ``out-of-fuel F``;
- ``decide R M N`` (``N`` a length, or ``all``) -> ``holds N`` or ``fails T`` or
  ``fails S T``; ``R`` is ``inner``, ``order`` or ``approximate:P/Q``;

bitstrings are written with ``-`` for the empty one. Like every method's, a
counterexample the checker returns is replayed by the checker's caller through the
reference interpreter (:func:`mesaform.proofs.checking.replay.replay`).

Main definitions:

- :func:`checker_path` -- the compiled checker, or ``None`` where it is not built;
- :func:`decide_request`, :func:`parse_decision` -- a claim as a request, an answer read;
- :func:`run_requests` -- a batch of requests through one checker process;
- :func:`verified_why_not`, :func:`verified_decide` -- the method's logic;
- :class:`VerifiedMethod` -- the method ``verified``, registered.
"""

from __future__ import annotations

import os
import resource
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import Found, MethodInterrupted, MethodOutcome
from mesaform.proofs.methods.interface import UNLIMITED, Budget, CostEstimate, Family
from mesaform.proofs.methods.registry import register
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, decode
from mesaform.spec.results import Halted, OutOfFuel, RunResult
from mesaform.spec.verdicts import Proved, Unknown

CHECKER_NAME = "mesaform-checker"
"""The file name of the compiled checker, next to the Coq sources."""

MAX_LENGTH = 20
"""The longest strings the checker is asked to enumerate (``2^21 - 1`` strings, one
length's list in memory at a time). Beyond, it looks for a counterexample up to this
length, and a claim it finds none for ends ``unknown``."""

SMALL_STACK_LENGTH = 18
"""The longest strings enumerated where the stack cannot be raised to a gigabyte (the
checker ran to length 18 within the default 8 MB)."""


def enumeration_limit() -> int:
    """Return the longest strings the checker enumerates here: :data:`MAX_LENGTH`, or
    :data:`SMALL_STACK_LENGTH` where the hard stack limit is below a gigabyte."""
    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    if hard == resource.RLIM_INFINITY or hard >= 1 << 30:
        return MAX_LENGTH
    return SMALL_STACK_LENGTH


MAX_FUEL = 1 << 20
"""The largest internal fuel of ``m`` the checker is given: fuel is a Coq ``nat``, a
chain of that many cells."""

NOT_BUILT = (
    "the verified checker is not built: run 'make coq' in a source checkout "
    "(it needs coqc, ocamlfind and zarith); an installed wheel has no checker"
)
"""Why ``--method verified`` cannot run at all (one line, exit 2)."""

COQ_BOUNDED = "Decider.decide_spec"
COQ_EVERY = "Decider.decide_every_correct"


CHECKER_VARIABLE = "MESAFORM_CHECKER"
"""An environment variable naming another compiled checker to run (e.g. one built in a
copy of the sources); when set, only that file is looked at."""


def checker_path() -> Path | None:
    """Return the compiled checker, or ``None`` where it is not built (a wheel install,
    or a checkout before ``make coq``): ``$MESAFORM_CHECKER`` when set, else
    ``proofs/coq/mesaform-checker``."""
    from mesaform.proofs import coq

    named = os.environ.get(CHECKER_VARIABLE)
    path = Path(named) if named else Path(coq.__file__).resolve().parent / CHECKER_NAME
    return path if path.is_file() and os.access(path, os.X_OK) else None


def bits(t: str) -> str:
    """Return ``t`` in the line format (``-`` for the empty string)."""
    return t if t else "-"


def reading(claim: Claim) -> str:
    """Return the claim's predicate in the line format."""
    if claim.predicate == "inner-alignment":
        return "inner"
    if claim.predicate == "order-alignment":
        return "order"
    assert claim.epsilon is not None
    return f"approximate:{claim.epsilon.numerator}/{claim.epsilon.denominator}"


def decide_request(claim: Claim, length: int | None = None) -> str:
    """Return the ``decide`` request for ``claim`` (call only when it is covered): at
    ``length`` when given, else at the claim's bound (``all`` for every ``t``)."""
    assert isinstance(claim.mesa, MesaProgram)
    if length is None:
        length_word = "all" if claim.bound.every_length else str(claim.bound.max_length)
    else:
        length_word = str(length)
    return f"decide {reading(claim)} {bits(claim.mesa.code)} {length_word}"


@dataclass(frozen=True)
class Decision:
    """An answer of the checker: ``holds`` at ``length``, or the counterexample's machines."""

    length: int | None
    machines: tuple[TM, ...]


class CheckerError(RuntimeError):
    """The checker answered something that is not an answer (a bug, never a verdict)."""


def _machine(word: str) -> TM:
    text = "" if word == "-" else word
    if any(c not in "01" for c in text):
        raise CheckerError(f"the checker answered a non-bitstring {word!r}")
    return TM(text)


def parse_decision(line: str) -> Decision:
    """Read a ``decide`` answer; :class:`CheckerError` on anything else."""
    words = line.split()
    if len(words) == 2 and words[0] == "holds" and words[1].isdigit():
        return Decision(int(words[1]), ())
    if len(words) in (2, 3) and words[0] == "fails":
        return Decision(None, tuple(_machine(word) for word in words[1:]))
    raise CheckerError(f"the verified checker answered {line!r}")


def parse_run(line: str) -> RunResult:
    """Read a ``run`` answer as the reference interpreter's result type."""
    words = line.split()
    if len(words) == 2 and words[0] == "out-of-fuel":
        return OutOfFuel(int(words[1]))
    if len(words) == 3 and words[0] == "halted":
        cells = [] if words[2] == "-" else [int(cell) for cell in words[2].split(",")]
        tape = frozenset(cells)
        if len(tape) != len(cells):
            raise CheckerError(f"the checker's tape repeats a cell: {line!r}")
        return Halted(int(words[1]), tape)
    raise CheckerError(f"the verified checker answered {line!r}")


def run_request(t: str, x: str, fuel: int) -> str:
    """Return the ``run`` request for ``run(t, x, fuel)``."""
    return f"run {bits(t)} {bits(x)} {fuel}"


def _unlimited_stack() -> None:
    """Raise the checker's stack limit to the hard limit: the extracted list functions
    (``app``, ``map``) recurse once per element, a million deep at length 20."""
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_STACK, (hard, hard))


def run_requests(lines: list[str], timeout: float | None = None) -> list[str]:
    """Send ``lines`` to one checker process; return its answer to each, in order.

    ``subprocess.TimeoutExpired`` past ``timeout`` seconds (the process is killed);
    :class:`CheckerError` when the checker is not built or answers with the wrong
    number of lines.
    """
    path = checker_path()
    if path is None:
        raise CheckerError("the verified checker is not built")
    done = subprocess.run(
        [str(path)],
        preexec_fn=_unlimited_stack,
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    answers = done.stdout.splitlines()
    if done.returncode != 0 or len(answers) != len(lines):
        raise CheckerError(
            f"the verified checker exited with {done.returncode} after {len(answers)} of "
            f"{len(lines)} answers: {done.stderr.strip()[:200]}"
        )
    return answers


def internal_fuel(claim: Claim) -> int | None:
    """Return the internal fuel ``f`` of the claim's Mesa program, if it is one."""
    if not isinstance(claim.mesa, MesaProgram):
        return None
    program = decode(claim.mesa.code)
    return program.fuel if isinstance(program, Mesa) else None


def deciding_length(claim: Claim) -> int:
    """Return the length the checker enumerates: the bound, or for every ``t`` the
    small-model theorem's (``Decider.deciding_length``, twin of
    :func:`mesaform.proofs.checking.small_model.deciding_length`)."""
    if claim.bound.every_length:
        from mesaform.proofs.checking.small_model import deciding_length as small

        return small(claim)
    return claim.bound.max_length


def verified_why_not(claim: Claim, options: CheckOptions | None = None) -> str | None:
    """Return why the verified checker does not decide ``claim`` (one line), or ``None``.

    :data:`NOT_BUILT` where the checker is not built (the command line then refuses
    ``--method verified``, exit 2); a claim it does not cover ends ``unknown``."""
    if checker_path() is None:
        return NOT_BUILT
    if not isinstance(claim.base, LibraryObjective) or claim.base.name != "code_ones":
        return "the verified checker decides claims whose base objective is code_ones"
    if not isinstance(claim.mesa, MesaProgram):
        return "the verified checker decides claims whose mesa side is a Mesa program's code"
    fuel = internal_fuel(claim)
    if fuel is None:
        return "the mesa side decodes to a Table, not a Mesa program"
    if claim.bound.tables_only or claim.bound.states is not None:
        return "the verified checker covers every string of the bound, not tables_only or states"
    if options is not None and options.find_all:
        return "the verified checker returns the least counterexample, not every one (--all)"
    if fuel > MAX_FUEL:
        return f"the Mesa program's internal fuel {fuel} is above the checker's {MAX_FUEL}"
    return None


def strings_up_to(length: int) -> int:
    """Return how many strings have at most ``length`` bits."""
    return (1 << (length + 1)) - 1


def shortlex_rank(t: str) -> int:
    """Return how many strings come before ``t`` in shortlex order."""
    return (1 << len(t)) - 1 + (int(t, 2) if t else 0)


def verified_decide(claim: Claim, budget: Budget = UNLIMITED) -> MethodOutcome:
    """Decide ``claim`` with the verified checker (call only when it is covered).

    ``Proved`` with the count of strings the decider covered; ``Found`` with the least
    counterexample (not yet replayed); ``Unknown`` past ``budget.seconds``.
    """
    reason = verified_why_not(claim)
    if reason is not None:
        return Unknown(claim.bound, "verified", f"verified does not cover this claim: {reason}")
    expected = deciding_length(claim)
    limit = enumeration_limit()
    partial = expected > limit
    assert isinstance(claim.mesa, MesaProgram)
    requests = [decide_request(claim, limit if partial else None)]
    if claim.bound.every_length and not partial:
        # Coq's nat is unary: its deciding length is asked only when it is small.
        requests.append(f"deciding-length {reading(claim)} {bits(claim.mesa.code)}")
    try:
        answers = run_requests(requests, timeout=budget.seconds)
    except subprocess.TimeoutExpired:
        return Unknown(
            claim.bound, "verified", f"timed out: the time limit of {budget.seconds:g} s"
        )
    except KeyboardInterrupt as interrupt:
        raise MethodInterrupted("in the verified checker", interrupt) from None
    if claim.bound.every_length and not partial and answers[1] != str(expected):
        raise CheckerError(
            f"Coq's deciding length is {answers[1]!r}, the small-model theorem's {expected}"
        )
    decision = parse_decision(answers[0])
    decided = limit if partial else expected
    if decision.length is not None:
        if decision.length != decided:
            raise CheckerError(
                f"the verified checker decided at |t| <= {decision.length}, not {decided}"
            )
        checked = strings_up_to(decided)
        if partial:
            scope = "the small-model theorem's bound" if claim.bound.every_length else "the bound"
            return Unknown(
                claim.bound,
                "verified",
                f"no counterexample with |t| <= {limit}, as far as the verified checker "
                f"enumerates; {scope} is |t| <= {expected}",
                checked,
            )
        if claim.bound.every_length:
            from mesaform.proofs.checking.small_model import bounded_claim, every_length_detail

            detail = (
                f"{every_length_detail(claim, bounded_claim(claim))}; decided by the "
                f"extracted Coq decider ({COQ_EVERY}, with the small-model theorem proved in Coq)"
            )
        else:
            detail = f"decided by the extracted Coq decider ({COQ_BOUNDED})"
        return Proved(claim.bound, "verified", checked, detail=detail)
    # A counterexample within |t| <= decided lies within the claim's bound, and
    # Decider.decide_least / decide_order_least make it the least of all TM.
    later = max(decision.machines, key=lambda t: (len(t), t))
    return Found(decision.machines, "verified", shortlex_rank(later) + 1)


class VerifiedMethod:
    """The method ``verified``: the extracted Coq decider (see the module's docstring)."""

    name = "verified"
    family: Family = "verified"

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return ``None`` when the checker is built and decides ``claim``, else why not."""
        return verified_why_not(claim, options)

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the strings the decider enumerates, each a run of the evaluator."""
        length = deciding_length(claim)
        strings = strings_up_to(length)
        fuel = internal_fuel(claim) or 0
        return CostEstimate(
            strings * max(fuel, 1),
            length <= enumeration_limit(),
            f"{strings:,} strings (|t| <= {length}) in the verified checker",
        )

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Decide ``claim`` with the extracted checker within ``budget``; ``ValueError``
        with ``find_all`` (the checker returns the least counterexample only)."""
        if options.find_all:
            raise ValueError("--method verified returns the least counterexample, not every one")
        return verified_decide(claim, budget)


VERIFIED = register(VerifiedMethod())
"""The registered method."""
