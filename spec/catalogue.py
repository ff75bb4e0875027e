"""The catalogue of named example machines: each machine once, under one name.

The tests, the benchmarks, the test vectors and the bundled claims take their
example machines from here. A table is written as its code (a ``TM``) with its
bbchallenge standard text beside it in :data:`STANDARD_TEXT` (``tests/test_catalogue.py``
checks that each text parses to its code); a Mesa program is built with
:func:`~mesaform.spec.programs.encode`.

Main definitions:

- busy-beaver champions :data:`BB1` ... :data:`BB5` (the published ``S`` and ``Sigma``
  values are in ``tests/test_interpreter.py``) and :data:`LOOP_RIGHT`, which never halts;
- evaluators: :data:`CODE_ONES_EVALUATOR` (``U_m = code_ones``, the canonical aligned
  example), :data:`MARKER_KEEPING_EVALUATOR` (the empty table: ``U_m(t) = |t| +
  code_ones(t)``, a length-biased proxy), :data:`DOUBLING_EVALUATOR` (``U_m = 2
  code_ones``), :data:`PARTIAL_EVALUATOR` (``code_ones``, undefined on codes starting
  with 1);
- Mesa programs: those of the bundled claims (:data:`EXACT_MESA`, :data:`PROXY_MESA`,
  :data:`DOUBLING_MESA`, :data:`PARTIAL_MESA`, :data:`TEN_CANDIDATE_MESA`) and those
  the test vectors run (:data:`BEST_OF_THREE`, :data:`TIED`, :data:`NESTED`, ...).
"""

from __future__ import annotations

from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, encode

# --- tables ----------------------------------------------------------------------------------

BB1 = TM("010111")
"""The 1-state busy beaver: 1 step, 1 one."""
BB2 = TM("01101101100110001110")
"""The 2-state busy beaver: 6 steps, 4 ones."""
BB3_STEPS = TM("01110110111111001011010101000")
"""The 3-state busy beaver for steps: 21 steps, 5 ones."""
BB3_ONES = TM("01110110111110110110110101000")
"""The 3-state busy beaver for ones: 14 steps, 6 ones."""
BB4 = TM("0111101100110001100000001011100100111101101000")
"""The 4-state busy beaver: 107 steps, 13 ones."""
BB5 = TM("011111011001100101101011001110110010010000100111110100000")
"""The 5-state busy beaver: 47,176,870 steps, 4098 ones."""
LOOP_RIGHT = TM("010110110")
"""Runs right forever, writing 1s: never halts, on any input."""

CODE_ONES_EVALUATOR = TM("01100110010101001100")
"""Erases the pair-code markers of its input and halts after ``2|t| + 1`` steps with
exactly ``code_ones(t)`` ones: its mesa-objective is ``code_ones``."""
MARKER_KEEPING_EVALUATOR = TM("")
"""The table with no states: halts at once, keeping the input, so it scores
``|t| + code_ones(t)``."""
DOUBLING_EVALUATOR = TM("0111100110011001000101100011100010110100001000")
"""Keeps both cells of every 1 bit of its input: ``2 code_ones(t)`` ones, within
``4|t| + 1`` steps."""
PARTIAL_EVALUATOR = TM("011111001101010010101011100011010101101010110100110001100")
"""Computes ``code_ones`` on inputs starting with 0 (and on the empty input), runs
forever otherwise."""

STANDARD_TEXT: dict[str, str] = {
    "BB1": "1RZ---",
    "BB2": "1RB1LB_1LA1RZ",
    "BB3_STEPS": "1RB1RZ_1LB0RC_1LC1LA",
    "BB3_ONES": "1RB1RZ_0RC1RB_1LC1LA",
    "BB4": "1RB1LB_1LA0LC_1RZ1LD_1RD0RA",
    "BB5": "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA",
    "LOOP_RIGHT": "1RA1RA",
    "CODE_ONES_EVALUATOR": "0RZ0RB_0RA1RA",
    "DOUBLING_EVALUATOR": "0RZ1RB_0LC1RA_1RZ0RD_0RA0RA",
    "PARTIAL_EVALUATOR": "0RZ0RB_0RC1RE_0RZ0RD_0RC1RC_0RE0RE",
}
"""Each named table (but the empty one) in the bbchallenge standard text format."""

TEN_CANDIDATES = (
    BB2,
    BB3_STEPS,
    BB3_ONES,
    BB4,
    BB1,
    TM("010011011"),  # 0RZ0RZ
    TM("01101101000010001110"),  # 1RB0LA_1LA1RZ
    TM("01101101100000001110"),  # 1RB1LA_0LA1RZ
    TM("01101001111011000000"),  # 1LB1RZ_1RA0LA
    MARKER_KEEPING_EVALUATOR,
)
"""Ten candidates: "simulate some ten other Turing machines"."""

# --- Mesa programs -----------------------------------------------------------------------------

EXACT_MESA = encode(Mesa(1, 33, CODE_ONES_EVALUATOR, (BB2,)))
"""The bundled suite's ``code_ones_exact_evaluator``: ``U_m = code_ones``."""
PROXY_MESA = encode(Mesa(1, 33, MARKER_KEEPING_EVALUATOR, (BB2,)))
"""The bundled suite's ``code_ones_length_proxy``: ``U_m(t) = |t| + code_ones(t)``."""
DOUBLING_MESA = encode(Mesa(1, 65, DOUBLING_EVALUATOR, (BB2,)))
"""The bundled suite's doubling evaluator: ``U_m = 2 code_ones``."""
PARTIAL_MESA = encode(Mesa(1, 33, PARTIAL_EVALUATOR, (BB2,)))
"""The bundled suite's ``code_ones_partial_evaluator``: undefined on codes starting with 1."""
TEN_CANDIDATE_MESA = encode(Mesa(10, 25, CODE_ONES_EVALUATOR, TEN_CANDIDATES))
"""The bundled suite's ten-candidate mesa-optimizer ("simulate some ten other Turing machines")."""
BEST_OF_THREE = encode(Mesa(3, 64, CODE_ONES_EVALUATOR, (BB1, BB2, BB3_STEPS)))
"""Scores three champions by ``code_ones`` of their codes and acts like the best."""
TIED = encode(Mesa(2, 64, CODE_ONES_EVALUATOR, (TM("0110"), TM("1001"))))
"""Two candidates scored 2 that act differently (1 one, 0 ones): the lower index is chosen."""
NO_SCORED_CANDIDATE = encode(Mesa(2, 5, LOOP_RIGHT, (BB2, BB1)))
"""Its evaluator never halts: no candidate has a score, so it halts with the input untouched."""
NO_CANDIDATES = encode(Mesa(0, 5, CODE_ONES_EVALUATOR, ()))
"""A Mesa program with no candidates: it halts with its input untouched."""
NESTED = encode(Mesa(2, 8, MARKER_KEEPING_EVALUATOR, (BB1, BEST_OF_THREE)))
"""A Mesa whose longest (so best-scored) candidate is itself a Mesa program."""
NESTED_EVALUATOR = encode(Mesa(2, 40, NO_CANDIDATES, (BB2, BB3_STEPS)))
"""A Mesa whose evaluator is a Mesa with no candidates: its score is the input's tape, kept."""
CHOSEN_DIVERGES = encode(Mesa(2, 64, CODE_ONES_EVALUATOR, (BB1, LOOP_RIGHT)))
"""Chooses ``1RA1RA`` (more 1s in its code), which never halts."""
