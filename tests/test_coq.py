"""The Coq development in ``proofs/coq/`` compiles, has no gap, and agrees with the vectors.

``make coq`` regenerates ``Vectors.v`` from ``vectors/mesaform-vectors.json`` and compiles
every file; this test runs it in a temporary copy and fails on any error, on an admitted
proof or axiom in the sources, and on any assumption ``Print Assumptions`` reports for a
main theorem (docs/coq.md). The build needs ``coqc``: where it is missing those tests are
skipped with a reason (CI installs Coq first, see ``.ci/run``).
"""

from __future__ import annotations

import importlib
import inspect
import json
import random
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import cast

import pytest

from mesaform.cli.check import bundled_claims
from mesaform.proofs.checking.check import check_claim, choose_method
from mesaform.proofs.coq.names import COQ_DEFINITIONS, COQ_NAMES, coq_name, coq_twin_line
from mesaform.proofs.coq.vectors import (
    APPROXIMATE_EXAMPLES,
    CLAIMS_TOML,
    DECISIONS_COQ,
    EXHAUSTIVE_COQ,
    VECTORS_COQ,
    VECTORS_JSON,
    VERDICTS_COQ,
    code_ones_claims,
    coq_decisions,
    coq_exhaustive,
    coq_vectors,
    coq_verdicts,
    vector_count,
)
from mesaform.proofs.methods.verified import (
    CHECKER_VARIABLE,
    CheckerError,
    parse_decision,
    parse_run,
    run_request,
    run_requests,
    verified_why_not,
)
from mesaform.proofs.theorems.prover import all_theorems
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Move, Symbol, Table, Transition, encode
from mesaform.spec.verdicts import Bound, Proved, Refuted
from tests.cli_helpers import invoke
from tests.coq_build import build_key, coq_build, coqc_version

ROOT = Path(__file__).resolve().parent.parent
COQ_DIR = ROOT / "proofs" / "coq"
CLOSED = "Closed under the global context"
HAVE_COQ = all(shutil.which(tool) for tool in ("coqc", "coq_makefile", "ocamlfind"))
NO_COQ = (
    "coqc or ocamlfind is not installed here "
    "(apt-get install coq ocaml-findlib libzarith-ocaml-dev); CI installs them"
)
needs_coq = pytest.mark.skipif(not HAVE_COQ, reason=NO_COQ)


def sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(COQ_DIR.glob("*.v"))}


def without_comments(text: str) -> str:
    """Return Coq source with its (possibly nested) comments removed."""
    out: list[str] = []
    depth = 0
    index = 0
    while index < len(text):
        if text.startswith("(*", index):
            depth += 1
            index += 2
        elif depth and text.startswith("*)", index):
            depth -= 1
            index += 2
        else:
            if depth == 0:
                out.append(text[index])
            index += 1
    return "".join(out)


def test_generated_vectors_file_is_current_and_large_enough() -> None:
    document = json.loads(VECTORS_JSON.read_text(encoding="utf-8"))
    text = coq_vectors(document)
    assert VECTORS_COQ.read_text(encoding="utf-8") == text, (
        "proofs/coq/Vectors.v is stale: run python -m mesaform.proofs.coq.vectors --write"
    )
    runs = len(document["runs"])
    base = 4 * len(document["objectives"]["base"])
    mesa = len(document["objectives"]["mesa"])
    assert vector_count(text) >= runs + base + mesa >= 100


def test_generated_exhaustive_file_is_current_and_covers_every_small_machine() -> None:
    document = json.loads(VECTORS_JSON.read_text(encoding="utf-8"))
    text = coq_exhaustive(document)
    assert EXHAUSTIVE_COQ.read_text(encoding="utf-8") == text, (
        "proofs/coq/Exhaustive.v is stale: run python -m mesaform.proofs.coq.vectors --write"
    )
    assert text.count("  mk_entry ") == 2**11 - 1
    programs = {record["mesa"] for record in document["objectives"]["mesa"]}
    assert len(re.findall(r"^  \(\d+%nat, ", text, flags=re.MULTILINE)) == len(programs) * (
        2**8 - 1
    )


