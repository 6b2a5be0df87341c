"""One minimal invalid repository per incident id: each reports exactly its own id."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.validate import CATALOGUE, validate

CASES = Path(__file__).parent / "cases"
CASE_IDS = sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "valid")


def test_every_incident_id_has_a_case() -> None:
    assert sorted(CATALOGUE) == CASE_IDS


def test_base_document_of_the_cases_is_valid() -> None:
    report = validate(CASES / "valid")
    assert report.incidents == []
    assert report.ok and report.documents == 1


@pytest.mark.parametrize("incident_id", CASE_IDS)
def test_case_reports_exactly_its_id(incident_id: str) -> None:
    root = CASES / incident_id
    why = (root / "WHY").read_text(encoding="utf-8").splitlines()[0]
    assert why.startswith("not valid: ")
    report = validate(root)
    assert {i.id for i in report.incidents} == {incident_id}, why
    assert not report.ok
    for incident in report.incidents:
        assert incident.level == CATALOGUE[incident_id][0]
        assert incident.file and (root / incident.file).parent.is_dir()
        assert incident.message


# Locations worked out from the fault each case injects (see make_cases.py).
@pytest.mark.parametrize(
    ("incident_id", "file", "pointer"),
    [
        ("span-reversed", "annotations/2025-03-03-example-1.json", "/dates/1/end"),
        ("span-out-of-range", "annotations/2025-03-03-example-1.json", "/claims/1/end"),
        ("span-text-mismatch", "annotations/2025-03-03-example-1.json", "/entities/1/text"),
        ("ref-unresolved", "annotations/2025-03-03-example-1.json", "/dates/1/anchor"),
        ("claim-refs-inconsistent", "annotations/2025-03-03-example-1.json", "/claims/0/dates"),
        ("claim-attribution-inconsistent", "annotations/2025-03-03-example-1.json", "/claims/1"),
        ("schema-violation", "annotations/2025-03-03-example-1.json", "/entities/1/type"),
        ("json-duplicate-key", "annotations/2025-03-03-example-1.json", "/status"),
        ("json-nonfinite", "annotations/2025-03-03-example-1.json", "/figures/0/value"),
        ("text-sha256-mismatch", "corpus/2025-03-03-example-1.json", "/text_sha256"),
        ("figure-value-mismatch", "annotations/2025-03-03-example-1.json", "/figures/0/value"),
        ("timex-value-invalid", "annotations/2025-03-03-example-1.json", "/dates/2/value"),
        ("creation-time-mismatch", "annotations/2025-03-03-example-1.json", "/dates/0/value"),
        ("text-crlf", "corpus/2025-03-03-example-1.txt", "line 1"),
        ("text-not-nfc", "corpus/2025-03-03-example-1.txt", "line 3"),
        ("text-duplicate", "corpus/2025-03-03-example-2.txt", ""),
        ("split-record-invalid", "provenance/splits.json", "/validation/0"),
        ("split-unknown-doc", "provenance/splits.json", "/validation/0"),
        ("split-mismatch", "corpus/2025-03-03-example-1.json", "/split"),
    ],
)
def test_incident_location(incident_id: str, file: str, pointer: str) -> None:
    (incident,) = validate(CASES / incident_id).incidents
    assert (incident.file, incident.pointer) == (file, pointer)


def test_validating_one_document_skips_corpus_level() -> None:
    root = CASES / "text-duplicate"
    assert validate(root, {"2025-03-03-example-1"}).incidents == []
