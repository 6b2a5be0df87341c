"""``newsgold audit``: one tiny corpus per incident id, a clean one, the JSON shape, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from article_repo import ArticleRepo

from newsgold.audit import CATALOGUE, ERROR, audit
from newsgold.cli import main
from newsgold.corpus import doc_ids

REPO = Path(__file__).resolve().parents[1]

# 2025-03-04 is a Tuesday. Each text has a headline, a dateline and a body (guessed sections).
HEAD = "## Talks in Paris\n\nMarch 4, 2025\n\n"
DCT_ID = "t1"


def dateline(r: Any, text: str) -> dict[str, Any]:
    """The CREATION_TIME date of a text that starts with HEAD."""
    return r.date(text, "March 4, 2025", "2025-03-04", function="CREATION_TIME")


def paris(r: Any, text: str, nth: int = 0, **extra: Any) -> dict[str, Any]:
    return r.entity(text, "Paris", "GPE", "paris", nth=nth, **extra)


@pytest.fixture
def article_repo(tmp_path: Path) -> ArticleRepo:
    return ArticleRepo(tmp_path / "repo")


def ids_of(repo: Any, *options: str) -> list[str]:
    return audit(repo.root, *options).ids()


# --- a clean corpus -----------------------------------------------------------------------------


def clean_corpus(r: Any) -> None:
    """Two consistent articles: every Paris annotated alike, dates and figures read alike."""
    a = HEAD + "Officials in Paris said on Friday that 300 guests left in October 2024."
    r.add(
        "a",
        a,
        status="gold",
        entities=[paris(r, a), paris(r, a, 1)],
        dates=[
            dateline(r, a),
            r.date(a, "Friday", "2025-02-28", anchor=DCT_ID),
            r.date(a, "October 2024", "2024-10"),
        ],
        figures=[r.figure(a, "300 guests", 300, "guests")],
        claims=[
            r.claim(
                a,
                "300 guests left in October 2024",
                source=("Officials", 0, None),
                cue=("said", 0),
                quote="indirect",
                reported_on="t2",
            )
        ],
    )
    b = HEAD + "Paris hosted 300 guests in October 2024."
    r.add(
        "b",
        b,
        entities=[paris(r, b), paris(r, b, 1)],
        dates=[dateline(r, b), r.date(b, "October 2024", "2024-10")],
        figures=[r.figure(b, "300 guests", 300, "guests")],
    )


def test_a_clean_corpus_has_no_incident(article_repo: Any) -> None:
    clean_corpus(article_repo)
    report = audit(article_repo.root)
    assert report.incidents == [] and report.ok
    assert report.documents == 2 and report.statuses == {"draft": 1, "gold": 1}


# --- one corpus per incident id -----------------------------------------------------------------


def test_entity_surface_with_another_type_elsewhere(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Paris voted."
    b = HEAD + "Paris voted again."
    r.add("a", a, entities=[paris(r, a), paris(r, a, 1)])
    # the club takes its own entity_id: only the surface varies, not a coreference chain
    r.add("b", b, entities=[paris(r, b), r.entity(b, "Paris", "ORG", "paris-fc", nth=1)])
    report = audit(r.root)
    assert report.ids() == ["surface-type-varies"]
    incident = report.incidents[0]
    # 3 GPE against 1 ORG: the ORG mention of b is the odd one, the first GPE is a's headline
    assert (incident.file, incident.pointer) == ("annotations/b.json", "/entities/1")
    assert incident.offset == b.index("Paris voted")
    assert incident.severity == "warning"
    assert (
        "entity 'Paris' is ORG here but GPE at annotations/a.json:/entities/0" in incident.message
    )
    assert "(readings: GPE ×3, ORG ×1)" in incident.message


def test_absolute_date_with_another_value_elsewhere(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "It began in October 2024."
    b = HEAD + "It ended in October 2024."
    r.add("a", a, dates=[dateline(r, a), r.date(a, "October 2024", "2024-10")])
    r.add("b", b, dates=[dateline(r, b), r.date(b, "October 2024", "2024-11")])
    report = audit(r.root)
    assert report.ids() == ["surface-type-varies"]
    assert report.incidents[0].pointer == "/dates/1"
    assert report.incidents[0].file == "annotations/b.json"  # a tie: the first reading wins
    assert (
        "date 'October 2024' is DATE 2024-11 here but DATE 2024-10" in report.incidents[0].message
    )


def test_relative_dates_are_compared_within_an_article_only(article_repo: Any) -> None:
    r = article_repo
    # two articles of different weeks: "Friday" rightly has different values
    a = HEAD + "It began on Friday."
    b = "## Talks in Paris\n\nMarch 11, 2025\n\nIt ended on Friday. Friday was calm."
    r.add("a", a, dates=[dateline(r, a), r.date(a, "Friday", "2025-02-28", anchor=DCT_ID)])
    r.add(
        "b",
        b,
        published="2025-03-11",
        dates=[
            r.date(b, "March 11, 2025", "2025-03-11", function="CREATION_TIME"),
            r.date(b, "Friday", "2025-03-07", anchor=DCT_ID),
            r.date(b, "Friday", "2025-03-14", anchor=DCT_ID, nth=1),
        ],
    )
    report = audit(r.root)
    # within b the two Fridays disagree (a tie: the first wins); a's Friday is not compared
    assert report.ids() == ["surface-type-varies"]
    assert (report.incidents[0].file, report.incidents[0].pointer) == (
        "annotations/b.json",
        "/dates/2",
    )
    assert "relative date 'Friday'" in report.incidents[0].message


def test_dates_of_articles_without_creation_time_are_compared_within_each(
    article_repo: Any,
) -> None:
    r = article_repo
    # §7.1: a dateline that is not the publication date takes no CREATION_TIME, and relative
    # dates have anchor null: two such articles' Fridays are not the same Friday
    for doc_id, published, friday in (
        ("a", "2011-12-02", "2011-11-25"),
        ("b", "2012-01-13", "2012-01-06"),
    ):
        text = "## Talks\n\nThursday, May 7, 2015\n\nIt began on Friday."
        r.add(
            doc_id,
            text,
            published=published,
            dates=[
                r.date(text, "Thursday, May 7, 2015", "2015-05-07"),
                r.date(text, "Friday", friday),
            ],
        )
    assert ids_of(r) == []


def test_anaphoric_dates_are_compared_per_anchor(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Talks began on June 10 and in July; by that time in June and that time in July."
    r.add(
        "a",
        a,
        dates=[
            dateline(r, a),
            r.date(a, "June 10", "2025-06-10", anchor=DCT_ID),
            r.date(a, "July", "2025-07", anchor=DCT_ID),
            r.date(a, "that time", "2025-06-10", anchor="t2"),
            r.date(a, "that time", "2025-07", anchor="t3", nth=1),
        ],
    )
    assert ids_of(r) == []


def test_figure_unit_differing_in_case_for_the_same_surface(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "300 guests left."
    b = HEAD + "Then 300 guests came."
    r.add("a", a, figures=[r.figure(a, "300 guests", 300, "guests")])
    r.add("b", b, figures=[r.figure(b, "300 guests", 300, "Guests")])
    report = audit(r.root)
    assert report.ids() == ["surface-type-varies"]
    assert report.incidents[0].file == "annotations/b.json"
    assert report.incidents[0].message.endswith("the units differ only in case or number")


def test_unannotated_occurrence_in_the_same_article(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Paris voted. The mayor of Paris spoke."
    r.add("a", a, entities=[paris(r, a), paris(r, a, 1)])  # the third Paris is missed
    report = audit(r.root)
    assert report.ids() == ["surface-unannotated"]
    incident = report.incidents[0]
    third = a.index("Paris spoke")
    assert (incident.pointer, incident.offset, incident.severity) == ("/entities", third, "warning")
    assert incident.message == (
        f"'Paris' at offset {third} (line 5) is not annotated; this article annotates it as "
        "GPE (paris) at /entities/0"
    )


def test_occurrences_inside_longer_names_parts_of_words_and_the_source_are_not_misses(
    article_repo: Any,
) -> None:
    r = article_repo
    a = (
        HEAD + "Paris voted. The Paris Club met. Parisians cheered.\n\n"
        "## Original url:\n\nhttps://example.org/Paris-1\n"
    )
    r.add(
        "a",
        a,
        entities=[
            paris(r, a),
            paris(r, a, 1),
            r.entity(a, "Paris Club", "ORG", "paris-club"),
        ],
    )
    assert ids_of(r) == []


def test_a_currency_code_is_not_a_missed_name(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "The US lent US$40 billion."
    r.add(
        "a",
        a,
        entities=[paris(r, a), r.entity(a, "US", "GPE", "united-states")],
        figures=[r.figure(a, "US$40 billion", 40000000000, "USD", kind="MONEY")],
    )
    assert ids_of(r) == []


def test_generic_and_specific_today_are_two_senses(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Workers are angry today. They may not earn what they earn today."
    r.add(
        "a",
        a,
        dates=[
            dateline(r, a),
            r.date(a, "today", "2025-03-04", anchor=DCT_ID),
            r.date(a, "today", "PRESENT_REF", anchor=DCT_ID, nth=1),  # "nowadays" (§7.6)
        ],
    )
    assert ids_of(r) == []


def test_unannotated_occurrence_of_a_string_annotated_elsewhere(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Lyon voted."
    b = HEAD + "Lyon voted too."  # Paris annotated (so b is annotated), Lyon missed
    r.add("a", a, entities=[paris(r, a), r.entity(a, "Lyon", "GPE", "lyon")])
    r.add("b", b, entities=[paris(r, b)])
    report = audit(r.root)
    assert report.ids() == ["surface-unannotated-elsewhere"]
    incident = report.incidents[0]
    assert (incident.file, incident.severity) == ("annotations/b.json", "info")
    assert "1 other article(s) annotate it, first as GPE at annotations/a.json:/entities/1" in (
        incident.message
    )


def now_articles(r: Any, annotated: int, missed_text: str) -> None:
    """``annotated`` articles each annotating "Now" (PRESENT_REF), and one that does not."""
    for k in range(annotated):
        a = HEAD + "Now Paris votes."
        r.add(
            f"a{k}",
            a,
            entities=[paris(r, a), paris(r, a, 1)],
            dates=[dateline(r, a), r.date(a, "Now", "PRESENT_REF", anchor=DCT_ID)],
        )
    b = HEAD + missed_text
    r.add("b", b, entities=[paris(r, b), paris(r, b, 1)], dates=[dateline(r, b)])


def test_a_date_string_the_corpus_annotates_nearly_everywhere_is_missed(article_repo: Any) -> None:
    r = article_repo
    now_articles(r, 9, "Paris votes now, and knowing it.")  # 9 of 10 annotated, "knowing" not
    report = audit(r.root)
    assert report.ids() == ["date-unannotated"]
    incident = report.incidents[0]
    assert (incident.file, incident.pointer, incident.severity) == (
        "annotations/b.json",
        "/dates",
        "info",
    )
    # HEAD is 34 characters and 4 lines; "Paris votes " 12 more
    assert incident.message == (
        "'now' at offset 46 (line 5) is not annotated; the corpus annotates 'Now' at 9 of its 10 "
        "occurrences, first at annotations/a0.json:/dates/1"
    )


@pytest.mark.parametrize(
    ("annotated", "missed_text"),
    [
        (4, "Paris votes now."),  # annotated only 4 times: too few to expect it
        (8, "Paris votes now; now it counts."),  # 8 of 10: under the 90 % share
        (9, "Paris votes for nowhere and snow."),  # inside words only
    ],
)
def test_date_strings_annotated_too_rarely_or_inside_words_are_not_missed(
    article_repo: Any, annotated: int, missed_text: str
) -> None:
    now_articles(article_repo, annotated, missed_text)
    assert ids_of(article_repo) == []


def test_an_article_without_entities_is_not_searched(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Lyon voted."
    b = HEAD + "Lyon voted too."
    r.add("a", a, entities=[paris(r, a), r.entity(a, "Lyon", "GPE", "lyon")])
    r.add("b", b)  # sections only, like the imported drafts
    assert ids_of(r) == []


def test_entity_id_whose_mentions_disagree_in_type(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Paris voted; Lutetia cheered."
    r.add(
        "a",
        a,
        entities=[paris(r, a), paris(r, a, 1), r.entity(a, "Lutetia", "LOC", "paris")],
    )
    report = audit(r.root)
    assert report.ids() == ["entity-id-type-varies"]
    assert report.incidents[0].pointer == "/entities/2"
    assert "entity_id 'paris' is LOC here but GPE at /entities/0" in report.incidents[0].message


def test_entity_id_whose_mentions_disagree_in_wikidata(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Paris voted; Lutetia cheered."
    r.add(
        "a",
        a,
        entities=[
            paris(r, a, wikidata="Q90"),
            paris(r, a, 1, wikidata="Q90"),
            r.entity(a, "Lutetia", "GPE", "paris", wikidata="Q1234"),
        ],
    )
    report = audit(r.root)
    assert report.ids() == ["entity-wikidata-varies"]
    assert report.incidents[0].pointer == "/entities/2/wikidata"


@pytest.mark.parametrize(
    ("phrase", "value", "far"),
    [
        ("Friday", "2024-02-23", True),  # a weekday 375 days away
        ("Friday", "2025-02-28", False),  # 4 days before
        ("Friday", "2025-03-07", False),  # 3 days after
        ("Friday", "2025-02-25", False),  # 7 days: the limit itself
        ("yesterday", "2025-03-01", True),  # 3 days
        ("yesterday", "2025-03-03", False),
        ("December", "2023-12", True),  # 15 months
        ("December", "2024-12", False),  # 3 months
        ("last month", "2024-12", True),  # 3 months
        ("last month", "2025-02", False),
        ("last year", "2022", True),  # 3 years
        ("last year", "2024", False),
    ],
)
def test_relative_date_far_from_the_publication_date(
    article_repo: Any, phrase: str, value: str, far: bool
) -> None:
    r = article_repo
    a = HEAD + f"It happened {phrase}."
    r.add("a", a, dates=[dateline(r, a), r.date(a, phrase, value, anchor=DCT_ID)])
    report = audit(r.root)
    assert report.ids() == (["date-far-from-dct"] if far else [])
    if far:
        assert report.incidents[0].pointer == "/dates/1/value"


def test_a_dated_month_is_not_a_relative_month_name(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "It happened in December 2020."
    # anchored by mistake, but its own year says where it is: no distance rule applies
    r.add("a", a, dates=[dateline(r, a), r.date(a, "December 2020", "2020-12", anchor=DCT_ID)])
    assert ids_of(r) == []


def test_figure_unit_not_written_in_its_span(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "More than 300 troops left."
    r.add("a", a, figures=[r.figure(a, "300 troops", 300, "soldiers")])
    report = audit(r.root)
    assert report.ids() == ["figure-unit-not-written"]
    assert report.incidents[0].pointer == "/figures/0/unit"


def test_figure_unit_form_is_an_error(article_repo: Any) -> None:
    r = article_repo
    a = (
        HEAD
        + "It cost $5 and rose 3 percent, the first rise, and then $57 million (US$78 million)."
    )
    r.add(
        "a",
        a,
        figures=[
            r.figure(a, "$5", 5, "$", kind="MONEY"),
            r.figure(a, "3 percent", 3, "percent", kind="PERCENT"),
            r.figure(a, "first", 1, "rise", kind="ORDINAL"),
            # allowed: an unnamed currency is null (§7.6), an ISO code otherwise
            r.figure(a, "$57 million", 57000000, None, kind="MONEY"),
            r.figure(a, "US$78 million", 78000000, "USD", kind="MONEY"),
        ],
    )
    report = audit(r.root)
    assert report.ids() == ["figure-unit-form"] * 3
    assert [i.pointer for i in report.incidents] == [
        "/figures/0/unit",
        "/figures/1/unit",
        "/figures/2/unit",
    ]
    assert report.incidents[0].severity == ERROR and not report.ok


def test_date_or_figure_inside_a_name(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Fans came to Fan Expo Canada 2016 and flew the Boeing 787 with two Syrian teams."
    r.add(
        "a",
        a,
        entities=[
            paris(r, a),
            r.entity(a, "Fan Expo Canada 2016", "EVENT", "fan-expo-canada-2016"),
            r.entity(a, "Boeing 787", "PRODUCT", "boeing-787"),
            r.entity(a, "Syrian", "NORP", "syrian"),
        ],
        dates=[dateline(r, a), r.date(a, "2016", "2016")],
        # a figure around a name is fine (§7.4 "two Syrian teams"); one inside a name is not
        figures=[r.figure(a, "787", 787, None), r.figure(a, "two Syrian teams", 2, "teams")],
    )
    report = audit(r.root)
    assert report.ids() == ["span-inside-name", "span-inside-name"]
    assert [i.pointer for i in report.incidents] == ["/dates/1", "/figures/0"]
    assert "'2016' lies inside the EVENT name 'Fan Expo Canada 2016' (/entities/1)" in (
        report.incidents[0].message
    )


def test_unattributed_headline_claim(article_repo: Any) -> None:
    r = article_repo
    a = "## Barra appointed as chief\n\nMarch 4, 2025\n\nShe starts in May, GM says."
    r.add(
        "a",
        a,
        claims=[
            r.claim(a, "Barra appointed as chief"),  # the article's own headline: not a claim
            r.claim(
                a, "She starts in May", source=("GM", 0, None), cue=("says", 0), quote="indirect"
            ),
        ],
    )
    report = audit(r.root)
    assert report.ids() == ["claim-unattributed-headline"]
    assert report.incidents[0].pointer == "/claims/0" and not report.ok


def test_reported_on_a_duration(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "A day before the talks, GM said it would stay."
    r.add(
        "a",
        a,
        dates=[dateline(r, a), r.date(a, "A day", "P1D", type_="DURATION")],
        claims=[
            r.claim(
                a,
                "it would stay",
                source=("GM", 0, None),
                cue=("said", 0),
                quote="indirect",
                reported_on="t2",  # §7.9: a duration places the cue, but reported_on stays null
            )
        ],
    )
    report = audit(r.root)
    assert report.ids() == ["reported-on-not-a-point"]
    assert report.incidents[0].pointer == "/claims/0/reported_on" and not report.ok


def test_span_in_the_source_section(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Talks went on.\n\n## Original url:\n\nhttps://example.org/Lyon-1\n"
    r.add("a", a, entities=[r.entity(a, "Lyon", "GPE", "lyon")])
    report = audit(r.root)
    assert report.ids() == ["span-in-source-section"]
    assert report.incidents[0].pointer == "/entities/0" and not report.ok


def test_span_holding_markup(article_repo: Any) -> None:
    r = article_repo
    a = "## Lyon votes\n\nMarch 4, 2025\n\nTalks went on."
    r.add("a", a, entities=[r.entity(a, "## Lyon", "GPE", "lyon")])
    report = audit(r.root)
    assert report.ids() == ["span-has-markup"]
    assert "holds the markup '##'" in report.incidents[0].message


def test_claim_in_a_caption(article_repo: Any) -> None:
    r = article_repo
    a = (
        "## Bridge shut\n\nMarch 4, 2025\n\n"
        "Officials said the bridge was closed. **Photo: City Hall**\n\nTraffic stopped."
    )
    r.add(
        "a",
        a,
        claims=[
            r.claim(
                a,
                "the bridge was closed",
                source=("Officials", 0, None),
                cue=("said", 0),
                quote="indirect",
            )
        ],
    )
    assert [
        s["type"] for s in json.loads((r.root / "annotations/a.json").read_text())["sections"]
    ] == [
        "headline",
        "dateline",
        "caption",
        "body",
    ]
    report = audit(r.root)
    assert report.ids() == ["claim-in-excluded-section"]
    assert "lies in the caption section s3" in report.incidents[0].message
    assert "claim c1 'the bridge was closed'" in report.incidents[0].message  # short: whole


def test_an_invalid_document_is_skipped_and_named(article_repo: Any) -> None:
    r = article_repo
    clean_corpus(r)
    path = r.root / "annotations" / "b.json"
    data = json.loads(path.read_text("utf-8"))
    data["entities"][0]["text"] = "Lyon"  # no longer the text at its offsets
    path.write_text(json.dumps(data), "utf-8")
    report = audit(r.root)
    assert report.ids() == ["document-invalid"]
    assert report.documents == 1  # a is audited
    assert "span-text-mismatch" in report.incidents[0].message


# --- status, output and exit statuses -----------------------------------------------------------


def test_status_restricts_the_audit(article_repo: Any) -> None:
    r = article_repo
    a = HEAD + "Paris voted."
    b = HEAD + "Paris voted again."
    r.add("a", a, status="gold", entities=[paris(r, a), paris(r, a, 1)])
    r.add("b", b, entities=[paris(r, b), r.entity(b, "Paris", "ORG", "paris-fc", nth=1)])
    assert ids_of(r) == ["surface-type-varies"]
    gold = audit(r.root, "gold")
    assert gold.ids() == [] and gold.documents == 1 and gold.statuses == {"gold": 1}


def run(repo: Any, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["audit", "--root", str(repo.root), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_output(article_repo: Any, capsys: pytest.CaptureFixture[str]) -> None:
    r = article_repo
    a = HEAD + "Paris voted. The mayor of Paris spoke."
    r.add("a", a, entities=[paris(r, a), paris(r, a, 1)])
    status, out, _ = run(r, capsys, "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert set(data) == {
        "ok",
        "documents",
        "status",
        "statuses",
        "severities",
        "counts",
        "incidents",
    }
    assert data["ok"] is True and data["documents"] == 1 and data["status"] is None
    assert data["severities"] == {"error": 0, "warning": 1, "info": 0}
    assert list(data["counts"]) == list(CATALOGUE)  # every id, zeros included
    assert data["counts"]["surface-unannotated"] == 1
    assert data["incidents"] == [
        {
            "file": "annotations/a.json",
            "pointer": "/entities",
            "id": "surface-unannotated",
            "message": data["incidents"][0]["message"],
            "offset": a.index("Paris spoke"),
            "severity": "warning",
        }
    ]


def test_text_output_and_exit_0_with_warnings_only(
    article_repo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    r = article_repo
    a = HEAD + "Paris voted. The mayor of Paris spoke."
    r.add("a", a, entities=[paris(r, a), paris(r, a, 1)])
    status, out, _ = run(r, capsys)
    lines = out.splitlines()
    assert status == 0
    assert lines[0].startswith(
        "annotations/a.json:/entities: [warning surface-unannotated] 'Paris'"
    )
    assert f"  surface-unannotated (warning): {CATALOGUE['surface-unannotated'][1]}" in lines
    assert lines[-1] == (
        "AUDIT OK: 1 document(s) audited (1 draft); 0 error, 1 warning, 0 info; "
        "surface-unannotated 1"
    )


def test_exit_1_on_a_hard_rule_error(article_repo: Any, capsys: pytest.CaptureFixture[str]) -> None:
    r = article_repo
    a = HEAD + "Talks went on.\n\n## Original url:\n\nhttps://example.org/Lyon-1\n"
    r.add("a", a, entities=[r.entity(a, "Lyon", "GPE", "lyon")])
    status, out, _ = run(r, capsys)
    assert status == 1
    assert out.splitlines()[-1].startswith("AUDIT FAILED (hard-rule errors)")


def test_bad_usage_exits_2(
    article_repo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "--root", str(tmp_path)]) == 2
    assert "not a newsgold repository" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["audit", "--root", str(article_repo.root), "--status", "final"])
    assert caught.value.code == 2


def test_every_id_has_a_severity_and_a_rule() -> None:
    for pid, (severity, rule) in CATALOGUE.items():
        assert pid == pid.lower() and " " not in pid
        assert severity in {"error", "warning", "info"} and rule.endswith(".")


def test_the_live_corpus_audits_without_hard_rule_errors() -> None:
    report = audit(REPO)
    assert report.ok, [i.line() for i in report.incidents if i.severity == ERROR]
    assert report.documents == len(doc_ids(REPO))
    assert all(i.id in CATALOGUE for i in report.incidents)
