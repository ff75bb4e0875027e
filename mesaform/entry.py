"""The ``mesaform`` program's entry point: imports the command line under an interrupt guard.

Importing the command line, and then a command's module (which may load Z3, numba or
matplotlib: seconds), takes time; a Ctrl-C or SIGTERM meanwhile ends the program with
130 or 143 and one line, no traceback.

Main definition: :func:`main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from mesaform.exits import interrupt_exit_code, interrupt_name, signals_handled


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``mesaform``: import the command line, then :func:`mesaform.cli.main`."""
    with signals_handled():
        try:
            from mesaform.cli import main as cli_main
        except KeyboardInterrupt:
            print(f"mesaform: {interrupt_name()} while starting", file=sys.stderr)
            sys.exit(interrupt_exit_code())
        cli_main(argv)
