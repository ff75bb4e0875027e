"""mesaform from outside its repository: each install route gives one import name, the
commands, and types that reach a user's own code.

A user's folder holds their own ``model.py``, ``spec.py`` and ``proofs.py`` (names a
research project may well use), a claim file of their own that names functions of their
``model.py``, and two files for mypy: the mistake ``U_m(t) == U(t)`` and its correct twin,
with the plugin enabled as docs/typing.md says. From that folder, in a virtual environment
outside the repository:

- the editable route (``pip install -e``, what ``make main`` runs): mypy finds the package
  and the plugin reports the mistake and nothing in the twin; ``import spec`` is the user's;
- the wheel (built from a copy of this checkout's files, committed in a throwaway git
  repository so that the build records their tree) installed with ``--no-deps`` into a
  virtual environment that borrows the running environment's dependencies, or, in the
  last test, with its dependencies from the package index: ``python -m mesaform check``,
  the user's claim file, the README's first Python session, mypy on the mistake and the
  twin, the test vectors, and ``--version``/``cite``/``--json`` naming the recorded tree;
- an sdist (built by setuptools' PEP 517 hook, what ``python -m build --sdist`` calls)
  holds everything, and the wheel built from it carries the same record.

Building needs the package index for setuptools (pip's build isolation), so these tests
are slow; the default suite checks the mechanism itself: ``src/`` holds only ``mesaform``,
and mypy, given that folder on the path as the editable install gives it, checks the
user's files (``test_mypy_sees_mesaform_through_the_folder_an_editable_install_adds``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

from mesaform.provenance import checkout_source

ROOT = Path(__file__).resolve().parent.parent
TYPING_CASES = ROOT / "tests" / "typing_cases"

USER_FILES = {
    "model.py": '''
        """The user's own model (a research project's model.py)."""

        from fractions import Fraction

        from mesaform.spec.machines import TM


        def half_the_ones(t: TM) -> Fraction:
            return Fraction(t.count("1"), 2)


        def half_on_even_lengths(t: TM) -> Fraction | None:
            return half_the_ones(t) if len(t) % 2 == 0 else None
        ''',
    "spec.py": 'WHOSE = "the user\'s spec.py"\n',
    "proofs.py": 'WHOSE = "the user\'s proofs.py"\n',
    "claims.toml": """
        [[claim]]
        name = "half_the_ones_on_even_lengths"
        predicate = "inner-alignment"
        base = "model:half_the_ones"
        mesa = "model:half_on_even_lengths"
        max_length = 8
        fuel = 0
        """,
    "pyproject.toml": """
        [tool.mypy]
        strict = true
        plugins = ["mesaform.mypy_plugin"]
        """,
}
"""The user's folder; the mistake and the twin are copied from tests/typing_cases."""

MISTAKE, TWIN = "partial_equals_total.py", "partial_equals_total__ok.py"


def user_folder(base: Path) -> Path:
    folder = base / "users_project"
    folder.mkdir()
    for name, text in USER_FILES.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    for name in (MISTAKE, TWIN):
        shutil.copy(TYPING_CASES / name, folder / name)
    return folder


def clean_environment() -> dict[str, str]:
    """The environment without anything that points Python at this repository."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSAFEPATH", "MYPYPATH"}
    return {key: value for key, value in os.environ.items() if key not in drop}


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=clean_environment(),
    )


def succeed(command: list[str], cwd: Path, timeout: float = 600) -> str:
    completed = run(command, cwd, timeout)
    assert completed.returncode == 0, (command, completed.stdout[-3000:], completed.stderr[-3000:])
    return completed.stdout


def borrowing_environment(folder: Path) -> Path:
    """A virtual environment without pip whose path ends with the running environment's
    libraries (numpy, z3, mypy, ...): a ``.pth`` line adds the folder only, so the running
    environment's own installation of mesaform (its ``.pth`` files) is not borrowed."""
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    own = succeed(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], folder
    )
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(own.strip()) / "borrowed.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return python


def pip_into(python: Path, *arguments: str) -> str:
    """Run the running environment's pip on the environment of ``python``."""
    return succeed([sys.executable, "-m", "pip", "--python", str(python), *arguments], ROOT)


