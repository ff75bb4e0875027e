"""The compiled kernels of the fast engine (numba): runs, sweeps, the busy-beaver search.

Implements docs/semantics.md#running a second time, for speed; the reference is
:mod:`mesaform.spec.interpreter`. Importing this package imports numba; every kernel
compiles on its first call and is cached on disk (:mod:`mesaform.model.kernels.cache`).
:mod:`mesaform.model.engine` is the typed interface in front of it.

Main definitions, one concern per module:

- :mod:`mesaform.model.kernels.runs` -- decoding a code, running a table
  (:func:`continue_table`, :func:`run_table_summary`) and any program (:func:`run_code`);
- :mod:`mesaform.model.kernels.sweeps` -- both sides of a claim on every string of a range
  (:func:`evaluate_range`, :func:`first_failure_range`,
  :func:`evaluate_table_on_inputs`) and the predicates over a chunk's values;
- :mod:`mesaform.model.kernels.tree_search` -- the busy-beaver search's enumeration in
  tree normal form (:func:`tree_normal_form_slice`);
- :mod:`mesaform.model.kernels.never_halts` -- its proofs that a run never halts.
"""

from __future__ import annotations

from mesaform.model.kernels import cache

cache.install()

from mesaform.model.kernels.never_halts import (  # noqa: E402
    RECORD_FIELDS,
    RECORDS_KEPT,
    UNCOUNTED,
)
from mesaform.model.kernels.runs import (  # noqa: E402 (after the cache's locator)
    BASE_BUSYNESS,
    BASE_CODE_ONES,
    BASE_PRODUCTIVITY,
    BASE_SELF_REPLICATION,
    MESA_INPUT_ONES,
    MESA_TABLE,
    MESA_UNDEFINED,
    MISSING,
    OUTPUT_BITS,
    continue_table,
    decode_table,
    run_code,
    run_table_summary,
    used_length,
)
from mesaform.model.kernels.sweeps import (  # noqa: E402
    FUSED_PIECE,
    all_inner_failures,
    evaluate_range,
    evaluate_table_on_inputs,
    first_failure_range,
    first_inner_failure,
    order_scan,
)
from mesaform.model.kernels.tree_search import (  # noqa: E402
    CONTROL_FIELDS,
    LEVEL_FIELDS,
    tree_normal_form_slice,
)

__all__ = [
    "BASE_BUSYNESS",
    "BASE_CODE_ONES",
    "BASE_PRODUCTIVITY",
    "BASE_SELF_REPLICATION",
    "CONTROL_FIELDS",
    "FUSED_PIECE",
    "LEVEL_FIELDS",
    "MESA_INPUT_ONES",
    "MESA_TABLE",
    "MESA_UNDEFINED",
    "MISSING",
    "OUTPUT_BITS",
    "RECORDS_KEPT",
    "RECORD_FIELDS",
    "UNCOUNTED",
    "all_inner_failures",
    "continue_table",
    "decode_table",
    "evaluate_range",
    "evaluate_table_on_inputs",
    "first_failure_range",
    "first_inner_failure",
    "order_scan",
    "run_code",
    "run_table_summary",
    "tree_normal_form_slice",
    "used_length",
]
