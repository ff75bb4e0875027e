"""``mesaform encode``: a Mesa program's code from its parts.

``mesaform encode --evaluator E --fuel F [--candidate M]... [--count C]`` prints the
bitstring of the mesa-optimizer ``(C, F, E, candidates)``
(docs/semantics.md#mesa-programs), the same code a claim file's ``[claim.mesa]``
table stands for (:func:`mesaform.claim_files.mesa_code`); ``mesaform show`` reads it
back.
"""

from __future__ import annotations

import click

from mesaform.claim_files import MesaPartError, mesa_code

OPTIONS = {
    "evaluator": "--evaluator",
    "fuel": "--fuel",
    "candidates": "--candidate",
    "count": "--count",
}
"""The option of each part of a Mesa program."""


@click.command("encode")
@click.option(
    "--evaluator",
    required=True,
    metavar="MACHINE",
    help="The evaluator: standard format (0RZ0RB_0RA1RA) or a bitstring.",
)
@click.option(
    "--fuel",
    required=True,
    type=click.IntRange(min=0),
    help="The mesa-optimizer's internal fuel (each evaluation's steps).",
)
@click.option(
    "--candidate",
    "candidates",
    multiple=True,
    metavar="MACHINE",
    help="A candidate the mesa-optimizer chooses among (repeat for more), either notation.",
)
@click.option(
    "--count",
    type=click.IntRange(min=0),
    default=None,
    help="The declared number of candidates c (default: how many --candidate are given).",
)
def encode_command(
    evaluator: str, fuel: int, candidates: tuple[str, ...], count: int | None
) -> None:
    """Print the bitstring of the Mesa program with these parts (a claim's mesa side)."""
    try:
        code = mesa_code(evaluator, fuel, candidates, count)
    except MesaPartError as error:
        option = OPTIONS[error.part]
        raise click.BadParameter(str(error), param_hint=f"'{option}'") from None
    click.echo(code)