def test_generated_verdicts_file_is_current_and_decides_every_inner_verdict() -> None:
    document = json.loads(VECTORS_JSON.read_text(encoding="utf-8"))
    text = coq_verdicts(document)
    assert VERDICTS_COQ.read_text(encoding="utf-8") == text, (
        "proofs/coq/Verdicts.v is stale: run python -m mesaform.proofs.coq.vectors --write"
    )
    inner = [record for record in document["verdicts"] if record["predicate"] == "inner-alignment"]
    assert len(inner) >= 4
    for record in inner:
        name = re.sub(r"[^A-Za-z0-9]", "_", record["name"])
        if record["verdict"] == "proved":
            assert f"Example {name} :\n  inner_aligned_on" in text
        else:
            assert f"Example {name} :\n  ~ inner_aligned_on" in text
            assert f"Some ({record['checked'] - 1}%nat, " in text


def test_generated_decisions_file_is_current_and_decides_every_code_ones_claim() -> None:
    claims = code_ones_claims(CLAIMS_TOML.read_text(encoding="utf-8"))
    text = coq_decisions(claims + list(APPROXIMATE_EXAMPLES))
    assert DECISIONS_COQ.read_text(encoding="utf-8") == text, (
        "proofs/coq/Decisions.v is stale: run python -m mesaform.proofs.coq.vectors --write"
    )
    bounded = [claim for claim in claims if claim["max_length"] != "all"]
    assert len(bounded) >= 5
    for claim in bounded + list(APPROXIMATE_EXAMPLES):
        name = re.sub(r"[^A-Za-z0-9]", "_", claim["name"])
        if claim["expect"] == "holds":
            assert f"Example {name}_decided : holds_on" in text
        else:
            assert f"Example {name}_refuted : ~ holds_on" in text
            assert f"Example {name}_refuted_for_every_t : ~ holds_on" in text
    assert "(Approximate (1 # 2))" in text and "Order" in text


def test_every_record_of_the_vectors_becomes_a_check() -> None:
    document = json.loads(VECTORS_JSON.read_text(encoding="utf-8"))
    text = coq_vectors(document)
    assert len(re.findall(r"^Example run_", text, flags=re.MULTILINE)) == len(document["runs"])
    assert len(re.findall(r"^Example mesa_", text, flags=re.MULTILINE)) == len(
        document["objectives"]["mesa"]
    )
    out_of_fuel = sum(1 for record in document["runs"] if not record["halted"])
    assert text.count("\n    None = true.") == out_of_fuel


def test_a_malformed_value_is_refused_by_the_generator() -> None:
    document = json.loads(VECTORS_JSON.read_text(encoding="utf-8"))
    document["objectives"]["base"][0]["code_ones"] = "1/0"
    with pytest.raises(ValueError, match="not a rational"):
        coq_vectors(document)
    document = json.loads(VECTORS_JSON.read_text(encoding="utf-8"))
    document["runs"][0]["machine"] = "012"
    with pytest.raises(ValueError, match="not a bitstring"):
        coq_vectors(document)


@pytest.mark.parametrize("name", sorted(sources()))
def test_no_admitted_proof_or_new_axiom(name: str) -> None:
    code = without_comments(sources()[name])
    found = re.findall(r"\b(Admitted|admit|Axiom|Axioms|Conjecture|Parameter|Parameters)\b", code)
    assert not found, f"{name} has {found}"
    assert not re.search(r"\bAbort\b", code), f"{name} abandons a proof"


def test_every_theorem_is_in_the_assumptions_file() -> None:
    printed = set(re.findall(r"Print Assumptions \w+\.(\w+)\.", sources()["Assumptions.v"]))
    stated = {
        match.group(1)
        for name, text in sources().items()
        for match in re.finditer(r"^(?:Theorem|Corollary) (\w+)", without_comments(text), re.M)
    }
    assert stated, "no theorem found"
    assert stated <= printed, f"Print Assumptions misses {sorted(stated - printed)}"


