"""The split record: a stratified, date-spread draw, and the validator's checks of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsgold.splits import Candidate, assigned_split, draw_validation
from newsgold.validate import validate

REPO = Path(__file__).resolve().parents[1]
SEED = "2025-02-04-themoscowtimes-a87849"


def candidates() -> list[Candidate]:
    out = [Candidate(f"a{i:02}", "meantime/a", f"20{i:02}-01-01") for i in range(10)]
    out += [Candidate(f"b{i:02}", "gum/-", f"20{i:02}-06-01") for i in range(5)]
    return out


def test_shares_are_proportional_and_spread_over_dates() -> None:
    drawn = draw_validation(candidates(), 3, seed=1)
    # 10 of 15 in stratum a -> 2 of 3; 5 of 15 in b -> 1 of 3
    assert sum(d.startswith("a") for d in drawn) == 2
    assert sum(d.startswith("b") for d in drawn) == 1
    a = sorted(d for d in drawn if d.startswith("a"))
    # systematic: one from each half of stratum a's dates
    assert a[0] < "a05" <= a[1]


def test_same_seed_same_draw_and_another_seed_may_differ() -> None:
    assert draw_validation(candidates(), 5, seed=3) == draw_validation(candidates(), 5, seed=3)
    draws = {tuple(draw_validation(candidates(), 5, seed=s)) for s in range(10)}
    assert len(draws) > 1


def test_assigned_split_is_validation_only_when_listed() -> None:
    record = {"validation": ["x"]}
    assert assigned_split(record, "x") == "validation"
    assert assigned_split(record, "y") == "test"
    assert assigned_split(None, "x") == "test"


def seed_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("corpus", "annotations"):
        (root / folder).mkdir(parents=True)
        for path in (REPO / folder).glob(f"{SEED}.*"):
            shutil.copy(path, root / folder / path.name)
    (root / "provenance").mkdir()
    return root


def test_validator_checks_the_record(tmp_path: Path) -> None:
    root = seed_repo(tmp_path)
    record = root / "provenance" / "splits.json"
    record.write_text(json.dumps({"validation": []}))
    assert validate(root).ok
    record.write_text(json.dumps({"validation": ["no-such-article"]}))
    report = validate(root)
    assert [(i.id, i.file, i.pointer) for i in report.incidents] == [
        ("split-unknown-doc", "provenance/splits.json", "/validation/0")
    ]
    record.write_text(json.dumps({"validation": [SEED]}))  # the seed's metadata says test
    report = validate(root)
    assert [(i.id, i.pointer) for i in report.incidents] == [("split-mismatch", "/split")]
    record.write_text(json.dumps({"validation": "all"}))
    assert validate(root).ids() == ["split-record-invalid"]
