"""Click parameter types that validate machines and bitstrings with clear messages."""

from __future__ import annotations

import click

from model.standard_format import parse_machine
from spec.machines import TM, is_bitstring


class MachineParam(click.ParamType):  # type: ignore[type-arg]
    """A machine: a bitstring of 0/1 or bbchallenge standard text, detected automatically."""

    name = "MACHINE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> TM:
        if isinstance(value, TM):
            return value
        try:
            return parse_machine(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


class BitsParam(click.ParamType):  # type: ignore[type-arg]
    """An input word: a string of 0 and 1, possibly empty."""

    name = "BITS"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> TM:
        text = str(value)
        if not is_bitstring(text):
            self.fail(f"{text!r} is not a string of 0 and 1", param, ctx)
        return TM(text)


MACHINE = MachineParam()
BITS = BitsParam()
FUEL = click.IntRange(min=0)