def test_the_project_file_lists_every_source_in_dependency_order() -> None:
    listed = (COQ_DIR / "_CoqProject").read_text(encoding="utf-8").split()
    files = [entry for entry in listed if entry.endswith(".v")]
    assert sorted(files) == sorted(sources())
    for position, name in enumerate(files):
        imported = re.findall(r"Require Import ([\w ]+)\.", sources()[name])
        for module in " ".join(imported).split():
            if f"{module}.v" in files:
                assert files.index(f"{module}.v") < position, f"{name} needs {module}.v first"


@pytest.fixture(scope="session")
def built() -> Path:
    """Return the ``proofs/coq`` folder of ``make coq`` run on exactly the current sources.

    The build is cached per content hash of what it reads (``tests/coq_build.py``): the
    record it leaves names each input's SHA-256, checked here against the sources now,
    and every ``.v`` file of the build (the vector checks regenerated by ``make coq``)
    equals the repository's.
    """
    if not HAVE_COQ:
        pytest.skip(NO_COQ)
    folder, record = coq_build()
    assert record["inputs"] == build_key()[1]
    assert record["coqc"] == coqc_version()
    coq = folder / "proofs" / "coq"
    assert {path.name: path.read_text(encoding="utf-8") for path in coq.glob("*.v")} == sources()
    for name in sources():
        assert (coq / name).with_suffix(".vo").stat().st_size > 0, name
    return coq


