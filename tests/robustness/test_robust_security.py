"""Security: names from data stay inside their folders, the viewer escapes, no unsafe loaders.

Audit (what becomes a file path, and the check that keeps it inside):
- view, export: doc_ids are file names listed in corpus/ (``select_doc_ids``); a name cannot
  hold "/". Arguments naming others are refused.
- import brat: doc_ids are names of the folder's .ann files, checked with ``is_doc_id``.
- import labelstudio: ``data.doc_id`` of each task is checked with ``is_doc_id`` before
  corpus/<doc_id>.txt or annotations/<doc_id>.json is formed (added here).
- new: --doc-id and the derived doc_id are checked with ``is_doc_id``.
- build: doc_ids are corpus file names, validated first (a symlink leading out of the repository
  is the level-1 incident path-outside-repo); splits come from validated metadata.
- hydrate: doc_ids of the release's rows name <texts>/<doc_id>.txt (checked, added here); paths
  named by MANIFEST.json must stay inside the release (added here); splits of rows name the
  Parquet files written (checked in ReleaseWriter.add, added here).
- score / agree with gold rows or a release: a text-less row's doc_id names corpus/<doc_id>.txt
  (checked in ``repository_text``, added here).
- predict imports the module the user names with --model: running the user's own model is the
  command's purpose, not data from a file.
"""

from __future__ import annotations

import ast
import hashlib
import json
import random
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from robust_helpers import ROOT, SEED, copy_repo, snapshot
from robust_synth import RandomSource, article, make_repo

from newsgold.errors import NewsgoldError
from newsgold.formats.brat import export_brat
from newsgold.formats.labelstudio import export_labelstudio, import_labelstudio
from newsgold.release import build, hydrate
from newsgold.scoring import score
from newsgold.validate import validate
from newsgold.view import build_view

SRC = ROOT / "src" / "newsgold"


# --- names from data ---------------------------------------------------------------------------


def test_gold_rows_cannot_name_a_text_outside_corpus(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    # A folder where the text would be: reading it would fail differently ("Is a directory"),
    # so the message below shows the doc_id was refused before any path was opened.
    (tmp_path / "secret.txt").mkdir()
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"doc_id": "../../secret", "entities": []}) + "\n", "utf-8")
    with pytest.raises(NewsgoldError) as err:
        score(rows, [], root=repo)
    assert (err.value.file, err.value.pointer) == (str(rows), "line 1/doc_id")
    assert "'../../secret' is not a doc_id" in err.value.message


def test_a_label_studio_task_cannot_write_outside_annotations(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    export_labelstudio(repo, [], tmp_path / "ls")
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text("utf-8"))
    # corpus/../corpus/<seed>.txt exists, so without the check the import would go on and aim
    # at annotations/../corpus/<seed>.json, the metadata file.
    tasks[0]["data"]["doc_id"] = f"../corpus/{SEED}"
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks), "utf-8")
    before = snapshot(repo)
    with pytest.raises(NewsgoldError) as err:
        import_labelstudio(repo, export, force=True)
    assert (err.value.file, err.value.pointer) == (str(export), "/0/data/doc_id")
    assert snapshot(repo) == before


@pytest.mark.parametrize("wanted", [f"../annotations/{SEED}", f"/{SEED}", "..", SEED.upper()])
def test_view_and_export_take_only_doc_ids_of_the_corpus(tmp_path: Path, wanted: str) -> None:
    repo = copy_repo(tmp_path / "repo")
    for run in (
        lambda: build_view(repo, [wanted], tmp_path / "view"),
        lambda: export_brat(repo, [wanted], tmp_path / "brat"),
        lambda: export_labelstudio(repo, [wanted], tmp_path / "ls"),
    ):
        with pytest.raises(NewsgoldError) as err:
            run()
        assert err.value.status == 2 and "unknown doc_id" in err.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


