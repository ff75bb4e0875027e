"""Checkpoints: what a long check has finished, kept on disk so that it resumes exactly.

A check resumed from its checkpoint ends with the verdict, the minimal
counterexample and the counts of an uninterrupted run (docs/large-checks.md):
enumeration keeps its finished ranges of strings (:class:`mesaform.proofs.methods.ranges.Span`,
merged by :class:`mesaform.proofs.methods.ranges.Frontier`), the SMT methods the lengths they have
decided (sat or unsat; an unknown is decided again).

A checkpoint names the mesaform version, the method, ``--all`` and, for every claim,
its name, predicate, sides, epsilon and bound; one made for anything else is
refused. It carries a SHA-256 of its content, and every range is checked to lie in
its bound without overlap: a damaged checkpoint is refused, never trusted.

Main definitions:

- :class:`CheckpointError` -- why a checkpoint is refused, in one line;
- :class:`Checkpoint` -- open (new or resumed), :meth:`~Checkpoint.store` for one
  claim, :meth:`~Checkpoint.save` (atomic, at most every :data:`SAVE_SECONDS`);
- :class:`ClaimStore` -- one claim's spans and solver answers (a
  :class:`mesaform.proofs.methods.ranges.SpanStore`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from mesaform.model.files import write_json_atomically
from mesaform.proofs.checking.report import claim_fields
from mesaform.proofs.methods.ranges import Span
from mesaform.proofs.methods.solver_claims import QueryAnswer
from mesaform.spec.claims import Claim
from mesaform.spec.machines import TM, is_bitstring
from mesaform.spec.objectives import parse_rational
from mesaform.spec.verdicts import Bound

FORMAT = "mesaform checkpoint"
FORMAT_VERSION = 1
SAVE_SECONDS = 2.0
"""A checkpoint is rewritten at most this often while work finishes (and once at the end)."""


class CheckpointError(ValueError):
    """A checkpoint that cannot be used: made for another check, or damaged."""


def claim_identity(claim: Claim) -> dict[str, Any]:
    """Return what fixes a claim's verdict, apart from its bound: predicate, sides, epsilon.

    A user's function is known by its name (``module:function``): a change to its
    code under the same name is not seen.
    """
    fields = claim_fields(claim)
    return {key: fields[key] for key in ("predicate", "base", "mesa", "epsilon")}


def bound_fields(bound: Bound) -> dict[str, Any]:
    """Return the bound as JSON fields."""
    return {
        "max_length": bound.max_length,
        "fuel": bound.fuel,
        "tables_only": bound.tables_only,
        "states": bound.states,
    }


def checked_bound(claim: Claim) -> Bound:
    """Return the bound whose strings the check of ``claim`` covers: its own, or for a
    claim about every ``t`` the one the small-model theorem reduces it to (the ranges
    and lengths a checkpoint keeps are of that bound)."""
    if not claim.bound.every_length:
        return claim.bound
    from mesaform.proofs.checking.small_model import bounded_claim

    return bounded_claim(claim).bound


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _span_json(span: Span) -> list[Any]:
    pairs = [[p, str(m), str(b)] for p, m, b in span.pairs]
    return [span.start, span.stop, span.in_domain, list(span.failures), pairs]


def _merge(left: Span, right: Span, find_all: bool) -> Span:
    """Return the span of two adjacent spans (pairs: the first occurrences of both)."""
    seen = {(m, b) for _, m, b in left.pairs}
    pairs = left.pairs + tuple(p for p in right.pairs if (p[1], p[2]) not in seen)
    failures = left.failures + right.failures
    return Span(
        left.start,
        right.stop,
        left.in_domain + right.in_domain,
        failures if find_all else failures[:1],
        pairs,
    )


@dataclass
class ClaimStore:
    """One claim's part of a checkpoint: finished spans (coalesced) and solver answers."""

    checkpoint: Checkpoint
    name: str
    identity: dict[str, Any]
    bound: Bound
    spans: list[Span] = field(default_factory=list)
    answers: dict[str, QueryAnswer] = field(default_factory=dict)

    def finished(self) -> list[Span]:
        """Return the spans finished so far."""
        return list(self.spans)

    def record(self, span: Span) -> None:
        """Add a finished span, merged with its neighbours; save if it is time."""
        spans = sorted([*self.spans, span], key=lambda s: s.start)
        merged: list[Span] = []
        for piece in spans:
            if merged and merged[-1].stop == piece.start:
                merged[-1] = _merge(merged[-1], piece, self.checkpoint.find_all)
            else:
                merged.append(piece)
        self.spans = merged
        self.checkpoint.save()

    def known(self) -> dict[str, QueryAnswer]:
        """Return the solver answers recorded so far, by query name."""
        return dict(self.answers)

    def record_answer(self, name: str, answer: QueryAnswer) -> None:
        """Record a sat or unsat answer; save if it is time."""
        self.answers[name] = answer
        self.checkpoint.save()

    def to_json(self) -> dict[str, Any]:
        """Return this claim's part as JSON."""
        answers = {
            name: {"answer": answer.answer, "machine": answer.machine}
            for name, answer in sorted(self.answers.items())
        }
        return {
            "name": self.name,
            "claim": self.identity,
            "bound": bound_fields(self.bound),
            "spans": [_span_json(span) for span in self.spans],
            "answers": answers,
        }


