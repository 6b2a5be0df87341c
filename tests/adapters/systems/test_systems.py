"""The systems package through the CLI: `newsgold predict --system`, its bad input (unknown
name, missing library, both model sources), and the leaderboard's third-party part."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsgold.adapters import systems
from newsgold.adapters.systems import System, published
from newsgold.baselines.leaderboard import SYSTEM_COLUMNS, corpus_leaderboard, unchecked
from newsgold.cli import main
from newsgold.corpus import load_corpus
from newsgold.errors import NewsgoldError

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "scoring"))
from live_repo import load_script  # noqa: E402
from scoring_helpers import copies_of_valid_case  # noqa: E402

DOC = "2025-03-03-a"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """One small gold article (valid case: "March 03, 2025", "on Monday", "About 300 delegates")."""
    return copies_of_valid_case(tmp_path / "repo", {DOC: ("test", "gold")})


def test_every_system_is_described_without_importing_its_library() -> None:
    assert list(systems.MODULES) == [
        "dateparser",
        "recognizers-text",
        "quantulum3",
        "price-parser",
        "en_core_web_sm",
    ]
    for name in systems.MODULES:
        system = systems.describe(name)
        assert system.name == name
        assert set(system.layers) <= {"entities", "dates", "figures"} and system.cannot
    assert systems.describe("price-parser").can() == "figures (MONEY)"


def test_version_is_read_from_the_installed_distribution() -> None:
    absent = System("absent", "no-such-distribution-newsgold", "no_such_module", {}, "")
    assert absent.version is None and absent.label == "absent (not installed)"
    pytest.importorskip("dateparser")
    from importlib.metadata import version

    assert systems.describe("dateparser").label == f"dateparser {version('dateparser')}"


def test_unknown_system_is_bad_usage() -> None:
    with pytest.raises(NewsgoldError) as caught:
        systems.describe("heideltime")
    assert caught.value.status == 2 and "'heideltime'" in caught.value.message


def test_publication_date_is_required() -> None:
    with pytest.raises(NewsgoldError) as caught:
        published({"title": "no date"})
    assert caught.value.pointer == "/published" and "'None'" in caught.value.message


def test_cli_rejects_an_unknown_system_and_two_model_sources(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["predict", "--system", "heideltime", "--root", str(repo)])
    assert caught.value.code == 2
    assert "invalid choice: 'heideltime'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["predict", "--system", "dateparser", "--model", "m:f", "--root", str(repo)])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    assert main(["predict", "--llm", "http://127.0.0.1:9/v1", "--system", "dateparser"]) == 2
    assert "asks an LLM: not with --system" in capsys.readouterr().err


def test_a_missing_library_names_the_extra_and_writes_nothing(
    repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "price_parser", None)  # import price_parser now fails
    out = tmp_path / "p.jsonl"
    status = main(["predict", "--system", "price-parser", "--root", str(repo), "--out", str(out)])
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith("newsgold predict: the price-parser system needs the Python package ")
    assert "pip install 'newsgold[systems]'" in err and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == [repo]
    assert not systems.available("price-parser")


def test_predict_then_score_with_a_real_system(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("recognizers_date_time")
    out = tmp_path / "dates.jsonl"
    args = ["predict", "--system", "recognizers-text", "--root", str(repo), "--out", str(out)]
    assert main(args) == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert set(line) == {"doc_id", "dates"}  # no other layer: scored as not predicted
    got = {(d["text"], d["type"], d["value"]) for d in line["dates"]}
    # Published 2025-03-03, a Monday: "Monday" is that day, "two weeks" a duration.
    assert ("March 03, 2025", "DATE", "2025-03-03") in got
    assert ("two weeks", "DURATION", "P2W") in got
    capsys.readouterr()
    assert (
        main(["score", str(out), "--root", str(repo), "--gold", str(repo), "--format", "json"]) == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["unpredicted"] == ["entities", "figures", "claims"]
    assert report["headline"]["dates.value_f1"] is not None


def test_the_board_rows_a_check_cannot_recompute_are_left_out_of_the_comparison() -> None:
    page = (
        "| System | Library | Can predict | Cannot predict |\n"
        "| dateparser | `dateparser` | dates (DATE, TIME) | durations |\n"
        "| newsgold-rules-1 | 1.0 | 2.0 | 3.0 | 4.0 |\n"
        "| dateparser 1.5.0 | 50.0 [40.0, 60.0] | 45.0 | – | – |\n"
        "| quantulum3 0.10.0 | – | – | 51.9 | 64.7 |\n"
    )
    # Only the score row of the named system goes; its can/cannot row stays.
    assert unchecked(page, ["dateparser"]) == page.replace(
        "| dateparser 1.5.0 | 50.0 [40.0, 60.0] | 45.0 | – | – |\n", ""
    )
    assert unchecked(page, []) == page


def test_third_party_part_without_installed_systems(repo: Path) -> None:
    board = corpus_leaderboard(load_corpus(repo), bootstrap=0, third_party=[])
    part = board.split("## Third-party systems")[1]
    for name in systems.MODULES:  # the can/cannot table names every system
        assert f"\n| {name} | `{systems.describe(name).distribution}` |" in part
    header = "| System | " + " | ".join(c.header for c in SYSTEM_COLUMNS) + " |"
    test_table = part.split("### Test (`test`)")[1].split("### Validation")[0]
    rows = [line for line in test_table.splitlines() if line.startswith("| ")]
    assert rows[0] == header and [r.split(" | ")[0] for r in rows[1:]] == ["| newsgold-rules-1"]
    assert "No gold articles in validation yet." in part
    assert "pip install 'newsgold[systems]' && python scripts/leaderboard.py --write" in part


def test_third_party_rows_with_a_real_system(repo: Path) -> None:
    pytest.importorskip("price_parser")
    board = corpus_leaderboard(load_corpus(repo), bootstrap=0, third_party=["price-parser"])
    label = systems.describe("price-parser").label
    (row,) = [line for line in board.splitlines() if line.startswith(f"| {label} |")]
    # The valid case has no money: price-parser predicts no figure and misses every gold one
    # (figures F1 0.0); it predicts no entities or dates (not scored, "–").
    assert row == f"| {label} | – | – | – | – | 0.0 | 0.0 |"
    assert unchecked(board, ["price-parser"]).count(f"| {label} |") == 0


def test_the_check_skips_only_the_rows_of_systems_not_installed(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (
        "dateparser",
        "recognizers_date_time",
        "quantulum3",
        "price_parser",
        "en_core_web_sm",
    ):
        monkeypatch.setitem(sys.modules, module, None)  # as in CI: no library installed
    (repo / "docs").mkdir()
    script = load_script(ROOT / "scripts" / "leaderboard.py")
    assert script.main(["--root", str(repo), "--bootstrap", "0", "--write"]) == 0
    page = repo / "docs" / "leaderboard.md"
    written = page.read_text(encoding="utf-8")
    assert "| dateparser " not in written.split("### Test (`test`)")[1]
    # A row made where dateparser was installed is not compared here...
    rules_row = next(
        line for line in written.split("### Test (`test`)")[1].splitlines() if "rules" in line
    )
    row = "| dateparser 9.9 | – | – | 10.0 | 20.0 | – | – |"
    page.write_text(written.replace(rules_row, f"{rules_row}\n{row}"), encoding="utf-8")
    capsys.readouterr()
    assert script.main(["--root", str(repo), "--bootstrap", "0", "--check"]) == 0
    err = capsys.readouterr().err
    assert (
        "(not checked by --check): dateparser, recognizers-text, quantulum3, price-parser, "
        "en_core_web_sm;" in err
    )
    # ...but a row that can be recomputed still is.
    page.write_text(written.replace(rules_row, f"{rules_row} edited"), encoding="utf-8")
    assert script.main(["--root", str(repo), "--bootstrap", "0", "--check"]) == 1


def test_the_spacy_row_without_its_pipeline_is_a_located_error(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("spacy")
    if systems.available("en_core_web_sm"):
        pytest.skip("en_core_web_sm is installed here")
    out = tmp_path / "spacy.jsonl"
    status = main(["predict", "--system", "en_core_web_sm", "--root", str(repo), "--out", str(out)])
    assert status == 1 and not out.exists()
    err = capsys.readouterr().err
    assert err.startswith("newsgold predict: en_core_web_sm: cannot load the spaCy pipeline")
