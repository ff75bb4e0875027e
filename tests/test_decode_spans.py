"""Decoding in place: ``decode_span`` agrees with decoding a copy, and with the first decoder.

The decoder reads a mesa-optimizer's fields as spans of its code (``mesaform.spec.programs.Span``)
so that running or showing a code nested ``n`` levels deep is linear in its length.
These tests pin it to the decoder as it was first written (copying each field,
``_copying_decode`` below, kept as the reference), to ``decode(encode(p)) == p`` on
programs nested many levels deep, and to the law ``decode_span(Span(t, i, j))``
denotes ``decode(t[i:j])``. Speed is measured in ``bench/nesting.py``.
"""

from __future__ import annotations

import itertools
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.methods.strategies import tables
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM, encode_natural, read_natural
from mesaform.spec.programs import (
    LEFT,
    RIGHT,
    Mesa,
    MesaSpans,
    Move,
    Program,
    Span,
    Symbol,
    Table,
    Transition,
    decode,
    decode_span,
    encode,
)

# -- the reference: the decoder as first written, copying each field ------------------------


def _copying_decode(bits: str) -> Program:
    if bits.startswith("1"):
        count, position = read_natural(bits, 1)
        fuel, position = read_natural(bits, position)
        evaluator, position = _copying_field(bits, position)
        candidates: list[str] = []
        while len(candidates) < count and position < len(bits):
            candidate, position = _copying_field(bits, position)
            candidates.append(candidate)
        return Mesa(count, fuel, TM(evaluator), tuple(TM(c) for c in candidates))
    position = 1
    states = 0
    while position < len(bits) and bits[position] == "1":
        states += 1
        position += 1
    position += 1
    width = max(1, states.bit_length())
    transitions: list[Transition] = []
    for _ in range(2 * states):
        end = position + 2 + width
        if end > len(bits):
            break
        write: Symbol = 1 if bits[position] == "1" else 0
        move: Move = RIGHT if bits[position + 1] == "1" else LEFT
        target = int(bits[position + 2 : end], 2)
        transitions.append(Transition(write, move, target if target < states else None))
        position = end
    return Table(states, tuple(transitions))


def _copying_field(bits: str, position: int) -> tuple[str, int]:
    length, position = read_natural(bits, position)
    end = min(position + length, len(bits))
    return bits[position:end], end


def _materialized(program: Table | MesaSpans) -> Program:
    return program if isinstance(program, Table) else program.mesa()


# -- strategies ---------------------------------------------------------------------------------


def nested_programs(max_leaves: int = 30) -> st.SearchStrategy[Program]:
    """Programs nested to any depth: each evaluator and candidate a Table or a nested Mesa."""

    def mesas(children: st.SearchStrategy[Program]) -> st.SearchStrategy[Program]:
        @st.composite
        def build(draw: st.DrawFn) -> Mesa:
            present = draw(st.integers(0, 3))
            count = draw(st.integers(present, present + 2))
            fuel = draw(st.integers(0, 2**70))
            evaluator = encode(draw(children))
            candidates = tuple(encode(draw(children)) for _ in range(present))
            return Mesa(count, fuel, evaluator, candidates)

        return build()

    leaves: st.SearchStrategy[Program] = tables(max_states=4)
    return st.recursive(leaves, mesas, max_leaves=max_leaves)


@cache
def _deep(depth: int, through: str) -> TM:
    """A code nested ``depth`` levels deep; level ``i`` has internal fuel ``i`` and nests
    the level below as its evaluator or as its only candidate."""
    leaf = encode(Table(1, (Transition(1, RIGHT, None), Transition(1, RIGHT, None))))
    code = str(leaf)
    for level in range(depth):
        inner, other = (code, leaf) if through == "evaluators" else (leaf, code)
        count = 2 if through == "evaluators" else 1
        head = "1" + encode_natural(count) + encode_natural(level)
        code = head + encode_natural(len(inner)) + inner + encode_natural(len(other)) + other
    return TM(code)


# -- laws -----------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(nested_programs(max_leaves=20))
def test_decode_inverts_encode_at_any_depth(program: Program) -> None:
    code = encode(program)
    assert decode(code) == program
    assert _copying_decode(code) == program


@settings(max_examples=500, deadline=None)
@given(st.text("01", max_size=120))
def test_decode_agrees_with_the_copying_decoder_on_every_string(t: str) -> None:
    assert decode(t) == _copying_decode(t)


@settings(max_examples=100, deadline=None)
@given(nested_programs(max_leaves=12), st.data())
def test_a_span_decodes_as_the_copy_it_stands_for(program: Program, data: st.DataObject) -> None:
    code = encode(program)
    start = data.draw(st.integers(0, len(code)), label="start")
    stop = data.draw(st.integers(start, len(code)), label="stop")
    decoded = decode_span(Span(code, start, stop))
    assert _materialized(decoded) == _copying_decode(code[start:stop])
    if isinstance(decoded, MesaSpans):  # fields are spans inside [start, stop), in order
        spans = (decoded.evaluator, *decoded.candidates)
        assert all(start <= s.start <= s.stop <= stop for s in spans)
        assert all(a.stop <= b.start for a, b in itertools.pairwise(spans))
        assert MesaSpans.of(decoded.mesa()).mesa() == decoded.mesa()


def test_every_level_of_a_deep_code_decodes_in_place() -> None:
    """Walking 2,500 levels through evaluators and through candidates, every level agrees
    with the copying decoder, and the spans never leave the one code."""
    for through in ("evaluators", "candidates"):
        code = _deep(2500, through)
        span = Span.whole(code)
        for level in reversed(range(2500)):
            decoded = decode_span(span)
            assert isinstance(decoded, MesaSpans)
            assert decoded.fuel == level
            if level % 500 == 0:
                assert decoded.mesa() == _copying_decode(span.bits())
            span = decoded.evaluator if through == "evaluators" else decoded.candidates[-1]
            assert span.code is code
        assert isinstance(decode_span(span), Table)


def test_a_run_through_thousands_of_levels_keeps_its_result() -> None:
    """The interpreter on spans gives the results the copying decoder gave (computed with
    it once: each level spends one step evaluating, so 2,499 steps before acting)."""
    from mesaform.spec.results import Halted, OutOfFuel

    deep = _deep(2500, "evaluators")
    assert run(deep, "1", 10**6) == Halted(2499, frozenset({0, 1}))
    assert run(deep, "", 3000) == Halted(2499, frozenset({0}))
    assert run(deep, "101", 2000) == OutOfFuel(2000)


def test_wrong_spans_are_refused_naming_the_argument() -> None:
    import pytest

    with pytest.raises(TypeError, match="span must be Span"):
        decode_span("0110")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="code must be a TM"):
        Span("0110", 0, 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="start <= stop"):
        Span(TM("0110"), 3, 2)
    with pytest.raises(ValueError, match="len\\(code\\) = 4"):
        Span(TM("0110"), 0, 5)
    with pytest.raises(TypeError, match="start must be a natural number"):
        Span(TM("0110"), True, 2)
