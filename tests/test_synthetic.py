"""The synthetic corpus generator: valid, realistic, reproducible, and never in a real corpus."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold import synthetic
from newsgold.corpus import LAYERS
from newsgold.errors import NewsgoldError
from newsgold.schemas import validator
from newsgold.validate import validate

REPO = Path(__file__).resolve().parents[1]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.fixture(scope="module")
def sample() -> list[synthetic.Article]:
    return [synthetic.article(11, n) for n in range(80)]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("syn") / "corpus-a"
    synthetic.write_corpus(out, 12, seed=5, rates=synthetic.ErrorRates())
    return out


def test_slug_folds_letters_to_ascii() -> None:
    # By hand: ö -> o (NFKD drops the diaeresis), Ø -> o (table), & -> and.
    assert synthetic.slug("Zoë Østerhaug") == "zoe-osterhaug"
    assert synthetic.slug("Marlow & Finch") == "marlow-and-finch"
    assert synthetic.slug("Coastal Workers' Union") == "coastal-workers-union"


def test_articles_have_news_size_and_density(sample: list[synthetic.Article]) -> None:
    for item in sample:
        assert 2000 <= len(item.text) <= 6000, item.doc_id
        assert 50 <= item.annotation_count() <= 150, item.doc_id
        assert all(item.annotations[layer] for layer in LAYERS), item.doc_id
        assert any(ord(c) > 127 for c in item.text)
    astral = [i for i in sample if any(ord(c) > 0xFFFF for c in i.text)]
    assert len(astral) > len(sample) // 2  # the caption camera and one organisation name


def test_articles_are_marked_synthetic(sample: list[synthetic.Article]) -> None:
    for item in sample:
        meta = item.metadata
        assert item.doc_id.startswith("synthetic-11-")
        assert meta["synthetic"] is True
        assert meta["url"].startswith("https://synthetic.newsgold.invalid/")
        assert "synthetic" in meta["rights"]["holder"].lower()
        assert "invented" in meta["rights"]["note"]
        assert "not a real news report" in item.annotations["notes"]


def test_relative_dates_resolve_against_the_publication_date(
    sample: list[synthetic.Article],
) -> None:
    # The rules of docs/guidelines.md section 3, applied by hand to every such date.
    checked = 0
    for item in sample:
        published = dt.date.fromisoformat(item.metadata["published"])
        dates = item.annotations["dates"]
        creation = [d for d in dates if d["function"] == "CREATION_TIME"]
        assert len(creation) == 1 and creation[0]["value"] == item.metadata["published"]
        for date in dates:
            if date["text"] == "yesterday":
                assert date["value"] == (published - dt.timedelta(days=1)).isoformat()
            elif date["text"] in WEEKDAYS:
                day = dt.date.fromisoformat(date["value"])
                assert WEEKDAYS[day.weekday()] == date["text"]
                assert 0 <= (published - day).days < 7
            elif date["text"] == "last month":
                month = published.replace(day=1) - dt.timedelta(days=1)
                assert date["value"] == f"{month.year}-{month.month:02d}"
            else:
                continue
            assert date["anchor"] == creation[0]["id"]
            checked += 1
    assert checked > 50


def test_claims_list_exactly_the_dates_and_figures_inside(sample: list[synthetic.Article]) -> None:
    for item in sample[:20]:
        ann = item.annotations
        for claim in ann["claims"]:
            for layer in ("dates", "figures"):
                inside = [
                    s["id"]
                    for s in ann[layer]
                    if claim["start"] <= s["start"] and s["end"] <= claim["end"]
                ]
                assert claim[layer] == inside


def test_same_article_whatever_the_corpus_size() -> None:
    assert synthetic.article(4, 3) == synthetic.article(4, 3)
    assert synthetic.article(4, 3).text != synthetic.article(4, 2).text
    assert synthetic.article(4, 3).text != synthetic.article(5, 3).text


def test_written_corpus_passes_the_real_validator(written: Path) -> None:
    report = validate(written)
    assert report.ok and report.documents == 12 and report.incidents == []
    run = subprocess.run(
        [sys.executable, "-m", "newsgold", "validate", "--root", str(written)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "VALID: 12 document(s)" in run.stdout


def test_long_article_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "long"
    summary = synthetic.write_corpus(out, 1, seed=2, min_annotations=2500)
    assert summary.annotations >= 2500
    assert validate(out).ok


def test_predictions_follow_the_schema_and_the_ledger(written: Path) -> None:
    lines = (written / synthetic.PREDICTIONS).read_text("utf-8").splitlines()
    assert len(lines) == 12
    check = validator("predictions")
    ledger = json.loads((written / synthetic.LEDGER).read_text("utf-8"))["outcomes"]
    predicted = dict.fromkeys(LAYERS, 0)
    for line in lines:
        row = json.loads(line)
        assert list(check.iter_errors(row)) == []
        for layer in LAYERS:
            predicted[layer] += len(row[layer])
    for layer in LAYERS:
        counts = ledger[layer]
        outcomes = ("correct", "missed", "shifted", "wrong_type", "wrong_value")
        assert counts["gold"] == sum(counts[o] for o in outcomes)
        assert predicted[layer] == counts["gold"] - counts["missed"] + counts["spurious"]


def _gold_and_predictions(rates: str, docs: int = 6) -> list[tuple[dict, dict]]:
    """Gold and predictions under the given rates, every rate not named set to zero."""
    zero = "missed=0,shifted=0,wrong_type=0,wrong_value=0,spurious=0,"
    parsed = synthetic.ErrorRates.parse(zero + rates)
    pairs = []
    for number in range(docs):
        item = synthetic.article(9, number)
        line, _ = synthetic.predict(item, parsed, 9, number)
        pairs.append((item.annotations, line))
    return pairs


def test_no_errors_means_predictions_equal_gold() -> None:
    for gold, line in _gold_and_predictions(""):
        entity = line["entities"][0]
        first = gold["entities"][0]
        assert (entity["start"], entity["end"], entity["type"], entity["entity_id"]) == (
            first["start"],
            first["end"],
            first["type"],
            first["entity_id"],
        )
        for layer in LAYERS:
            assert len(line[layer]) == len(gold[layer])


def test_each_error_kind_does_what_it_says() -> None:
    for _gold, line in _gold_and_predictions("missed=1"):
        assert all(line[layer] == [] for layer in LAYERS)
    for gold, line in _gold_and_predictions("shifted=1"):
        # Entities never overlap each other, so a moved boundary matches no gold entity exactly
        # but still overlaps the one it came from.
        offsets = {(e["start"], e["end"]) for e in gold["entities"]}
        for pred, orig in zip(line["entities"], gold["entities"], strict=True):
            assert (pred["start"], pred["end"]) not in offsets
            assert pred["start"] < orig["end"] and orig["start"] < pred["end"]
    for gold, line in _gold_and_predictions("wrong_type=1"):
        for pred, orig in zip(line["figures"], gold["figures"], strict=True):
            assert (pred["start"], pred["end"]) == (orig["start"], orig["end"])
            assert pred["kind"] != orig["kind"]
    for gold, line in _gold_and_predictions("wrong_value=1"):
        for pred, orig in zip(line["figures"], gold["figures"], strict=True):
            assert pred["value"] == orig["value"] * 10
    for gold, line in _gold_and_predictions("spurious=1"):
        offsets = {(e["start"], e["end"]) for e in gold["entities"]}
        extra = [e for e in line["entities"] if (e["start"], e["end"]) not in offsets]
        assert extra  # spurious entities land on words no gold entity touches
        for e in extra:
            assert all(e["end"] <= g["start"] or g["end"] <= e["start"] for g in gold["entities"])


def test_predictions_are_reproducible(tmp_path: Path, written: Path) -> None:
    again = tmp_path / "again"
    synthetic.write_corpus(again, 12, seed=5, rates=synthetic.ErrorRates())
    for name in (synthetic.PREDICTIONS, synthetic.LEDGER, "annotations/synthetic-5-0000007.json"):
        assert (again / name).read_bytes() == (written / name).read_bytes()


def test_error_rates_parse_and_refuse_nonsense() -> None:
    rates = synthetic.ErrorRates.parse("missed=0.2, spurious=0")
    assert (rates.missed, rates.spurious, rates.shifted) == (0.2, 0.0, 0.10)
    for bad in ("bogus=0.1", "missed", "missed=lots", "missed=1.5", "missed=0.6,shifted=0.6"):
        with pytest.raises(NewsgoldError) as err:
            synthetic.ErrorRates.parse(bad)
        assert err.value.status == 2


def test_never_writes_into_a_real_repository(tmp_path: Path) -> None:
    for target in (REPO, REPO / "corpus" / "extra", REPO / "annotations"):
        with pytest.raises(NewsgoldError) as err:
            synthetic.write_corpus(target, 1)
        assert err.value.status == 2
    assert not (REPO / "corpus" / "extra").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(NewsgoldError):
        synthetic.write_corpus(busy, 1)
    assert (busy / "thesis.txt").read_text(encoding="utf-8") == "mine"


def test_replaces_an_earlier_synthetic_corpus_whole(tmp_path: Path) -> None:
    out = tmp_path / "syn"
    synthetic.write_corpus(out, 3, seed=1)
    synthetic.write_corpus(out, 2, seed=1)
    assert sorted(p.name for p in (out / "corpus").glob("*.txt")) == [
        "synthetic-1-0000000.txt",
        "synthetic-1-0000001.txt",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["syn"]  # no temporary folder left behind


def test_script_writes_and_reports_bad_usage(tmp_path: Path) -> None:
    script = REPO / "scripts" / "make_synthetic.py"
    ok = subprocess.run(
        [sys.executable, str(script), "--docs", "2", "--seed", "3", "--out", str(tmp_path / "s")],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "wrote 2 synthetic articles" in ok.stdout
    bad = subprocess.run(
        [
            sys.executable,
            str(script),
            "--docs",
            "2",
            "--out",
            str(tmp_path / "t"),
            "--errors",
            "x=1",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and "bad error rate 'x=1'" in bad.stderr
    assert not (tmp_path / "t").exists()


def test_ledger_predicts_the_scorers_strict_entity_counts(written: Path, tmp_path: Path) -> None:
    # SemEval strict (exact span and type), by the definitions of docs/scoring.md: untouched and
    # wrong-value predictions are correct (entity_id is not part of the match), shifted and
    # wrong-type ones incorrect, missed ones missed, spurious ones spurious (they touch no gold).
    ledger = json.loads((written / synthetic.LEDGER).read_text("utf-8"))["outcomes"]["entities"]
    out = tmp_path / "score.json"
    run = subprocess.run(
        [sys.executable, "-m", "newsgold", "score", "--gold", str(written), "--root",
         str(written), str(written / synthetic.PREDICTIONS), "--layers", "entities",
         "--format", "json", "--output", str(out)],
        capture_output=True, text=True, cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    counts = json.loads(out.read_text("utf-8"))["scores"]["entities"]["schemes"]["strict"]["counts"]
    assert counts["COR"] == ledger["correct"] + ledger["wrong_value"]
    assert counts["INC"] == ledger["shifted"] + ledger["wrong_type"]
    assert counts["MIS"] == ledger["missed"]
    assert counts["SPU"] == ledger["spurious"]
