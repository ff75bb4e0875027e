"""Turing machines as bitstrings, and the pair code for natural numbers.

Formalizes the post's "We can smooth out the types by changing everything into
Turing machines" and "considered as strings over TM = {0, 1}", which mesaform
reads as TM = {0,1}*, every finite bitstring (docs/semantics.md, sections
"machines" and "pair-code").

Main definitions:

- :class:`TM` -- a finite bitstring; every bitstring is a machine.
- :func:`encode_natural` / :func:`read_natural` -- the pair code: each binary digit
  ``d`` of ``n`` (most significant first, none for 0) is written ``1d``, and the
  number is closed by ``0``.
- :func:`machines_up_to` -- every ``t`` with ``|t| <= n``, shortest first.

Main results (tested in ``tests/test_machines.py``): ``read_natural`` is total and
inverts ``encode_natural``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product


class TM(str):
    """Represent a Turing machine: a finite string of ``0`` and ``1``.

    ``TM("0110")`` validates its argument; the empty string is a machine too (the
    table with no states). A ``TM`` is a ``str``, so slicing and ``len`` work.

    Coq twin: ``Machines.TM`` (proofs/coq, docs/coq.md).
    """

    __slots__ = ()

    def __new__(cls, bits: str = "") -> TM:
        if not isinstance(bits, str):
            raise TypeError(f"a TM is built from a str of 0 and 1, not {type(bits).__name__}")
        if type(bits) is TM:
            return bits  # already checked
        if bits.count("0") + bits.count("1") != len(bits):  # C speed: nested codes decode fast
            for position, character in enumerate(bits):
                if character not in "01":
                    raise ValueError(
                        f"a TM is a string of 0 and 1; character {character!r} at "
                        f"position {position} is neither"
                    )
        return super().__new__(cls, bits)

    def part(self, start: int, stop: int) -> TM:
        """Return ``self[start:stop]`` as a ``TM`` without checking it again (it is a part
        of a checked machine): decoding a code nested thousands of levels deep stays fast."""
        return str.__new__(TM, self[start:stop])


def is_bitstring(text: str) -> bool:
    """Return whether ``text`` consists only of ``0`` and ``1`` (the empty string does)."""
    return text.count("0") + text.count("1") == len(text)


def encode_natural(n: int) -> str:
    """Write ``n`` in pair code: ``1d`` for each binary digit ``d``, then ``0``.

    ``encode_natural(5) == "1110110"`` (5 = ``101`` -> ``11 10 11 0``).

    Coq twin: ``Machines.encode_natural`` (proofs/coq, docs/coq.md).
    """
    if n < 0:
        raise ValueError(f"the pair code encodes natural numbers; got {n}")
    digits = bin(n)[2:] if n > 0 else ""
    return "".join("1" + digit for digit in digits) + "0"


def read_natural(bits: str, position: int, stop: int | None = None) -> tuple[int, int]:
    """Read a pair-coded natural from ``bits`` at ``position``; total.

    Return the value and the position after it. Reading stops at the closing
    ``0`` or at the end of the string, and what was read so far is the value. A
    final ``1`` whose digit the string ends before is not a digit: it adds
    nothing (mesaform's reading of "what was read so far", see docs/semantics.md).
    With ``stop``, the string read is ``bits[:stop]`` (without copying it).

    Coq twin: ``Machines.read_natural`` (proofs/coq, docs/coq.md).
    """
    end = len(bits) if stop is None else stop
    value = 0
    while position < end:
        if bits[position] == "0":
            return value, position + 1
        if position + 1 >= end:
            return value, end
        value = 2 * value + (1 if bits[position + 1] == "1" else 0)
        position += 2
    return value, position


def machines_of_length(n: int) -> Iterator[TM]:
    """Yield every machine of length exactly ``n``, in lexicographic order.

    Coq twin: ``Bounded.machines_of_length`` (proofs/coq, docs/coq.md).
    """
    if n < 0:
        raise ValueError(f"a length is a natural number; got {n}")
    for letters in product("01", repeat=n):
        yield TM("".join(letters))


def machines_up_to(max_length: int) -> Iterator[TM]:
    """Yield every machine ``t`` with ``|t| <= max_length``, shortest first.

    There are ``2**(max_length + 1) - 1`` of them (:func:`count_machines_up_to`).

    Coq twin: ``Bounded.machines_up_to`` (proofs/coq, docs/coq.md).
    """
    if max_length < 0:
        raise ValueError(f"max_length is a natural number; got {max_length}")
    for n in range(max_length + 1):
        yield from machines_of_length(n)


def count_machines_up_to(max_length: int) -> int:
    """Return the number of bitstrings of length at most ``max_length``."""
    return (1 << (max_length + 1)) - 1