@pytest.fixture(scope="module")
def textless(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of the seed, built without its text (its rights forbid redistribution)."""
    folder = tmp_path_factory.mktemp("textless")
    build(copy_repo(folder / "repo"), folder / "release")
    return folder / "release"


def _tampered(textless: Path, tmp_path: Path, **row_changes: Any) -> Path:
    """A copy of the release whose documents row is changed, with MANIFEST.json updated to match
    (so that the per-file sha256 check passes and the row itself is what gets tested)."""
    release = tmp_path / "release"
    shutil.copytree(textless, release)
    relative = "data/documents/test-00000-of-00001.parquet"
    table = pq.read_table(release / relative)
    rows = [{**row, **row_changes} for row in table.to_pylist()]
    pq.write_table(table.from_pylist(rows, schema=table.schema), release / relative)
    manifest = json.loads((release / "MANIFEST.json").read_text("utf-8"))
    raw = (release / relative).read_bytes()
    manifest["files"][relative] = {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    (release / "MANIFEST.json").write_text(json.dumps(manifest), "utf-8")
    return release


def test_hydrate_refuses_a_row_doc_id_leading_out_of_the_texts(
    textless: Path, tmp_path: Path
) -> None:
    release = _tampered(textless, tmp_path, doc_id="../outside")
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(ROOT / "corpus" / f"{SEED}.txt", tmp_path / "outside.txt")  # the right sha256
    before = snapshot(tmp_path)
    with pytest.raises(NewsgoldError) as err:
        hydrate(release, texts)
    assert "doc_id '../outside' is not a doc_id" in err.value.message
    assert err.value.file == str(release / "data/documents/test-00000-of-00001.parquet")
    assert snapshot(tmp_path) == {**before, "release.lock": "lock"}


def test_hydrate_refuses_a_row_split_leading_out_of_the_release(
    textless: Path, tmp_path: Path
) -> None:
    release = _tampered(textless, tmp_path, split="../../../escaped")
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(ROOT / "corpus" / f"{SEED}.txt", texts / f"{SEED}.txt")
    before = snapshot(tmp_path)
    with pytest.raises(NewsgoldError) as err:
        hydrate(release, texts)
    assert "split '../../../escaped'" in err.value.message
    assert snapshot(tmp_path) == {**before, "release.lock": "lock"}  # staging removed
    assert not list(tmp_path.parent.rglob("escaped*"))


@pytest.mark.parametrize(
    ("edit", "pointer"),
    [
        (lambda m: m["files"].update({"../outside.txt": {"bytes": 1, "sha256": "0"}}), "/files"),
        (
            lambda m: m["configs"]["documents"]["test"].update(file="/etc/hostname"),
            "/configs/documents/test/file",
        ),
    ],
)
def test_hydrate_refuses_manifest_paths_outside_the_release(
    textless: Path, tmp_path: Path, edit: Any, pointer: str
) -> None:
    release = tmp_path / "release"
    shutil.copytree(textless, release)
    manifest = json.loads((release / "MANIFEST.json").read_text("utf-8"))
    edit(manifest)
    (release / "MANIFEST.json").write_text(json.dumps(manifest), "utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    with pytest.raises(NewsgoldError) as err:
        hydrate(release, texts)
    assert (err.value.file, err.value.pointer) == (str(release / "MANIFEST.json"), pointer)
    assert "is not a path inside the release" in err.value.message


# --- the viewer --------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Tag names with their attribute names, and the text of script and style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.code: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.values += [(tag, name, value or "") for name, value in attrs]
        self._in = tag if tag in {"script", "style"} else None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.code.append(data)


def _parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text("utf-8"))
    return parser


HOSTILE = {
    "title": '</title><script>alert("t")</script><!-- "quoted" & \'single\'',
    "byline": '"><img src=x onerror="alert(1)">',
    "publisher": "</style><link rel=stylesheet href=https://evil.example/x.css>",
    "agency": "<iframe src='https://evil.example'></iframe>",
}


def test_hostile_metadata_adds_no_tag_and_no_attribute(tmp_path: Path) -> None:
    """Pages of a document whose metadata is hostile have exactly the tags and attribute names of
    the same document with plain metadata: data shows up as text, never as markup."""
    plain = copy_repo(tmp_path / "plain")
    hostile = copy_repo(tmp_path / "hostile")
    meta_path = hostile / "corpus" / f"{SEED}.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta.update(HOSTILE)
    meta["rights"]["note"] = "<script>fetch('https://evil.example')</script>"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    ann_path = hostile / "annotations" / f"{SEED}.json"
    ann = json.loads(ann_path.read_text("utf-8"))
    ann["annotators"] = ['"onmouseover="alert(2)', "<b>bold</b>"]
    ann_path.write_text(json.dumps(ann, ensure_ascii=False), "utf-8")
    for repo in (plain, hostile):
        build_view(repo, out=repo / "view")
    for page in ("index.html", f"articles/{SEED}.html"):
        ours, theirs = _parse(plain / "view" / page), _parse(hostile / "view" / page)
        assert theirs.tags == ours.tags, page
        raw = (hostile / "view" / page).read_text("utf-8")
        for needle in ("<script>alert", "<img", "<iframe", "<link", "</title><"):
            assert needle not in raw, (page, needle)
    article = (hostile / "view" / "articles" / f"{SEED}.html").read_text("utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in article


class _Words(RandomSource):
    """Seeded choices whose every filler word is one fixed token (no space in it)."""

    def __init__(self, token: str) -> None:
        super().__init__(random.Random(5))
        self.token = token

    def word(self) -> str:
        return self.token


# Markup, both quotes and an ampersand: html.escape(quote=True) turns them into &lt; &gt; &quot;
# &#x27; and &amp;, so this is how the token must appear in text and in attribute values.
SCRIPT = '<script>alert("x&y\'z")</script>'
SCRIPT_ESCAPED = "&lt;script&gt;alert(&quot;x&amp;y&#x27;z&quot;)&lt;/script&gt;"


def test_markup_in_an_article_text_and_its_claims_stays_text(tmp_path: Path) -> None:
    """The same generated article twice, its filler words once plain and once SCRIPT (same
    length): both validate, and the pages have exactly the same tags and attribute names. SCRIPT
    shows up escaped in the text, in the claim list and in the claim's tooltips (attribute
    values), and never raw."""
    pages = {}
    for name, token in (("plain", "p" * len(SCRIPT)), ("hostile", SCRIPT)):
        item = article(_Words(token), 1, sentences=3)
        if name == "hostile":
            claim = item.annotations["claims"][0]["text"]
            assert SCRIPT in claim and SCRIPT in item.text  # in the article and in a claim
        repo = make_repo(tmp_path / name, [item])
        assert validate(repo).incidents == []  # drawn as a valid article, no incident banner
        build_view(repo, out=repo / "view")
        pages[name] = repo / "view" / "articles" / f"{item.doc_id}.html"
    plain, hostile = _parse(pages["plain"]), _parse(pages["hostile"])
    assert hostile.tags == plain.tags
    raw = pages["hostile"].read_text("utf-8")
    assert SCRIPT not in raw and "<script>alert" not in raw
    text = raw[raw.index('<div id="text"') :]
    assert SCRIPT_ESCAPED in text[: text.index("</main>")]  # the article text
    claims = raw[raw.index('<ol class="claims">') :]
    assert SCRIPT_ESCAPED in claims[: claims.index("</ol>")]  # the list of claims
    tips = [value for tag, name, value in hostile.values if name == "data-tip"]
    # a tooltip of the claim's source or cue quotes the claim: parsed back, the markup is data
    assert any(SCRIPT in tip and tip.startswith("claim c") for tip in tips), tips


NETWORK_IN_CODE = ("http:", "https:", "url(", "@import", "fetch(", "XMLHttpRequest", "WebSocket")
NETWORK_IN_CODE += ("EventSource", "sendBeacon", "import(", "//cdn", "src=")


def test_pages_reference_nothing_on_the_network(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    url = json.loads((repo / "corpus" / f"{SEED}.json").read_text("utf-8"))["url"]
    build_view(repo, out=tmp_path / "view")
    pages = sorted((tmp_path / "view").rglob("*.html"))
    assert len(pages) == 2
    for path in pages:
        page = _parse(path)
        loading = {"link", "iframe", "object", "embed", "img", "audio", "video", "source"}
        assert not loading & {tag for tag, _ in page.tags}, path
        assert not {"form", "base"} & {tag for tag, _ in page.tags}, path
        for tag, name, value in page.values:
            if name in {"href", "src", "action", "srcset", "poster", "data", "formaction"}:
                # links the reader may click: other pages of the view, anchors, the source URL
                local = not value.startswith(("http:", "https:", "//", "javascript:", "data:"))
                assert local or (tag, name, value) == ("a", "href", url), (path, tag, value)
        code = "\n".join(page.code)
        for needle in NETWORK_IN_CODE:
            assert needle not in code, (path, needle)


# --- unsafe loaders -------------------------------------------------------------------------------

UNSAFE_MODULES = {"pickle", "cPickle", "dill", "cloudpickle", "marshal", "shelve", "joblib"}
UNSAFE_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
YAML_LOADERS = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
# importlib.import_module of a name: allowed where the name is not from data.
IMPORTS_ALLOWED = {
    "adapters/__init__.py": "require(): the fixed names of the adapters' optional libraries",
    "adapters/systems/__init__.py": "the wrapper modules listed in MODULES and their libraries",
    "cli/__init__.py": "the subcommand modules listed in COMMANDS",
    "formats/labelstudio.py": "the fixed name newsgold.baselines.rules",
    "scoring/harness.py": "newsgold predict --model MODULE:CALLABLE runs the user's own model",
}


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(SRC).as_posix(), ast.parse(path.read_text("utf-8"), str(path)))
        for path in sorted(SRC.rglob("*.py"))
    ]


def test_no_eval_exec_pickle_or_unsafe_yaml_in_the_package() -> None:
    found = []
    sources = _sources()
    assert len(sources) > 50  # the walk saw the package
    for name, tree in sources:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                modules.append(getattr(node, "module", None) or "")
                if any(m.split(".")[0] in UNSAFE_MODULES for m in modules):
                    found.append(f"{name}:{node.lineno} imports {modules}")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in UNSAFE_CALLS:
                found.append(f"{name}:{node.lineno} calls {func.id}")
            if isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                if owner == "yaml" and func.attr in YAML_LOADERS:
                    found.append(f"{name}:{node.lineno} yaml.{func.attr} (use yaml.safe_load)")
                if owner == "os" and func.attr in {"system", "popen"}:
                    found.append(f"{name}:{node.lineno} os.{func.attr}")
                if func.attr == "import_module" and name not in IMPORTS_ALLOWED:
                    found.append(f"{name}:{node.lineno} import_module")
                if func.attr == "read_pickle" or (owner in {"np", "numpy"} and func.attr == "load"):
                    found.append(f"{name}:{node.lineno} {owner}.{func.attr}")
            if any(k.arg == "shell" for k in node.keywords):
                found.append(f"{name}:{node.lineno} a subprocess with shell=")
    assert found == []


def test_yaml_is_only_ever_safe_loaded_anywhere_in_the_repository() -> None:
    """The same rule as text, over scripts and tests too (yaml.load( would pass a Loader)."""
    offenders = []
    for folder in ("src", "scripts", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else []:
            if path.resolve() == Path(__file__).resolve():  # the needles are written here
                continue
            text = path.read_text("utf-8")
            for needle in ("yaml.load(", "yaml.load_all(", "yaml.unsafe_load", "yaml.full_load"):
                if needle in text:
                    offenders.append(f"{path.relative_to(ROOT)}: {needle}")
            if "Loader=yaml.Loader" in text or "yaml.UnsafeLoader" in text:
                offenders.append(f"{path.relative_to(ROOT)}: unsafe Loader")
    assert offenders == []
