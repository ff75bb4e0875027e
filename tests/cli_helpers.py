"""Run the command line in-process and capture its exit code and output."""

import pytest

from mesaform.cli import main


def invoke(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``mesaform ARGV...``; return the exit code, standard output and standard error."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err