def compile_beside(
    coq: Path, name: str, text: str, folder: Path
) -> subprocess.CompletedProcess[str]:
    """Compile ``text`` as ``folder/name`` against the built library (which stays unchanged)."""
    (folder / name).write_text(text, encoding="utf-8")
    return subprocess.run(
        ["coqc", "-Q", str(coq), "Mesaform", name],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_make_coq_compiles_and_every_main_theorem_is_closed(built: Path, tmp_path: Path) -> None:
    assert (built / "Vectors.vo").exists() and (built / "Assumptions.vo").exists()
    shown = compile_beside(built, "Shown.v", sources()["Assumptions.v"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = [line for line in shown.stdout.splitlines() if line.strip()]
    expected = sources()["Assumptions.v"].count("Print Assumptions ")
    assert expected >= 20
    assert lines == [CLOSED] * expected, f"assumptions beyond none:\n{shown.stdout}"


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_a_vector_that_disagrees_fails_the_build(built: Path, tmp_path: Path) -> None:
    text = (built / "Vectors.v").read_text(encoding="utf-8")
    wrong = text.replace("(Some (6%nat, 4%nat,", "(Some (7%nat, 4%nat,", 1)
    assert wrong != text
    done = compile_beside(built, "Wrong.v", wrong, tmp_path)
    assert done.returncode != 0
    assert "Unable to unify" in done.stdout + done.stderr


def test_every_coq_name_is_a_registered_theorem_checked_in_coq() -> None:
    registered = {theorem.name for theorem in all_theorems()}
    assert set(COQ_NAMES) <= registered, sorted(set(COQ_NAMES) - registered)
    printed = set(re.findall(r"Print Assumptions (\w+\.\w+)\.", sources()["Assumptions.v"]))
    assert set(COQ_NAMES.values()) <= printed, sorted(set(COQ_NAMES.values()) - printed)
    assert coq_name("inner_alignment_implies_order_alignment") == "Alignment.inner_implies_order"
    assert coq_name("no_such_theorem") is None


@pytest.mark.parametrize("qualified", sorted(COQ_DEFINITIONS))
def test_spec_definition_names_its_coq_twin_and_the_twin_exists(qualified: str) -> None:
    module_name, name = qualified.rsplit(".", 1)
    documented = inspect.getdoc(getattr(importlib.import_module(module_name), name)) or ""
    coq = COQ_DEFINITIONS[qualified]
    assert coq_twin_line(coq) in documented.replace("\n", " ")
    coq_module, coq_name_ = coq.split(".")
    text = without_comments(sources()[f"{coq_module}.v"])
    pattern = rf"^\s*(?:Definition|Fixpoint|Record|Inductive|Theorem) {re.escape(coq_name_)}\b"
    assert re.search(pattern, text, flags=re.MULTILINE), f"{coq} is not defined in Coq"


TIE_VECTOR = "run_tie_lowest_index"


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_the_highest_index_on_ties_fails_a_vector_check(built: Path, tmp_path: Path) -> None:
    """Acting like the highest-index best candidate in run_g is caught by the tie vectors."""
    coq = built
    needed = ["Machines", "Choice", "Programs", "Run", "Objectives", "VectorCheck", "Vectors"]
    for name in needed:
        shutil.copy(coq / f"{name}.v", tmp_path / f"{name}.v")
    run_v = (tmp_path / "Run.v").read_text(encoding="utf-8")
    highest = (
        "match option_map (fun j => (List.length scores - 1 - j)%nat) "
        "(argmax_lowest_index (List.rev scores)) with"
    )
    mutated = run_v.replace("match argmax_lowest_index scores with", highest)
    assert mutated.count(highest) == 1
    (tmp_path / "Run.v").write_text(mutated, encoding="utf-8")
    for name in needed:
        done = subprocess.run(
            ["coqc", "-Q", ".", "Mesaform", f"{name}.v"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if name != "Vectors":
            assert done.returncode == 0, done.stdout + done.stderr
    assert done.returncode != 0, "the tie rule was changed and every vector still passed"
    line = int(re.findall(r"line (\d+)", done.stdout + done.stderr)[0])
    lines = (tmp_path / "Vectors.v").read_text(encoding="utf-8").splitlines()[:line]
    failing = next(text for text in reversed(lines) if text.startswith("Example "))
    assert "tie" in failing or "tied" in failing, failing


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_the_checker_is_built_from_the_extraction(built: Path) -> None:
    checker = built / "mesaform-checker"
    assert checker.is_file()
    requests = "run 01101101100110001110 - 100\nrun - 1 5\nrun 1111001110110011100101110001 - 5\n"
    done = subprocess.run(
        [str(checker)], input=requests + "nonsense\n", capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    answers = done.stdout.splitlines()
    assert answers[0].split()[:2] == ["halted", "6"]
    assert sorted(int(cell) for cell in answers[0].split()[2].split(",")) == [-2, -1, 0, 1]
    assert answers[1] == "halted 0 0,1"
    assert answers[2] == "halted 0 -", "the tie: acting like the lowest index takes 0 steps"
    assert answers[3].startswith("error: ")


# -- the extracted checker and the method ``verified`` -------------------------------------


@pytest.fixture
def checker(built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return the checker built from the extraction, and make ``verified`` run it."""
    path = built / "mesaform-checker"
    monkeypatch.setenv(CHECKER_VARIABLE, str(path))
    return path


def random_program(rng: random.Random, depth: int = 0) -> str:
    """Return a random machine: a random bitstring, a table, or a (nested) Mesa program."""
    kind = rng.randrange(5 if depth < 2 else 3)
    if kind == 0:
        return "".join(rng.choice("01") for _ in range(rng.randrange(30)))
    if kind in (1, 2):
        states = rng.randrange(4)
        transitions = tuple(
            Transition(
                cast(Symbol, rng.randrange(2)),
                cast(Move, rng.randrange(2)),
                rng.choice([*range(states), None]),
            )
            for _ in range(rng.randrange(2 * states + 1))
        )
        return encode(Table(states, transitions))
    candidates = tuple(random_program(rng, depth + 1) for _ in range(rng.randrange(4)))
    evaluator = random_program(rng, depth + 1)
    return encode(
        Mesa(
            len(candidates) + rng.randrange(2),
            rng.randrange(12),
            TM(evaluator),
            tuple(map(TM, candidates)),
        )
    )


def random_triples(seed: int, count: int) -> list[tuple[str, str, int]]:
    rng = random.Random(seed)
    return [
        (
            random_program(rng),
            "".join(rng.choice("01") for _ in range(rng.randrange(7))),
            rng.randrange(60),
        )
        for _ in range(count)
    ]


def assert_runs_agree(triples: list[tuple[str, str, int]]) -> None:
    answers = run_requests([run_request(t, x, fuel) for t, x, fuel in triples], timeout=600)
    for (t, x, fuel), answer in zip(triples, answers, strict=True):
        assert parse_run(answer) == run(t, x, fuel), (t, x, fuel, answer)


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_extracted_run_agrees_with_the_reference(checker: Path) -> None:
    triples = random_triples(0, 3000)
    assert sum(1 for t, _, _ in triples if t.startswith("1")) > 500
    assert_runs_agree(triples)


@needs_coq
@pytest.mark.slow
def test_extracted_run_agrees_with_the_reference_on_100000_triples(checker: Path) -> None:
    for seed in range(1, 11):
        assert_runs_agree(random_triples(seed, 10_000))


def same_verdict(claim: Claim) -> None:
    """``verified`` and enumeration give the same verdict and the same counterexample."""
    verified = check_claim(claim, "verified").verdict
    enumerated = check_claim(claim, "enumerate").verdict
    assert verified.verdict == enumerated.verdict, (claim, verified, enumerated)
    assert verified.method == "verified"
    # dom(U_m)'s longest string, over all of TM for a claim for every t (a claim the
    # checker decided whole must not be read at its bound's max_length of 0)
    assert verified.dom_longest == enumerated.dom_longest, (claim, verified, enumerated)
    if isinstance(verified, Refuted):
        assert isinstance(enumerated, Refuted)
        assert verified.counterexample.machines == enumerated.counterexample.machines, claim
    if isinstance(verified, Proved):
        assert isinstance(enumerated, Proved)
        assert verified.checked == enumerated.checked


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_verified_agrees_with_enumeration_on_the_bundled_suite(checker: Path) -> None:
    claims = [
        claim
        for claim in bundled_claims()
        if verified_why_not(claim) is None and claim.bound.max_length <= 16
    ]
    assert len(claims) == 5
    for claim in claims:
        same_verdict(claim)


PREDICATES: tuple[tuple[Predicate, Fraction | None], ...] = (
    ("inner-alignment", None),
    ("order-alignment", None),
    ("approximate-alignment", Fraction(1, 2)),
    ("approximate-alignment", Fraction(3, 2)),
    ("approximate-alignment", Fraction(0)),
)


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
@pytest.mark.parametrize("seed", range(4))
def test_verified_agrees_with_enumeration_on_random_claims(checker: Path, seed: int) -> None:
    rng = random.Random(seed)
    for index in range(12):
        fuel = rng.randrange(9)
        evaluator = rng.choice(
            [random_program(rng), CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR, ""]
        )
        mesa = encode(Mesa(1, fuel, TM(evaluator), ()))
        predicate, epsilon = rng.choice(PREDICATES)
        every = index % 3 == 0
        bound = Bound(0, 10, every_length=True) if every else Bound(rng.randrange(9), 10)
        claim = Claim(
            f"random_{seed}_{index}",
            predicate,
            LibraryObjective("code_ones"),
            MesaProgram(mesa),
            bound,
            epsilon=epsilon,
        )
        same_verdict(claim)


def test_verified_without_a_checker_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CHECKER_VARIABLE, str(tmp_path / "absent"))
    code, out, err = invoke(capsys, "check", "--method", "verified")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert any("the verified checker is not built" in line for line in lines), err
    assert "Traceback" not in out + err
    assert "verified" not in estimate_cost_text()


def estimate_cost_text() -> str:
    """What ``auto`` considers for the bundled suite: never the verified checker."""
    return " ".join(choose_method(claim) for claim in bundled_claims())


def test_checker_answers_are_read_strictly() -> None:
    assert parse_decision("holds 16").length == 16
    assert parse_decision("fails -").machines == ("",)
    assert parse_decision("fails 01 1").machines == ("01", "1")
    for wrong in ("", "holds", "holds x", "fails 012", "error: not a request", "fails 0 1 0"):
        with pytest.raises(CheckerError):
            parse_decision(wrong)
    assert parse_run("halted 1 0") == run("01", "", 3)
    out = parse_run("out-of-fuel 7")
    assert out == run("0", "", 7) or getattr(out, "fuel", None) == 7
    with pytest.raises(CheckerError):
        parse_run("halted 3 0,0")


MAIN_STATEMENTS = {
    # the theorem -> words its statement must contain, as Coq's Check prints it (module
    # qualifiers removed)
    "SmallModel.small_model_inner": [
        "decode m = Mesa c f e cs ->",
        "inner_aligned_on (fun t : TM => length t <= half_fuel f + 1) code_ones "
        "(mesa_objective m) <-> inner_aligned code_ones (mesa_objective m)",
    ],
    "SmallModel.small_model_approx": [
        "decode m = Mesa c f e cs ->",
        "approximately_aligned_on (fun t : TM => length t <= half_fuel f + approx_extra eps) "
        "eps code_ones (mesa_objective m) <-> approximately_aligned eps code_ones "
        "(mesa_objective m)",
    ],
    "SmallModel.small_model_order": [
        "decode m = Mesa c f e cs ->",
        "order_aligned_on (fun t : TM => length t <= half_fuel f + 1) code_ones "
        "(mesa_objective m) <-> order_aligned code_ones (mesa_objective m)",
    ],
    "SmallModel.prefix_lemma": ["firstn (half_fuel f) t", "q_of_nat (length t - half_fuel f)"],
    "Tapes.run_nodup": ["run t x F = Halted s tp -> NoDup tp"],
    "Choice.argmax_lowest_index_lowest": ["k < j -> nth_error values k = Some (Some w) -> Qlt w v"],
    "Chooses.mesa_choice_chooses": ["mesa_choice Um C = Some i <-> chooses Um C i"],
}


def printed_theorems() -> list[str]:
    return re.findall(r"^Print Assumptions (\w+\.\w+)\.", sources()["Assumptions.v"], re.M)


def coq_output(coq: Path, name: str, text: str, folder: Path) -> str:
    """Compile ``text`` as ``folder/name`` against the built library; return what Coq printed."""
    shown = compile_beside(coq, name, text, folder)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    return shown.stdout


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_each_main_theorem_is_closed_and_states_what_the_docs_say(
    built: Path, tmp_path: Path
) -> None:
    coq = built
    theorems = printed_theorems()
    modules = sorted({name.split(".")[0] for name in theorems})
    lines = [f"From Mesaform Require Import {' '.join(modules)}."]
    for name in theorems:
        lines += [f"Check {name}.", f"Print Assumptions {name}."]
    out = coq_output(coq, "EachAssumption.v", "\n".join(lines) + "\n", tmp_path)
    blocks = out.split(CLOSED)
    # one block per theorem, then what follows the last (nothing); an axiom would print
    # "Axioms:" instead of CLOSED and shift or fill a block
    assert len(blocks) == len(theorems) + 1 and not blocks[-1].strip(), out[-2000:]
    for name, block in zip(theorems, blocks, strict=False):
        head, *rest = block.strip().splitlines()
        assert head == name.split(".")[1], (name, block)
        assert all(line.startswith(" ") for line in rest), (name, block)
        statement = re.sub(r"\b[A-Z]\w*\.(?=\w)", "", " ".join(" ".join(rest).split()))
        for words in MAIN_STATEMENTS.get(name, []):
            assert words in statement, (name, words, statement)
    assert set(MAIN_STATEMENTS) <= set(theorems)


def test_docs_state_every_coq_theorem_beside_its_name() -> None:
    text = (ROOT / "docs" / "coq.md").read_text(encoding="utf-8")
    section = text[text.index("## Theorems") : text.index("### The locality lemma")]
    rows = re.findall(r"^\| `(\w+\.\w+)` \| (.+) \|$", section, re.M)
    names = [name for name, _ in rows]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(printed_theorems())
    for name, statement in rows:
        assert "`" in statement, f"{name} has no statement in mathematics"


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_the_coq_bounds_are_the_python_deciding_lengths(built: Path, tmp_path: Path) -> None:
    from fractions import Fraction

    from mesaform.proofs.checking.small_model import deciding_length
    from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
    from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
    from mesaform.spec.verdicts import Bound
    from tests.claims_for_tests import mesa_code

    fuels = list(range(41))
    pairs = [(f, Fraction(n, d)) for f in (0, 1, 2, 7, 8) for d in (1, 2, 3, 7) for n in range(15)]
    coq_list = "; ".join(f"({f}%nat, ({e.numerator} # {e.denominator})%Q)" for f, e in pairs)
    out = coq_output(
        built,
        "Lengths.v",
        "From Coq Require Import List QArith.\nImport ListNotations.\n"
        "From Mesaform Require Import SmallModel.\n"
        "Eval vm_compute in map (fun f => (half_fuel f + 1)%nat) "
        f"[{'; '.join(f'{f}%nat' for f in fuels)}].\n"
        + "Eval vm_compute in map (fun p => (half_fuel (fst p) + approx_extra (snd p))%nat) "
        f"[{coq_list}].\n",
        tmp_path,
    )
    inner, approximate = (
        [int(n) for n in re.findall(r"\d+", listed)]
        for listed in re.findall(r"= \[(.*?)\]", out, re.S)
    )

    def claim(fuel: int, epsilon: Fraction | None) -> Claim:
        return Claim(
            "every",
            "inner-alignment" if epsilon is None else "approximate-alignment",
            LibraryObjective("code_ones"),
            MesaProgram(mesa_code(CODE_ONES_EVALUATOR, fuel)),
            Bound(0, 0, every_length=True),
            epsilon=epsilon,
        )

    assert inner == [deciding_length(claim(f, None)) for f in fuels]
    assert approximate == [deciding_length(claim(f, e)) for f, e in pairs]


@needs_coq
def test_the_lowest_index_lemma_rules_out_the_highest_index_tie_rule(tmp_path: Path) -> None:
    # the definitions of Choice.v, then a refutation of argmax_lowest_index_lowest's
    # statement by the tie [1; 1]: it compiles only where the rule picks the highest index
    text = sources()["Choice.v"]
    definitions = text[: text.index("(** ** Laws of the choice rule. *)")]
    refutation = """
Theorem the_tie_rule_is_not_the_lowest_index : ~ (forall values j v,
  argmax_lowest_index values = Some j -> nth_error values j = Some (Some v) ->
  forall k w, (k < j)%nat -> nth_error values k = Some (Some w) -> w < v).
Proof.
  intros H. apply (Qlt_irrefl 1).
  exact (H [Some 1; Some 1] 1%nat 1 ltac:(vm_compute; reflexivity) eq_refl 0%nat 1
    ltac:(auto) eq_refl).
Qed.
"""
    kept = "if Qle_bool v bv then argmax_from (S i) best rest"
    assert definitions.count(kept) == 1
    highest = definitions.replace(kept, "if negb (Qle_bool bv v) then argmax_from (S i) best rest")
    results = {}
    for name, body in (("Lowest.v", definitions), ("Highest.v", highest)):
        (tmp_path / name).write_text(body + refutation, encoding="utf-8")
        done = subprocess.run(
            ["coqc", name], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
        )
        results[name] = done.returncode
    assert results == {"Lowest.v": 1, "Highest.v": 0}


@pytest.mark.slow  # compiles Coq (the core is built once per content: .coq-cache/)
@needs_coq
def test_check_method_verified_on_the_command_line(
    checker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = invoke(
        capsys, "check", "--method", "verified", "--claim", "code_ones_length_proxy"
    )
    assert code == 0
    assert "refuted by verified" in out and "replayed by the reference interpreter" in out
    code, _, err = invoke(capsys, "check", "--method", "verified", "--all")
    assert code == 2 and "--all" in err