def check_mypy(python: Path, folder: Path) -> None:
    """mypy with the plugin refuses the mistake, and only it, from the user's folder."""
    completed = run(
        [str(python), "-m", "mypy", "--no-incremental", "--show-error-codes", MISTAKE, TWIN],
        folder,
    )
    errors = [line for line in completed.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, completed.stdout + completed.stderr
    assert errors[0].startswith(f"{MISTAKE}:") and errors[0].endswith("[comparison-overlap]")
    assert "A partial value (Lookup) is compared" in errors[0]  # the plugin's, not mypy's own


def check_imports(python: Path, folder: Path, site: Path) -> None:
    """One import name: mesaform from ``site``, ``spec``/``model``/``proofs`` the user's."""
    out = succeed(
        [
            str(python),
            "-c",
            "import spec, model, proofs, mesaform.spec.machines as m, mesaform.model.engine;"
            "print(spec.WHOSE, proofs.WHOSE, model.__file__, m.__file__, sep='|')",
        ],
        folder,
    )
    spec_whose, proofs_whose, model_file, machines_file = out.strip().split("|")
    assert spec_whose == "the user's spec.py" and proofs_whose == "the user's proofs.py"
    assert Path(model_file).resolve() == (folder / "model.py").resolve()
    assert Path(machines_file).resolve().is_relative_to(site.resolve())
    elsewhere = folder.parent
    for name in ("spec", "model", "proofs"):
        completed = run([str(python), "-c", f"import {name}"], elsewhere)
        assert completed.returncode == 1 and "ModuleNotFoundError" in completed.stderr, name


# -- the mechanism (default suite) ---------------------------------------------------------


def test_src_holds_only_a_link_to_mesaform() -> None:
    """The folder an editable install puts on the path holds one import package."""
    importable = [
        path.name
        for path in (ROOT / "src").iterdir()
        if path.suffix == ".py" or (path / "__init__.py").exists()
    ]
    assert importable == ["mesaform"]
    assert (ROOT / "src" / "mesaform").resolve() == (ROOT / "mesaform").resolve()
    assert (ROOT / "mesaform" / "mesaform-vectors.json").resolve() == (
        ROOT / "vectors" / "mesaform-vectors.json"
    )
    assert not (ROOT / "mesaform" / "mesaform-vectors.json").resolve().is_symlink()


def test_mypy_sees_mesaform_through_the_folder_an_editable_install_adds(
    tmp_path: Path,
) -> None:
    """What ``pip install -e`` writes (a ``.pth`` naming ``src/``), without installing."""
    python = borrowing_environment(tmp_path / "env")
    site = Path(
        succeed(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            tmp_path,
        ).strip()
    )
    (site / "__editable__.mesaform-0.1.0.pth").write_text(f"{ROOT / 'src'}\n")
    folder = user_folder(tmp_path)
    check_imports(python, folder, ROOT)
    check_mypy(python, folder)


# -- the install routes (slow: they build with setuptools from the package index) ---------


def source_copy(base: Path) -> Path:
    """This checkout's files (tracked, and untracked but not ignored, as they are now),
    committed in a throwaway repository: building there records their tree."""
    checkout = checkout_source(ROOT / "mesaform")
    if checkout is None:
        pytest.skip("not run from a git checkout of mesaform")
    names = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    copy = base / "mesaform-source"
    for name in filter(None, names.stdout.split("\0")):
        source, target = ROOT / name, copy / name
        if not source.is_symlink() and not source.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(copy)]
    for arguments in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "copy"]):
        succeed([*git, *arguments], copy)
    tree = succeed([*git, "rev-parse", "HEAD^{tree}"], copy).strip()
    assert checkout["source"] == f"swh:1:dir:{tree}"  # the same files: the checkout's tree
    return copy


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel of this checkout's files, and the SWHID their tree has."""
    base = tmp_path_factory.mktemp("wheel")
    copy = source_copy(base)
    tree = succeed(["git", "-C", str(copy), "rev-parse", "HEAD^{tree}"], copy).strip()
    pip_into(Path(sys.executable), "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(copy))
    (wheel,) = (base / "dist").glob("mesaform-*.whl")
    return wheel, f"swh:1:dir:{tree}"


def wheel_checks(python: Path, swhid: str, base: Path) -> None:
    """Everything a user does from their own folder after installing the wheel."""
    site = Path(
        succeed(
            [
                str(python),
                "-c",
                "import mesaform, pathlib; print(pathlib.Path(mesaform.__file__).parent.parent)",
            ],
            base,
        ).strip()
    )
    folder = user_folder(base)
    check_imports(python, folder, site)

    completed = run([str(python), "-m", "mesaform", "check"], folder, timeout=1200)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert "code_ones_length_proxy" in completed.stdout

    out = succeed(
        [str(python), "-m", "mesaform", "check", "claims.toml", "--json", "r.json"], folder
    )
    report = json.loads((folder / "r.json").read_text())
    (result,) = report["results"]
    assert (result["verdict"], result["checked"], result["base"]) == (
        "proved",
        511,
        "model:half_the_ones",
    ), out
    assert report["mesaform"]["source"] == swhid and report["mesaform"]["origin"] == "build"

    version = succeed([str(python), "-m", "mesaform", "--version"], folder).splitlines()
    assert version[0] == "mesaform 0.1.0"
    assert version[1].startswith(f"source {swhid} (recorded when the wheel was built")
    assert swhid in succeed([str(python), "-m", "mesaform", "cite", "--format", "bibtex"], folder)

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_session = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)[0]
    (folder / "session.txt").write_text(first_session, encoding="utf-8")
    succeed([str(python), "-m", "doctest", "session.txt"], folder)

    vectors = succeed(
        [str(python), "-c", "from mesaform.vectors import VECTORS_PATH; print(VECTORS_PATH)"],
        folder,
    )
    installed = Path(vectors.strip())
    assert installed.is_relative_to(site.resolve()) and not installed.is_symlink()
    assert installed.read_bytes() == (ROOT / "vectors" / "mesaform-vectors.json").read_bytes()

    check_mypy(python, folder)


