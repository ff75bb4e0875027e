"""The Coq core built once per content hash of its sources, and reused.

``make coq`` (docs/coq.md) takes about 40 s of CPU; the tests need its result, not a new
build each run. :func:`coq_build` runs it in a copy of exactly the files the build reads
(the Makefile, the vectors, the bundled claims, the ``.v`` sources, ``_CoqProject`` and
the extracted checker's ``checker.ml``, the generator of the checks and the ``spec/`` it
runs), in the folder ``.coq-cache/<key>/`` where
``key`` is the SHA-256 of those files and of ``coqc --version`` (:func:`build_key`). A
build that succeeded leaves ``build.json`` there (written last, atomically), naming every
file with its SHA-256; a later run with the same key reuses the folder. One process builds
while the others wait on a file lock, so parallel test workers build once; the
:data:`KEPT` newest builds are kept.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mesaform.proofs.coq.vectors import CLAIMS_TOML

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".coq-cache"
RECORD = "build.json"


def build_inputs(root: Path = ROOT) -> list[Path]:
    """Every file ``make coq`` reads, relative to ``root``, in a fixed order."""
    coq = root / "proofs" / "coq"
    files = [
        root / "Makefile",
        root / "vectors" / "mesaform-vectors.json",
        root / "mesaform" / "claims" / CLAIMS_TOML.name,
        coq / "_CoqProject",
        coq / "vectors.py",
        coq / "checker.ml",
        *sorted(coq.glob("*.v")),
        *sorted((root / "spec").glob("*.py")),
    ]
    return [path.relative_to(root) for path in files]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def coqc_version() -> str:
    return subprocess.run(
        ["coqc", "--version"], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


def build_key(root: Path = ROOT) -> tuple[str, dict[str, str]]:
    """Return the cache key and the SHA-256 of each input, by relative path."""
    hashes = {str(name): digest(root / name) for name in build_inputs(root)}
    whole = hashlib.sha256(coqc_version().encode())
    for name, value in hashes.items():
        whole.update(f"\0{name}\0{value}".encode())
    return whole.hexdigest()[:24], hashes


def coq_build() -> tuple[Path, dict[str, object]]:
    """Return the folder of a successful ``make coq`` of the current sources, and its record.

    Builds it when no build of the same key is cached; raises ``AssertionError`` with the
    build's output when ``make coq`` fails.
    """
    key, hashes = build_key()
    CACHE.mkdir(exist_ok=True)
    folder = CACHE / key
    with (CACHE / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / RECORD).is_file():
            build(folder, key, hashes)
    record: dict[str, object] = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    return folder, record


def build(folder: Path, key: str, hashes: dict[str, str]) -> None:
    """Run ``make coq`` on a copy of the inputs in ``folder`` (replaced); record it last."""
    shutil.rmtree(folder, ignore_errors=True)
    for name in hashes:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, folder / name)
    done = subprocess.run(
        ["make", "coq", f"PYTHON={sys.executable}"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"make coq failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    record = {"key": key, "coqc": coqc_version(), "inputs": hashes}
    partial = folder / f"{RECORD}.partial"
    partial.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(folder / RECORD)
    prune(keep=folder)


KEPT = 3
"""Builds kept in the cache (the newest), so that switching branches back rebuilds nothing."""


def prune(keep: Path) -> None:
    """Remove all but the :data:`KEPT` newest finished builds (never ``keep``)."""
    finished = sorted(
        (path for path in CACHE.iterdir() if (path / RECORD).is_file()),
        key=lambda path: (path / RECORD).stat().st_mtime,
        reverse=True,
    )
    for old in finished[KEPT:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
            (CACHE / f"{old.name}.lock").unlink(missing_ok=True)
