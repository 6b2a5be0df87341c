"""The pages in real headless Chromium: rendered DOM, interaction, screenshot, no errors."""

from __future__ import annotations

import colorsys
import json
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from view_chromium import CHROMIUM, Browser, console_lines, run
from view_fixtures import (
    HOSTILE,
    HOSTILE_TEXT,
    HOSTILE_URL,
    SEED,
    Page,
    hostile_predictions,
    make_repo,
    span,
    write_doc,
)

from newsgold.view import build_view

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Debian's chromium is not installed (apt-get install -y chromium; .ci/run does)",
    ),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages of the seed and hostile articles, with predictions for the hostile one."""
    base = tmp_path_factory.mktemp("chromium")
    repo = make_repo(base / "repo")
    predictions = base / "pred.jsonl"
    predictions.write_text(json.dumps(hostile_predictions()) + "\n", "utf-8")
    build_view(repo, out=base / "site", predictions=predictions)
    return base / "site"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    opened = Browser(tmp_path_factory.mktemp("profile"))
    try:
        yield opened
    finally:
        opened.close()


def article(site: Path, doc_id: str) -> str:
    return (site / "articles" / f"{doc_id}.html").as_uri()


@pytest.mark.parametrize("doc_id", [SEED, HOSTILE])
def test_dump_dom_after_scripts_ran(site: Path, tmp_path: Path, doc_id: str) -> None:
    done = run(["--dump-dom", article(site, doc_id)], tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_lines(done.stderr) == []
    dom = Page()
    dom.feed(done.stdout)
    body = next(attrs for tag, attrs in dom.tags if tag == "body")
    assert body.get("data-ready") == "1"  # the page's script ran to its end
    assert 'id="ng-js-error"' not in done.stdout  # window error handler found nothing
    assert [tag for tag, _ in dom.tags].count("script") == 1
    text = (site.parent / "repo" / "corpus" / f"{doc_id}.txt").read_text("utf-8")
    assert dom.text == text
    # Nothing is loaded from anywhere: no src at all, the only absolute href is the source link.
    assert not [a for _, a in dom.tags if "src" in a]
    absolute = sorted({a["href"] for _, a in dom.tags if ":" in a.get("href", "")})
    metadata = json.loads((site.parent / "repo" / "corpus" / f"{doc_id}.json").read_text("utf-8"))
    assert absolute == [metadata["url"]]
    assert len(dom.marks()) > 10


def test_screenshot(site: Path, tmp_path: Path) -> None:
    png = tmp_path / "seed.png"
    done = run(
        ["--screenshot=" + str(png), "--window-size=1200,2000", article(site, SEED)], tmp_path / "p"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_lines(done.stderr) == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert (width, height) == (1200, 2000)
    # A blank 1200x2000 page compresses to about 10 kB; highlighted text is far larger (~400 kB).
    assert len(data) > 60_000


def test_index_page(site: Path, browser: Browser) -> None:
    session = browser.open((site / "index.html").as_uri())
    assert browser.problems(session) == []
    assert browser.evaluate(session, "document.querySelectorAll('#articles tbody tr').length") == 2
    hrefs = browser.evaluate(
        session, "Array.from(document.querySelectorAll('#articles a'), a => a.getAttribute('href'))"
    )
    assert hrefs == [f"articles/{SEED}.html", f"articles/{HOSTILE}.html"]
    assert {u.split(":")[0] for u in browser.requests(session)} == {"file"}


def test_toggles_links_and_tooltips(site: Path, browser: Browser, tmp_path: Path) -> None:
    session = browser.open(article(site, HOSTILE))

    def js(expression: str) -> object:
        return browser.evaluate(session, expression)

    assert js("document.getElementById('text').textContent") == HOSTILE_TEXT
    assert js("document.title").startswith('<script>alert("title")</script> Acme & "Sons"')
    assert js("document.querySelectorAll('script').length") == 1

    # Styles from the inline stylesheet apply (the CSP hash matches): e1 (ORG) has its fill.
    background = "getComputedStyle(document.querySelector('[data-id=\"e1\"]')).backgroundColor"
    assert js(background) == "rgb(207, 226, 255)"  # .ent-ORG #cfe2ff
    assert (
        js("getComputedStyle(document.querySelector('[data-id=\"e1\"]')).outlineStyle") == "solid"
    )

    # Layer toggle: unticking entities takes their styling away, ticking restores it.
    js("document.querySelector('input[data-toggle=\"entities\"]').click()")
    assert js("document.body.classList.contains('hide-entities')") is True
    assert js(background) == "rgba(0, 0, 0, 0)"
    js("document.querySelector('input[data-toggle=\"entities\"]').click()")
    assert js(background) == "rgb(207, 226, 255)"

    # Status toggle: hiding spurious spans removes the predicted-only marking.
    spurious = "getComputedStyle(document.querySelector('[data-id=\"p-entities-3\"]')).outlineStyle"
    assert js(spurious) == "dotted"
    js("document.querySelector('input[data-toggle=\"spurious\"]').click()")
    assert js(spurious) == "none"
    js("document.querySelector('input[data-toggle=\"spurious\"]').click()")

    # Clicking claim c2 pins it: its parts selected, its figure f1 lit, its list item selected.
    js('document.querySelector(\'[data-claim="c2"][data-role="content"]\').click()')
    assert js("document.body.getAttribute('data-pinned')") == "c2"
    selected = "Array.from(document.querySelectorAll('#text .sel'), e => e.dataset.role).join(' ')"
    assert js(selected) == "source cue content"
    assert (
        js("Array.from(document.querySelectorAll('#text .lit'), e => e.dataset.id).join(' ')")
        == "f1"
    )
    assert js("document.querySelector('.claim-item.sel').dataset.claim") == "c2"
    js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
    lit = "document.querySelectorAll('#text .sel, #text .lit, .claim-item.sel').length"
    assert js(lit) == 0
    # Hiding the claims layer drops a pinned claim and its highlights.
    js("document.querySelector('.claim-item[data-claim=\"c1\"]').click()")
    # content, source "Acme", cue "said", reported_on t1 and the list item
    assert js("document.body.getAttribute('data-pinned')") == "c1" and js(lit) == 5
    js("document.querySelector('input[data-toggle=\"claims\"]').click()")
    assert js("document.body.getAttribute('data-pinned')") == "" and js(lit) == 0
    js("document.querySelector('input[data-toggle=\"claims\"]').click()")

    # Hovering with a real mouse: "Jane O'Neil" is entity e4 inside the source of claim c2.
    box = js(
        "(() => { const e = document.querySelector('[data-id=\"e4\"]');"
        " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
    )
    assert isinstance(box, list)
    move = {"type": "mouseMoved", "x": box[0], "y": box[1]}
    browser.call("Input.dispatchMouseEvent", move, session=session)
    assert js("document.getElementById('tip').hidden") is False
    tip = str(js("document.getElementById('tip').innerText"))
    assert "entity e4 · PERSON" in tip and "entity_id: jane-oneil" in tip
    assert "claim c2 · source" in tip and "correct: predicted with the same offsets and type" in tip
    # Hover also links: the claim's parts and, for the entity, its coreferent mentions (e2, e4).
    assert js(
        "Array.from(document.querySelectorAll('#text .coref'), e => e.dataset.id).join(' ')"
    ) == (
        "e2 e2 e4"  # e2 is drawn in two fragments (claim c3 crosses it)
    )
    assert "content" in str(js(selected))

    # A screenshot of that state for people to look at.
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=session)
    assert len(shot["data"]) > 10_000
    assert browser.problems(session) == []
    assert {u.split(":")[0] for u in browser.requests(session)} == {"file"}
    assert HOSTILE_URL not in browser.requests(session)


def test_index_table_scrolls_inside_its_box_on_narrow_screens(site: Path, browser: Browser) -> None:
    session = browser.open((site / "index.html").as_uri())
    metrics = {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": False}
    browser.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
    sizes = browser.evaluate(
        session,
        "(() => { const box = document.getElementById('articles').parentElement;"
        " return [document.documentElement.scrollWidth, window.innerWidth,"
        " box.scrollWidth, box.clientWidth, getComputedStyle(box).overflowX]; })()",
    )
    page_width, viewport, table_width, box_width, overflow = sizes
    assert page_width <= viewport  # the page itself does not scroll sideways
    assert table_width > box_width and overflow == "auto"  # the table scrolls inside its box
    browser.call("Emulation.clearDeviceMetricsOverride", session=session)


def _hue(css: str) -> tuple[float, float]:
    """Hue in degrees and saturation of a computed 'rgb(r, g, b)' colour."""
    r, g, b = (int(n) / 255 for n in re.findall(r"\d+", css)[:3])
    hue, _, saturation = colorsys.rgb_to_hls(r, g, b)
    return hue * 360, saturation


def test_figures_have_a_hue_no_entity_type_uses(site: Path, browser: Browser) -> None:
    session = browser.open(article(site, HOSTILE))
    fills = browser.evaluate(
        session,
        "Object.fromEntries(Array.from(document.querySelectorAll('.legend .sw[class*=\"ent-\"]'),"
        " e => [e.className, getComputedStyle(e).backgroundColor]))",
    )
    figure = browser.evaluate(
        session, "getComputedStyle(document.querySelector('[data-id=\"f1\"]')).backgroundColor"
    )
    assert len(fills) == 11 and figure not in fills.values()
    figure_hue, _ = _hue(figure)
    for name, fill in fills.items():
        hue, saturation = _hue(fill)
        if saturation > 0.1:  # LAW's grey has no hue to confuse
            distance = min(abs(hue - figure_hue), 360 - abs(hue - figure_hue))
            assert distance >= 20, (name, fill, figure)


def test_runs_of_blank_lines_open_no_large_band(tmp_path: Path, browser: Browser) -> None:
    # One blank line between the first two paragraphs, seven between the last two: both gaps are
    # drawn the same height, and the text is still all there.
    text = "One here.\n\nTwo here.\n\n\n\n \n\n\n\nThree here.\n"
    doc_id = "2025-03-05-example-blank"
    entities = [
        span(text, word, id=f"e{n}", type="ORG", entity_id=word.lower())
        for n, word in enumerate(("One", "Two", "Three"), start=1)
    ]
    repo = tmp_path / "repo"
    write_doc(repo, doc_id, text, {"entities": entities})
    build_view(repo, out=tmp_path / "site")
    session = browser.open(article(tmp_path / "site", doc_id))
    tops = browser.evaluate(
        session,
        "['e1', 'e2', 'e3'].map(id => document.querySelector(`[data-id=\"${id}\"]`)"
        ".getBoundingClientRect().top)",
    )
    assert tops[2] - tops[1] == pytest.approx(tops[1] - tops[0], abs=1)
    assert browser.evaluate(session, "document.getElementById('text').textContent") == text
