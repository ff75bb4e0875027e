"""A small typed layer over the Z3 terms the theorems use, so that ``mypy --strict`` checks them.

The z3 package has no type information: to mypy every Z3 term is ``Any``, and a theorem
comparing a machine with a number, or a world state with a machine, type-checks. This
module wraps each sort the theorems speak of in its own final class, with exactly the
operations that sort has: a :class:`Real` can be added and compared, a :class:`Machine`
or a :class:`World` only tested for equality, a :class:`Bool` combined with the
connectives. An uninterpreted function is a :class:`Function` from one wrapped sort
to another, so ``U(w)`` with ``w`` a world state is a type error.

Main definitions:

- the term classes :class:`Bool`, :class:`Real`, :class:`Int`, :class:`Machine`,
  :class:`World`, :class:`BitVec` (each holds the raw Z3 term in ``raw``);
- :data:`TM_SORT`, :data:`W_SORT` -- the uninterpreted sorts of machines and world states;
- :class:`Function`, :class:`Function2` -- uninterpreted functions between wrapped sorts;
- :func:`conj`, :func:`disj`, :func:`neg`, :func:`implies`, :func:`iff`, :func:`ite`;
- :func:`forall`, :func:`exists` -- quantifiers over one wrapped sort, with fresh names.

Nothing here adds meaning: each operation is the Z3 operation of the same name.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, ClassVar, Generic, TypeVar, final

import z3

TM_SORT: Any = z3.DeclareSort("TM")
"""The machines, an uninterpreted sort: a theorem over it holds for every set of machines."""

W_SORT: Any = z3.DeclareSort("W")
"""World states (mesaform's own second formalization), an uninterpreted sort."""

_fresh = itertools.count()


class Term:
    """A wrapped Z3 term; ``raw`` is the Z3 expression, ``sort()`` its Z3 sort."""

    __slots__ = ("raw",)
    kind: ClassVar[str] = "term"

    def __init__(self, raw: Any) -> None:
        self.raw: Any = raw

    @classmethod
    def sort(cls) -> Any:
        """Return the Z3 sort of this class's terms."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw})"


T = TypeVar("T", bound=Term)
A = TypeVar("A", bound=Term)
B = TypeVar("B", bound=Term)
C = TypeVar("C", bound=Term)


@final
class Bool(Term):
    """A Boolean term; ``known`` is its value when it is a literal built here."""

    __slots__ = ("known",)
    kind = "bool"

    def __init__(self, raw: Any, known: bool | None = None) -> None:
        super().__init__(raw)
        self.known = known

    @classmethod
    def sort(cls) -> Any:
        return z3.BoolSort()

    @staticmethod
    def const(name: str) -> Bool:
        """Return the Boolean constant ``name``."""
        return Bool(z3.Bool(name))

    @staticmethod
    def value(value: bool) -> Bool:
        """Return ``true`` or ``false``."""
        return _TRUE if value else _FALSE

    def eq(self, other: Bool) -> Bool:
        """Return ``self <-> other``."""
        return Bool(_binary(z3.Z3_mk_eq, self.raw, other.raw))


def _binary(make: Any, first: Any, second: Any) -> Any:
    # the low-level constructor: z3's operators coerce and re-check sorts, slowly; the
    # wrapped sorts are checked by mypy instead
    context = first.ctx
    return z3.BoolRef(make(context.ref(), first.as_ast(), second.as_ast()), context)


_TRUE = Bool(z3.BoolVal(True), True)
_FALSE = Bool(z3.BoolVal(False), False)

Number = int | Fraction


def _real_raw(value: Real | Number) -> Any:
    if isinstance(value, Real):
        return value.raw
    if isinstance(value, bool):
        raise TypeError("a Boolean is not a number")
    fraction = Fraction(value)
    return z3.RealVal(f"{fraction.numerator}/{fraction.denominator}")


@final
class Real(Term):
    """An exact rational term (Z3 ``Real``)."""

    __slots__ = ()
    kind = "real"

    @classmethod
    def sort(cls) -> Any:
        return z3.RealSort()

    @staticmethod
    def const(name: str) -> Real:
        """Return the rational constant ``name``."""
        return Real(z3.Real(name))

    @staticmethod
    def value(value: Number) -> Real:
        """Return the constant ``value``, exactly."""
        return Real(_real_raw(value))

    def __add__(self, other: Real | Number) -> Real:
        return Real(self.raw + _real_raw(other))

    def __sub__(self, other: Real | Number) -> Real:
        return Real(self.raw - _real_raw(other))

    def __rmul__(self, other: Number) -> Real:
        return Real(_real_raw(other) * self.raw)

    def __neg__(self) -> Real:
        return Real(-self.raw)

    def __truediv__(self, other: Number) -> Real:
        return Real(self.raw / _real_raw(other))

    def __le__(self, other: Real | Number) -> Bool:
        return Bool(_binary(z3.Z3_mk_le, self.raw, _real_raw(other)))

    def __lt__(self, other: Real | Number) -> Bool:
        return Bool(_binary(z3.Z3_mk_lt, self.raw, _real_raw(other)))

    def __ge__(self, other: Real | Number) -> Bool:
        return Bool(_binary(z3.Z3_mk_ge, self.raw, _real_raw(other)))

    def __gt__(self, other: Real | Number) -> Bool:
        return Bool(_binary(z3.Z3_mk_gt, self.raw, _real_raw(other)))

    def eq(self, other: Real | Number) -> Bool:
        """Return ``self = other``."""
        return Bool(_binary(z3.Z3_mk_eq, self.raw, _real_raw(other)))

    def ne(self, other: Real | Number) -> Bool:
        """Return ``self != other``."""
        return Bool(self.raw != _real_raw(other))


def _int_raw(value: Int | int) -> Any:
    return value.raw if isinstance(value, Int) else z3.IntVal(value)


@final
class Int(Term):
    """An integer term: positions in a candidate sequence, lengths, counts; ``number`` is
    its value when it is a literal built here."""

    __slots__ = ("number",)
    kind = "int"

    def __init__(self, raw: Any, number: int | None = None) -> None:
        super().__init__(raw)
        self.number = number

    @classmethod
    def sort(cls) -> Any:
        return z3.IntSort()

    @staticmethod
    def const(name: str) -> Int:
        """Return the integer constant ``name``."""
        return Int(z3.Int(name))

    @staticmethod
    def value(value: int) -> Int:
        """Return the constant ``value``."""
        return Int(z3.IntVal(value), value)

    def literal(self) -> int:
        """Return the integer this term is a literal of; ``TypeError`` if it is not one."""
        if self.number is None:
            if not z3.is_int_value(self.raw):
                raise TypeError(f"{self.raw} is not an integer literal")
            self.number = int(self.raw.as_long())
        return self.number

    def __add__(self, other: Int | int) -> Int:
        return Int(self.raw + _int_raw(other))

    def __le__(self, other: Int | int) -> Bool:
        folded = _fold(self, other)
        return Bool.value(folded[0] <= folded[1]) if folded else Bool(self.raw <= _int_raw(other))

    def __lt__(self, other: Int | int) -> Bool:
        folded = _fold(self, other)
        return Bool.value(folded[0] < folded[1]) if folded else Bool(self.raw < _int_raw(other))

    def __ge__(self, other: Int | int) -> Bool:
        folded = _fold(self, other)
        return Bool.value(folded[0] >= folded[1]) if folded else Bool(self.raw >= _int_raw(other))

    def eq(self, other: Int | int) -> Bool:
        """Return ``self = other``."""
        folded = _fold(self, other)
        return Bool.value(folded[0] == folded[1]) if folded else Bool(self.raw == _int_raw(other))


def _fold(first: Int, second: Int | int) -> tuple[int, int] | None:
    """Return both sides as Python integers when both are literals (comparisons of
    literals are decided here, so that no term is built for them)."""
    if first.number is None:
        return None
    if isinstance(second, int):
        return first.number, second
    if second.number is None:
        return None
    return first.number, second.number


@final
class Machine(Term):
    """A machine: an element of the uninterpreted sort :data:`TM_SORT`."""

    __slots__ = ()
    kind = "machine"

    @classmethod
    def sort(cls) -> Any:
        return TM_SORT

    @staticmethod
    def const(name: str) -> Machine:
        """Return the machine constant ``name``."""
        return Machine(z3.Const(name, TM_SORT))

    def eq(self, other: Machine) -> Bool:
        """Return ``self = other``."""
        return Bool(_binary(z3.Z3_mk_eq, self.raw, other.raw))

    def ne(self, other: Machine) -> Bool:
        """Return ``self != other``."""
        return Bool(self.raw != other.raw)


@final
class World(Term):
    """A world state: an element of the uninterpreted sort :data:`W_SORT`."""

    __slots__ = ()
    kind = "world"

    @classmethod
    def sort(cls) -> Any:
        return W_SORT

    @staticmethod
    def const(name: str) -> World:
        """Return the world-state constant ``name``."""
        return World(z3.Const(name, W_SORT))

    def eq(self, other: World) -> Bool:
        """Return ``self = other``."""
        return Bool(self.raw == other.raw)

    def ne(self, other: World) -> Bool:
        """Return ``self != other``."""
        return Bool(self.raw != other.raw)


@final
class BitVec(Term):
    """A bit-vector term of the symbolic interpreter (:mod:`mesaform.proofs.symbolic.tables`)."""

    __slots__ = ()
    kind = "bitvec"

    @classmethod
    def sort(cls) -> Any:
        raise TypeError("a bit-vector's sort depends on its width; use raw.sort()")

    def eq(self, other: BitVec) -> Bool:
        """Return ``self = other`` (same width)."""
        return Bool(self.raw == other.raw)

    def ule(self, other: BitVec | int) -> Bool:
        """Return ``self <= other``, unsigned."""
        return Bool(z3.ULE(self.raw, other.raw if isinstance(other, BitVec) else other))


@final
class Function(Generic[A, B]):
    """An uninterpreted function ``name : A -> B`` between wrapped sorts."""

    __slots__ = ("applied", "codomain", "raw")

    def __init__(self, name: str, domain: type[A], codomain: type[B]) -> None:
        self.raw: Any = z3.Function(name, domain.sort(), codomain.sort())
        self.codomain = codomain
        self.applied: dict[int, tuple[Any, Any]] = {}

    def __call__(self, argument: A) -> B:
        # z3's application checks every argument's sort, slowly: apply once per argument
        key = argument.raw.get_id()
        if key not in self.applied:
            self.applied[key] = (argument.raw, self.raw(argument.raw))
        return self.codomain(self.applied[key][1])


@final
class Function2(Generic[A, B, C]):
    """An uninterpreted function ``name : A x B -> C`` between wrapped sorts."""

    __slots__ = ("applied", "codomain", "raw")

    def __init__(self, name: str, first: type[A], second: type[B], codomain: type[C]) -> None:
        self.raw: Any = z3.Function(name, first.sort(), second.sort(), codomain.sort())
        self.codomain = codomain
        self.applied: dict[tuple[int, int], tuple[Any, Any, Any]] = {}

    def __call__(self, first: A, second: B) -> C:
        key = (first.raw.get_id(), second.raw.get_id())
        if key not in self.applied:
            self.applied[key] = (first.raw, second.raw, self.raw(first.raw, second.raw))
        return self.codomain(self.applied[key][2])


def is_true(term: Bool) -> bool:
    """Return whether ``term`` is the literal ``true`` (built by :meth:`Bool.value`)."""
    return term.known is True


def is_false(term: Bool) -> bool:
    """Return whether ``term`` is the literal ``false`` (built by :meth:`Bool.value`)."""
    return term.known is False


def _connective(make: Any, terms: list[Any]) -> Bool:
    # the low-level constructor: z3.And/z3.Or re-check every argument's sort, slowly
    context = terms[0].ctx
    array = (z3.Ast * len(terms))(*(term.as_ast() for term in terms))
    return Bool(z3.BoolRef(make(context.ref(), len(terms), array), context))


def conj(*terms: Bool) -> Bool:
    """Return the conjunction (``true`` when empty); literal ``true``s are dropped."""
    if any(is_false(t) for t in terms):
        return Bool.value(False)
    kept = [t.raw for t in terms if not is_true(t)]
    if not kept:
        return Bool.value(True)
    return Bool(kept[0]) if len(kept) == 1 else _connective(z3.Z3_mk_and, kept)


def disj(*terms: Bool) -> Bool:
    """Return the disjunction (``false`` when empty); literal ``false``s are dropped."""
    if any(is_true(t) for t in terms):
        return Bool.value(True)
    kept = [t.raw for t in terms if not is_false(t)]
    if not kept:
        return Bool.value(False)
    return Bool(kept[0]) if len(kept) == 1 else _connective(z3.Z3_mk_or, kept)


def neg(term: Bool) -> Bool:
    """Return the negation (of a literal: the other literal)."""
    if is_true(term) or is_false(term):
        return Bool.value(is_false(term))
    context = term.raw.ctx
    return Bool(z3.BoolRef(z3.Z3_mk_not(context.ref(), term.raw.as_ast()), context))


def implies(hypothesis: Bool, conclusion: Bool) -> Bool:
    """Return ``hypothesis -> conclusion`` (``true`` when the hypothesis is ``false``)."""
    if is_false(hypothesis) or is_true(conclusion):
        return Bool.value(True)
    if is_true(hypothesis):
        return conclusion
    return Bool(_binary(z3.Z3_mk_implies, hypothesis.raw, conclusion.raw))


def iff(first: Bool, second: Bool) -> Bool:
    """Return ``first <-> second``."""
    return first.eq(second)


def ite(condition: Bool, then: T, otherwise: T) -> T:
    """Return ``if condition then then else otherwise`` (both of one sort)."""
    return type(then)(z3.If(condition.raw, then.raw, otherwise.raw))


def fresh(sort: type[T], hint: str) -> T:
    """Return a constant of ``sort`` with a name used nowhere else (for a bound variable)."""
    return sort(z3.Const(f"{hint}!{next(_fresh)}", sort.sort()))


_universe: dict[type[Term], Sequence[Term]] = {}


@contextmanager
def finite_universe(elements: Mapping[type[Term], Sequence[Term]]) -> Iterator[None]:
    """Within the block, a quantifier over one of these sorts is built as the conjunction
    (``forall``) or disjunction (``exists``) of its instances on the given elements.

    This evaluates a form in a finite model (``tests/test_z3_forms.py``): the elements
    must be all the sort's elements there. Outside such a block quantifiers stay
    quantifiers.
    """
    saved = dict(_universe)
    _universe.update(elements)
    try:
        yield
    finally:
        _universe.clear()
        _universe.update(saved)


def forall(sort: type[T], hint: str, body: Callable[[T], Bool]) -> Bool:
    """Return ``forall x : sort. body(x)``; the bound variable's name is fresh."""
    if sort in _universe:
        return conj(*(body(sort(element.raw)) for element in _universe[sort]))
    variable = fresh(sort, hint)
    return Bool(z3.ForAll([variable.raw], body(variable).raw))


def exists(sort: type[T], hint: str, body: Callable[[T], Bool]) -> Bool:
    """Return ``exists x : sort. body(x)``; the bound variable's name is fresh."""
    if sort in _universe:
        return disj(*(body(sort(element.raw)) for element in _universe[sort]))
    variable = fresh(sort, hint)
    return Bool(z3.Exists([variable.raw], body(variable).raw))