@dataclass
class Checkpoint:
    """A check's checkpoint file: its header, and one :class:`ClaimStore` per claim."""

    path: Path
    version: str
    method: str
    find_all: bool
    claims: dict[str, ClaimStore] = field(default_factory=dict)
    saved_at: float = 0.0
    dirty: bool = False

    @classmethod
    def open(
        cls, path: Path, *, version: str, method: str, find_all: bool, claims: Sequence[Claim]
    ) -> Checkpoint:
        """Return the checkpoint at ``path`` for this check (new if there is no file).

        Raise :class:`CheckpointError` (one line) when the file was made for another
        version, method, ``--all``, set of claims, claim or bound, or is damaged.
        """
        checkpoint = cls(Path(path), version, method, find_all)
        for claim in claims:
            checkpoint.claims[claim.name] = ClaimStore(
                checkpoint, claim.name, claim_identity(claim), checked_bound(claim)
            )
        if checkpoint.path.exists():
            checkpoint._load(claims)
        return checkpoint

    def store(self, claim: Claim) -> ClaimStore:
        """Return the part of the checkpoint for ``claim``."""
        return self.claims[claim.name]

    def to_json(self) -> dict[str, Any]:
        """Return the whole checkpoint as JSON, with the SHA-256 of its body."""
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "mesaform": self.version,
            "method": self.method,
            "all": self.find_all,
            "claims": [store.to_json() for store in self.claims.values()],
        }
        return {**body, "sha256": _digest(body)}

    def save(self, force: bool = False) -> None:
        """Write the checkpoint atomically, if ``force`` or :data:`SAVE_SECONDS` have passed."""
        self.dirty = True
        now = time.monotonic()
        if force or now - self.saved_at >= SAVE_SECONDS:
            write_json_atomically(self.path, self.to_json())
            self.saved_at = now
            self.dirty = False

    def close(self) -> None:
        """Write what is not yet written (call on every exit, interrupts included)."""
        if self.dirty:
            self.save(force=True)

    def _load(self, claims: Sequence[Claim]) -> None:
        where = f"checkpoint '{self.path}'"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"), parse_constant=_no_constant)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CheckpointError(f"{where} is damaged (not readable JSON: {error})") from None
        except RecursionError:
            raise CheckpointError(f"{where} is damaged (nested too deeply)") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CheckpointError(f"{where} is not a mesaform checkpoint")
        body = {key: value for key, value in data.items() if key != "sha256"}
        if data.get("sha256") != _digest(body):
            raise CheckpointError(f"{where} is damaged (its SHA-256 does not match its content)")
        if body.get("format_version") != FORMAT_VERSION:
            raise CheckpointError(
                f"{where} has format version {body.get('format_version')!r}; "
                f"this mesaform reads {FORMAT_VERSION}"
            )
        if body.get("mesaform") != self.version:
            raise CheckpointError(
                f"{where} was made by mesaform {body.get('mesaform')}, this is {self.version}"
            )
        if body.get("method") != self.method:
            raise CheckpointError(
                f"{where} was made with --method {body.get('method')}, not {self.method}"
            )
        if body.get("all") != self.find_all:
            made = "with" if body.get("all") else "without"
            raise CheckpointError(f"{where} was made {made} --all")
        try:
            entries = list(body["claims"])
            names = [str(entry["name"]) for entry in entries]
        except (KeyError, TypeError) as error:
            raise CheckpointError(f"{where} is damaged (no claims: {error})") from None
        wanted = [claim.name for claim in claims]
        if names != wanted:
            raise CheckpointError(
                f"{where} was made for the claims {', '.join(names) or 'none'}; this check is "
                f"of {', '.join(wanted) or 'none'}"
            )
        for claim, entry in zip(claims, entries, strict=True):
            store = self.claims[claim.name]
            if not isinstance(entry, dict):
                raise CheckpointError(f"{where} is damaged (claim {claim.name!r} is not an object)")
            if entry.get("claim") != store.identity:
                raise CheckpointError(
                    f"{where} was made for another claim named {claim.name!r} "
                    "(its predicate, objectives or epsilon differ)"
                )
            if entry.get("bound") != bound_fields(store.bound):
                try:
                    made = Bound(**entry["bound"]).describe()
                except (KeyError, TypeError, ValueError):
                    made = "another bound"
                raise CheckpointError(
                    f"{where} was made for claim {claim.name!r} with bound {made}, "
                    f"not {store.bound.describe()}"
                )
            try:
                store.spans = _read_spans(entry["spans"], store.bound.size())
                store.answers = _read_answers(entry["answers"])
            except (
                KeyError,
                TypeError,
                ValueError,
                ZeroDivisionError,
                AttributeError,
                OverflowError,
            ) as error:
                raise CheckpointError(
                    f"{where} is damaged (claim {claim.name!r}: {error})"
                ) from None


