"""numba's disk cache of the compiled kernels: used, and invalidated by any kernel module."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from numba.core.registry import CPUDispatcher

from mesaform.model import kernels
from mesaform.model.kernels import never_halts, runs, sweeps, tree_search
from mesaform.model.kernels.cache import KERNELS, PackageStampLocator, package_stamp

ROOT = Path(__file__).resolve().parent.parent


def test_every_kernel_is_cached_with_the_packages_stamp() -> None:
    dispatchers = [
        value
        for module in (runs, sweeps, tree_search, never_halts)
        for value in vars(module).values()
        if isinstance(value, CPUDispatcher)
    ]
    assert len(dispatchers) >= 20
    for dispatcher in dispatchers:
        locator = vars(dispatcher)["_cache"]._impl.locator
        assert isinstance(locator, PackageStampLocator), dispatcher
        assert locator.get_source_stamp()[1] == package_stamp()


def test_the_stamp_changes_with_any_kernel_module(tmp_path: Path) -> None:
    """A kernel calling into another module recompiles when that module changes."""
    copy = tmp_path / "kernels"
    copy.mkdir()
    for module in KERNELS.glob("*.py"):
        shutil.copy(module, copy / module.name)
    assert package_stamp(copy) == package_stamp(KERNELS)
    for name in ("runs.py", "never_halts.py"):
        changed = tmp_path / name
        shutil.copytree(copy, changed)
        with (changed / name).open("a") as handle:
            handle.write("\n")
        assert package_stamp(changed) != package_stamp(copy)


def test_a_second_process_loads_the_kernel_from_disk() -> None:
    script = (
        "from mesaform.model import kernels\n"
        "import numpy as np\n"
        "kernels.used_length(np.zeros(3, np.uint8), 0, 3)\n"
        "stats = kernels.used_length.stats\n"
        "print(sum(stats.cache_hits.values()), sum(stats.cache_misses.values()))\n"
    )
    for _ in range(2):  # the first may compile (and save), the second must load
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    hits, misses = map(int, done.stdout.split())
    assert (hits, misses) == (1, 0)
    assert kernels.used_length is runs.used_length
