"""Which exact code is running: the version and an identifier of its source tree.

A verdict is traced to its code by content, not by an address: the identifier of a source
tree is its SWHID, ``swh:1:dir:<git tree hash>``, which anyone holding the files can
recompute with git (``git rev-parse HEAD^{tree}`` for a commit, ``git add -A && git
write-tree`` for a working tree). It is found in one of two places:

- run from a git checkout of mesaform (an editable install, or the repository on the
  path): the checkout's commit, whether its working tree differs from that commit
  (``dirty``), and the tree hash of the files as they are (the commit's tree when clean);
- run from an installed wheel: the record a build hook (``setup.py``) wrote into the wheel
  as ``mesaform/build-provenance.json``, computed the same way from the checkout it was
  built from (an sdist carries the record to the wheel built from it).

Otherwise the source is unidentified, and said to be. This module imports nothing from
mesaform at load time, so every layer may use it (docs/layout.md), and ``setup.py`` loads
it by its path.

Main definitions:

- :class:`Provenance`, :func:`provenance` -- the running code's version and source
  (:func:`provenance_of` a package folder);
- :func:`tree_hash` -- git's tree hash of a list of files, computed without writing to git;
- :func:`checkout_source` -- the source record of a git checkout (used by the build hook).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

RECORD_NAME = "build-provenance.json"
"""The file a build writes into the package, beside this module."""

SWHID_DIR = re.compile(r"swh:1:dir:[0-9a-f]{40}")
"""The SWHID of a folder (a source tree)."""

Origin = Literal["checkout", "build", "unidentified"]
"""Where the identifier was found: git now, a build's record, or nowhere."""

GIT_TIMEOUT = 20.0
"""Seconds one git command may take before the source counts as unidentified."""


@dataclass(frozen=True)
class Provenance:
    """The running code: ``version``, and its source tree's ``swhid`` when identified.

    ``origin`` is ``"checkout"`` (read from git now), ``"build"`` (recorded when the
    wheel was built) or ``"unidentified"``; ``commit`` is the git commit the tree came
    from and ``dirty`` whether the tree differed from it (both ``None`` when unknown).
    """

    version: str
    origin: Origin
    swhid: str | None = None
    commit: str | None = None
    dirty: bool | None = None

    def record(self) -> dict[str, Any]:
        """Return the provenance as JSON (the ``mesaform`` field of every report)."""
        return {
            "version": self.version,
            "source": self.swhid,
            "commit": self.commit,
            "dirty": self.dirty,
            "origin": self.origin,
        }

    def describe(self) -> str:
        """Return one line naming the source: the tree, and the commit it came from."""
        if self.swhid is None:
            return "source unidentified (neither a git checkout nor a wheel with a build record)"
        where = {"checkout": "a git checkout", "build": "recorded when the wheel was built"}
        commit = "" if self.commit is None else f" at commit {self.commit}"
        change = " with uncommitted changes" if self.dirty else ""
        return f"source {self.swhid} ({where.get(self.origin, self.origin)}{commit}{change})"


def git_object_id(kind: str, content: bytes) -> bytes:
    """Return git's SHA-1 object id of ``content`` as an object of ``kind`` (raw bytes)."""
    return hashlib.sha1(b"%s %d\0" % (kind.encode(), len(content)) + content).digest()


def tree_hash(root: Path, files: list[str]) -> str:
    """Return the hex git tree hash of ``files`` (paths relative to ``root``, ``/``-separated).

    The same as ``git write-tree`` after ``git add`` of exactly those files, without clean
    filters: a file is a blob of mode 100644, or 100755 when executable, a symbolic link a
    blob of its target (mode 120000); folders are trees (mode 40000), ordered as git
    orders them. A path that does not exist (a deleted file) is left out.
    """
    entries: dict[str, Any] = {}
    for name in files:
        path = root / name
        try:
            status = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(status.st_mode):
            entry = (b"120000", git_object_id("blob", os.fsencode(os.readlink(path))))
        elif stat.S_ISREG(status.st_mode):
            mode = b"100755" if status.st_mode & stat.S_IXUSR else b"100644"
            entry = (mode, git_object_id("blob", path.read_bytes()))
        else:
            continue
        *folders, leaf = name.split("/")
        level = entries
        for folder in folders:
            level = level.setdefault(folder, {})
        level[leaf] = entry
    return _tree_id(entries).hex()


