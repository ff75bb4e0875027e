"""Write result files atomically, with the user's permissions, never over a special file.

Every file mesaform writes for a user (reports, pictures, SMT-LIB2 queries) goes
through a temporary file in the same folder and ``os.replace``, so an interrupted
run never leaves half a result. The new file gets the permissions a plain
``open(path, "w")`` would give it: an existing file keeps its mode, a new one gets
``0o666`` less the user's umask. A path that is a symbolic link is followed (the
link stays, its target is replaced); a path that is a device or a FIFO
(``/dev/stdout``, ``/dev/null``, a named pipe) is written into, never replaced by a
regular file.

A write that fails (a full disk, a removed folder, a file-size limit) raises
:class:`OutputError`, one line naming the file, and leaves the file as it was.

Main definitions: :func:`write_atomically`, :func:`write_text_atomically`,
:func:`write_json_atomically`, :class:`OutputError`, :func:`output_path_problem`
(checked before any work).
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path


def current_umask() -> int:
    """Return the process's umask (read from ``/proc`` where possible, without changing it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _target(path: Path) -> Path:
    """Return where writing ``path`` lands: a symbolic link's final target, else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _is_special(path: Path) -> bool:
    """Return whether ``path`` exists and is neither a regular file nor a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


class OutputError(OSError):
    """A result file could not be written; the message names it and says why, in one line."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.message = f"cannot write {str(path)!r}: {error.strerror or error}"
        super().__init__(self.message)
        self.errno = error.errno
        self.strerror = error.strerror
        self.path = Path(path)

    def __str__(self) -> str:
        return self.message


def write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """Call ``write(temporary_path)``, then rename the temporary file over ``path``.

    A symbolic link is followed; a device or FIFO is written into directly. Raise
    :class:`OutputError` if the file cannot be written (``path`` is then unchanged).
    """
    try:
        _write_atomically(Path(path), write)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(path, error) from error


def _write_atomically(path: Path, write: Callable[[str], None]) -> None:
    target = _target(path)
    if _is_special(target):
        write(str(target))
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~current_umask()
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=_folder(target)
    )
    os.close(descriptor)
    try:
        write(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            with suppress(OSError):  # the folder went away: nothing is left to remove
                os.unlink(temporary)


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, flushed to disk before the rename."""

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                os.fsync(handle.fileno())

    write_atomically(path, write)


def write_json_atomically(path: Path, payload: object) -> None:
    """Write ``payload`` as indented JSON, with a final newline, to ``path`` atomically."""
    write_text_atomically(path, json.dumps(payload, indent=2) + "\n")


def output_path_problem(path: Path) -> str | None:
    """Return why a result cannot be written to the file ``path``, or ``None`` if it can.

    Checked before any work, so that a run never ends by failing to save its result:
    the path is not empty nor a folder, its folder exists, and a file can be created
    there (or, for a device or FIFO, it can be opened for writing).
    """
    if not str(path).strip():
        return "the path is empty"
    path = Path(path)
    if path.is_dir():
        return f"{str(path)!r} is a folder"
    target = _target(path)
    if _is_special(target):
        return None if os.access(target, os.W_OK) else f"{str(path)!r} is not writable"
    folder = _folder(target)
    if not folder.is_dir():
        return f"the folder {str(folder)!r} does not exist"
    try:
        descriptor, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        return f"cannot create a file in {str(folder)!r}: {error.strerror or error}"
    os.close(descriptor)
    os.unlink(probe)
    if target.exists() and not os.access(target, os.W_OK):
        return f"{str(path)!r} is not writable"
    return None