@pytest.mark.slow
def test_the_wheel_holds_one_package_and_everything_the_commands_need(
    built_wheel: tuple[Path, str],
) -> None:
    wheel, swhid = built_wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"mesaform", "mesaform-0.1.0.dist-info"}
    for needed in (
        "mesaform/py.typed",
        "mesaform/mypy_plugin.py",
        "mesaform/claims/default.toml",
        "mesaform/mesaform-vectors.json",
        "mesaform/spec/machines.py",
        "mesaform/model/engine.py",
        "mesaform/proofs/checking/check.py",
        "mesaform/build-provenance.json",
    ):
        assert needed in names, needed
    record = json.loads(zipfile.ZipFile(wheel).read("mesaform/build-provenance.json"))
    assert record["source"] == swhid and record["dirty"] is False


@pytest.mark.slow
def test_the_wheel_works_from_a_users_folder(built_wheel: tuple[Path, str], tmp_path: Path) -> None:
    """Installed with --no-deps beside the running environment's dependencies."""
    wheel, swhid = built_wheel
    python = borrowing_environment(tmp_path / "env")
    pip_into(python, "install", "--no-deps", "-q", str(wheel))
    wheel_checks(python, swhid, tmp_path)


@pytest.mark.slow
def test_an_editable_install_lets_mypy_check_a_users_file(tmp_path: Path) -> None:
    python = borrowing_environment(tmp_path / "env")
    copy = source_copy(tmp_path)
    pip_into(python, "install", "--no-deps", "-q", "-e", str(copy))
    site = Path(
        succeed(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            tmp_path,
        ).strip()
    )
    (pth,) = site.glob("__editable__*mesaform*.pth")
    assert pth.read_text().split() == [str(copy / "src")]  # a static path, no import hook
    folder = user_folder(tmp_path)
    check_imports(python, folder, copy)
    check_mypy(python, folder)
    version = succeed([str(python), "-m", "mesaform", "--version"], folder).splitlines()
    tree = succeed(["git", "-C", str(copy), "rev-parse", "HEAD^{tree}"], copy).strip()
    assert version[1].startswith(f"source swh:1:dir:{tree} (a git checkout at commit ")


@pytest.mark.slow
def test_the_sdist_holds_everything_and_its_wheel_keeps_the_record(tmp_path: Path) -> None:
    builder = tmp_path / "builder"
    venv.create(builder, with_pip=True)
    succeed(
        [str(builder / "bin" / "python"), "-m", "pip", "install", "-q", "setuptools>=77"], tmp_path
    )
    copy = source_copy(tmp_path)
    tree = succeed(["git", "-C", str(copy), "rev-parse", "HEAD^{tree}"], copy).strip()
    out = succeed(
        [
            str(builder / "bin" / "python"),
            "-c",
            f"from setuptools import build_meta; print(build_meta.build_sdist({str(tmp_path)!r}))",
        ],
        copy,
    )
    sdist = tmp_path / out.strip().splitlines()[-1]
    with tarfile.open(sdist) as archive:
        members = {
            member.name.split("/", 1)[1] for member in archive.getmembers() if "/" in member.name
        }
        prefix = archive.getmembers()[0].name.split("/")[0]
        record = json.loads(
            archive.extractfile(f"{prefix}/src/mesaform/build-provenance.json").read()  # type: ignore[union-attr]
        )
    for needed in (
        "setup.py",
        "pyproject.toml",
        "src/mesaform/py.typed",
        "src/mesaform/mypy_plugin.py",
        "src/mesaform/provenance.py",
        "src/mesaform/claims/default.toml",
        "src/mesaform/mesaform-vectors.json",
        "src/mesaform/spec/machines.py",
        "src/mesaform/proofs/checking/check.py",
    ):
        assert needed in members, needed
    assert record == {"source": f"swh:1:dir:{tree}", "commit": record["commit"], "dirty": False}
    pip_into(
        Path(sys.executable), "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(sdist)
    )
    (wheel,) = (tmp_path / "dist").glob("mesaform-*.whl")
    carried = json.loads(zipfile.ZipFile(wheel).read("mesaform/build-provenance.json"))
    assert carried == record


@pytest.mark.slow
def test_the_wheel_installs_with_its_dependencies_from_the_index(
    built_wheel: tuple[Path, str], tmp_path: Path
) -> None:
    """A real install: the wheel and its dependencies (minutes), and mypy beside them."""
    wheel, swhid = built_wheel
    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    succeed([str(python), "-m", "pip", "install", "-q", str(wheel), "mypy"], tmp_path, timeout=1800)
    wheel_checks(python, swhid, tmp_path)