def _tree_id(entries: dict[str, Any]) -> bytes:
    """Return the id of the tree of ``entries`` (name -> (mode, id) or a nested folder)."""
    rows = []
    for name, entry in entries.items():
        if isinstance(entry, dict):
            # git orders a folder as its name followed by "/"
            rows.append((name.encode() + b"/", b"40000", name.encode(), _tree_id(entry)))
        else:
            rows.append((name.encode(), entry[0], name.encode(), entry[1]))
    rows.sort()
    body = b"".join(mode + b" " + name + b"\0" + oid for _, mode, name, oid in rows)
    return git_object_id("tree", body)


def _git(folder: Path, *arguments: str) -> str:
    """Run git in ``folder`` and return its output; raise ``OSError`` if it fails."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (subprocess.SubprocessError, OSError) as error:
        raise OSError(f"git {arguments[0]}: {error}") from error
    if completed.returncode != 0:
        raise OSError(f"git {arguments[0]}: {completed.stderr.decode(errors='replace')}")
    return completed.stdout.decode()


def checkout_source(package: Path) -> dict[str, Any] | None:
    """Return ``{"source", "commit", "dirty"}`` of the git checkout holding ``package``.

    ``package`` is a package folder (mesaform's, or a link to it). ``None`` if it is not
    in a git work tree with a commit, or if its ``__init__.py`` is not a file of that
    checkout: a wheel installed into a virtual environment inside some other project's
    repository must not report that project's commit. ``dirty`` means that ``git add -A``
    would change the tree (a tracked file changed, or an untracked file that is not
    ignored); ``source`` is then the tree of the files as they are (:func:`tree_hash`).
    """
    try:
        init = package.resolve() / "__init__.py"
        top = Path(_git(init.parent, "rev-parse", "--show-toplevel").strip()).resolve()
        if top not in init.parents:
            return None
        _git(top, "ls-files", "--error-unmatch", "--", init.relative_to(top).as_posix())
        commit, tree = _git(top, "rev-parse", "HEAD", "HEAD^{tree}").split()
        dirty = bool(_git(top, "status", "--porcelain", "--untracked-files=all").strip())
        if dirty:
            listed = _git(top, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
            tree = tree_hash(top, sorted(set(filter(None, listed.split("\0")))))
    except (OSError, ValueError):
        return None
    return {"source": f"swh:1:dir:{tree}", "commit": commit, "dirty": dirty}


def provenance_of(package: Path, version: str) -> Provenance:
    """Return the provenance of the package folder ``package``: its build record if it
    holds one, else its git checkout's source, else unidentified."""
    recorded = package / RECORD_NAME
    if recorded.is_file():
        try:
            record = json.loads(recorded.read_text(encoding="utf-8"))
            source, commit, dirty = record["source"], record["commit"], record["dirty"]
            if not (isinstance(source, str) and SWHID_DIR.fullmatch(source)):
                raise ValueError(f"not a SWHID of a folder: {source!r}")
            if not isinstance(commit, str | None) or not isinstance(dirty, bool | None):
                raise TypeError("commit or dirty of the wrong type")
            return Provenance(version, "build", source, commit, dirty)
        except (OSError, ValueError, KeyError, TypeError):
            return Provenance(version, "unidentified")
    found = checkout_source(package)
    if found is None:
        return Provenance(version, "unidentified")
    return Provenance(version, "checkout", found["source"], found["commit"], found["dirty"])


@cache
def provenance() -> Provenance:
    """Return the running code's provenance (:func:`provenance_of` mesaform's folder)."""
    from mesaform import __version__

    return provenance_of(Path(__file__).resolve().parent, __version__)
