"""The exact code is named by content: git's tree hash, recomputed, and where it is read.

:func:`mesaform.provenance.tree_hash` is checked against git itself (``git add -A`` then
``git write-tree``) on trees that exercise git's ordering, modes and links;
:func:`~mesaform.provenance.checkout_source` on throwaway repositories (clean, dirty, an
ignored file, a package git does not track); :func:`~mesaform.provenance.provenance_of`
prefers a build's record to git, and refuses a malformed record.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesaform.provenance import (
    RECORD_NAME,
    Provenance,
    checkout_source,
    provenance,
    provenance_of,
    tree_hash,
)

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GIT_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(folder: Path, *arguments: str, index: Path | None = None) -> str:
    environment = {**os.environ, **GIT_ENVIRONMENT}
    if index is not None:
        environment["GIT_INDEX_FILE"] = str(index)
    return subprocess.run(
        ["git", "-C", str(folder), *arguments],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=60,
    ).stdout.strip()


def git_tree_of_working_files(folder: Path) -> str:
    """What git says: the tree ``git add -A`` would write (into a throwaway index)."""
    index = folder.parent / f"{folder.name}.index"
    index.unlink(missing_ok=True)
    git(folder, "add", "-A", index=index)
    return git(folder, "write-tree", index=index)


def listed(folder: Path) -> list[str]:
    out = git(folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted(set(filter(None, out.split("\0"))))


def repository(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    return folder


def write(folder: Path, name: str, content: bytes, executable: bool = False) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    path.chmod(0o755 if executable else 0o644)


def test_tree_hash_agrees_with_git_on_order_modes_and_links(tmp_path: Path) -> None:
    folder = repository(tmp_path / "r")
    # git orders a folder "a" as "a/": after "a-b" and "a.b", before "a0"
    for name in ("a-b", "a.b", "a0", "a/x", "a/b/c", "b", "empty"):
        write(folder, name, name.encode() * 3 if name != "empty" else b"")
    write(folder, "run", b"#!/bin/sh\n", executable=True)
    write(folder, "bytes", bytes(range(256)))
    (folder / "link").symlink_to("a/x")
    (folder / "folder_link").symlink_to("a")
    assert tree_hash(folder, listed(folder)) == git_tree_of_working_files(folder)


NAMES = st.text(alphabet="ab.-_0", min_size=1, max_size=3).filter(lambda n: n not in {".", ".."})


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.dictionaries(
        st.lists(NAMES, min_size=1, max_size=3).map("/".join),
        st.tuples(st.binary(max_size=20), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_tree_hash_agrees_with_git_on_random_trees(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, tuple[bytes, bool]]
) -> None:
    names = sorted(files)
    # a path cannot be both a file and a folder
    files = {n: files[n] for n in names if not any(o.startswith(n + "/") for o in names)}
    folder = repository(tmp_path_factory.mktemp("tree") / "r")
    for name, (content, executable) in files.items():
        write(folder, name, content, executable)
    assert tree_hash(folder, listed(folder)) == git_tree_of_working_files(folder)


def test_a_listed_file_that_is_gone_is_left_out(tmp_path: Path) -> None:
    write(tmp_path, "kept", b"1")
    assert tree_hash(tmp_path, ["kept", "gone"]) == tree_hash(tmp_path, ["kept"])
    assert tree_hash(tmp_path, ["kept"]) != tree_hash(tmp_path, [])


def package_repository(tmp_path: Path) -> tuple[Path, Path]:
    folder = repository(tmp_path / "project")
    write(folder, "pkg/__init__.py", b"")
    write(folder, "pkg/code.py", b"x = 1\n")
    write(folder, ".gitignore", b"*.log\n")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "first")
    return folder, folder / "pkg"


def test_a_clean_checkout_is_its_commit_and_the_commit_tree(tmp_path: Path) -> None:
    folder, package = package_repository(tmp_path)
    found = checkout_source(package)
    assert found == {
        "source": f"swh:1:dir:{git(folder, 'rev-parse', 'HEAD^{tree}')}",
        "commit": git(folder, "rev-parse", "HEAD"),
        "dirty": False,
    }
    write(folder, "pkg/run.log", b"ignored")
    assert checkout_source(package) == found  # an ignored file changes nothing


@pytest.mark.parametrize("change", ["edit", "untracked", "delete"])
def test_a_dirty_checkout_names_the_files_as_they_are(tmp_path: Path, change: str) -> None:
    folder, package = package_repository(tmp_path)
    commit_tree = git(folder, "rev-parse", "HEAD^{tree}")
    if change == "edit":
        write(folder, "pkg/code.py", b"x = 2\n")
    elif change == "untracked":
        write(folder, "pkg/new.py", b"y = 1\n")
    else:
        (folder / "pkg" / "code.py").unlink()
    found = checkout_source(package)
    assert found is not None and found["dirty"] is True
    assert found["commit"] == git(folder, "rev-parse", "HEAD")
    assert found["source"] == f"swh:1:dir:{git_tree_of_working_files(folder)}"
    assert found["source"] != f"swh:1:dir:{commit_tree}"


def test_a_package_git_does_not_track_has_no_checkout_source(tmp_path: Path) -> None:
    """A wheel installed into a virtual environment inside someone else's repository."""
    folder, _ = package_repository(tmp_path)
    write(folder, ".venv/site/mesaform/__init__.py", b"")
    write(folder, ".gitignore", b".venv/\n")
    assert checkout_source(folder / ".venv" / "site" / "mesaform") is None
    assert checkout_source(tmp_path) is None  # not a repository at all
    bare = repository(tmp_path / "no_commit")
    write(bare, "pkg/__init__.py", b"")
    assert checkout_source(bare / "pkg") is None


def test_a_build_record_comes_before_git(tmp_path: Path) -> None:
    _, package = package_repository(tmp_path)
    source = "swh:1:dir:" + "ab" * 20
    record = {"source": source, "commit": "c" * 40, "dirty": False}
    (package / RECORD_NAME).write_text(json.dumps(record), encoding="utf-8")
    assert provenance_of(package, "9.9") == Provenance("9.9", "build", source, "c" * 40, False)


@pytest.mark.parametrize(
    "record",
    [
        "not json",
        json.dumps({"source": "swh:1:dir:xyz", "commit": None, "dirty": None}),
        json.dumps({"source": "swh:1:dir:" + "ab" * 20, "commit": 5, "dirty": None}),
        json.dumps({"commit": None, "dirty": None}),
        json.dumps([1]),
    ],
)
def test_a_malformed_build_record_leaves_the_source_unidentified(
    tmp_path: Path, record: str
) -> None:
    (tmp_path / RECORD_NAME).write_text(record, encoding="utf-8")
    found = provenance_of(tmp_path, "0.1.0")
    assert found == Provenance("0.1.0", "unidentified")
    assert "unidentified" in found.describe()


def test_this_checkout_is_identified_by_its_commit() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not run from a git checkout")
    found = provenance()
    assert found.origin == "checkout"
    assert found.commit == git(ROOT, "rev-parse", "HEAD")
    assert found.swhid is not None and found.record()["source"] == found.swhid
    if not found.dirty:
        assert found.swhid == f"swh:1:dir:{git(ROOT, 'rev-parse', 'HEAD^{tree}')}"