def _digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def _natural(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a natural number")
    return value


def _read_spans(entries: list[Any], total: int) -> list[Span]:
    """Return the spans of a checkpoint; raise ``ValueError`` unless they tile part of the bound."""
    spans: list[Span] = []
    reached = 0
    for entry in entries:
        start, stop, in_domain, failures, pairs = entry
        start, stop, in_domain = _natural(start), _natural(stop), _natural(in_domain)
        if not reached <= start < stop <= total or in_domain > stop - start:
            raise ValueError(f"range [{start}, {stop}) overlaps another or leaves the bound")
        positions = [_natural(p) for p in failures]
        read_pairs = [(_natural(p), _rational(m), _rational(b)) for p, m, b in pairs]
        every = positions + [p for p, _, _ in read_pairs]
        if any(not start <= p < stop for p in every) or positions != sorted(positions):
            raise ValueError(f"a position outside its range [{start}, {stop})")
        spans.append(Span(start, stop, in_domain, tuple(positions), tuple(read_pairs)))
        reached = stop
    return spans


def _rational(value: object) -> Fraction:
    if not isinstance(value, str):
        raise ValueError(f"{str(value)[:40]!r} is not a rational 'p/q'")
    return parse_rational(value)


def _read_answers(entries: dict[str, Any]) -> dict[str, QueryAnswer]:
    if not isinstance(entries, dict):
        raise ValueError("the solver answers are not an object")
    answers = {}
    for name, entry in entries.items():
        answer, machine = entry["answer"], entry["machine"]
        if answer == "unsat" and machine is None:
            answers[str(name)] = QueryAnswer("unsat")
        elif answer == "sat" and isinstance(machine, str) and is_bitstring(machine):
            answers[str(name)] = QueryAnswer("sat", TM(machine))
        else:
            raise ValueError(f"answer {answer!r} of query {name!r}")
    return answers
