"""``newsgold predict --hf``: a tiny token-classification model built here, no download.

The model is a BERT without layers whose weights are set, not random: a word's embedding is the
one-hot vector of the label it should get (times 10), position and segment embeddings are zero,
and the classifier is the identity. After the embedding LayerNorm a word's own label dimension
is the largest, so the model tags each word of ``TAGS`` with its label and every other word O.
Its windows are 8 tokens ([CLS], 6 words, [SEP]), so the texts below need several.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from article_repo import ArticleRepo

from newsgold.adapters.hf import joined
from newsgold.cli import main

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-DATE"]
TAGS = {"Kim": "B-PER", "Jong": "I-PER", "Un": "I-PER", "Seoul": "B-LOC", "Tuesday": "B-DATE"}
WORDS = ["visited", "on", "and", "met", "in", "."]
SPECIAL = ["[UNK]", "[CLS]", "[SEP]", "[PAD]"]
MAX_TOKENS = 8
# 16 words and a full stop: three windows of 6 words, each overlapping the next by one.
TEXT = "Kim Jong Un visited Seoul on Tuesday and met Kim Jong Un in Seoul again."


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The model and its word-level fast tokenizer, saved to a folder."""
    folder = tmp_path_factory.mktemp("tiny-ner")
    vocab = {word: i for i, word in enumerate(SPECIAL + WORDS + list(TAGS))}
    word_level = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab, unk_token="[UNK]"))
    word_level.pre_tokenizer = tokenizers.pre_tokenizers.Whitespace()
    word_level.post_processor = tokenizers.processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)]
    )
    tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=word_level,
        unk_token="[UNK]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        model_max_length=MAX_TOKENS,
    )
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=len(LABELS),
        num_hidden_layers=0,
        num_attention_heads=1,
        intermediate_size=4,
        max_position_embeddings=MAX_TOKENS,  # a longer input would fail: windows are needed
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        embeddings = model.bert.embeddings
        for table in (
            embeddings.word_embeddings,
            embeddings.position_embeddings,
            embeddings.token_type_embeddings,
        ):
            table.weight.zero_()
        for word, i in vocab.items():
            embeddings.word_embeddings.weight[i, LABELS.index(TAGS.get(word, "O"))] = 10.0
        model.classifier.weight.copy_(torch.eye(len(LABELS)))
        model.classifier.bias.zero_()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """One gold article: two people, two places and a date."""
    r = ArticleRepo(tmp_path / "repo")
    r.add(
        "kim",
        TEXT,
        status="gold",
        entities=[
            r.entity(TEXT, "Kim Jong Un", "PERSON", "kim-jong-un"),
            r.entity(TEXT, "Seoul", "GPE", "seoul"),
            r.entity(TEXT, "Kim Jong Un", "PERSON", "kim-jong-un", nth=1),
            r.entity(TEXT, "Seoul", "GPE", "seoul", nth=1),
        ],
        dates=[r.date(TEXT, "Tuesday", "2025-03-04")],
    )
    return r.root


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network: the Hub is never asked."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def predict(model: Path, repo: Path, out: Path) -> int:
    return main(["predict", "--hf", str(model), "--root", str(repo), "--out", str(out)])


def test_conll_labels_at_exact_offsets_across_windows(
    tiny_model: Path, repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    assert predict(tiny_model, repo, out) == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    # "Kim Jong Un" 0-11; " visited " to 20, "Seoul" 20-25; " on " to 29, "Tuesday" 29-36;
    # " and met " to 45, "Kim Jong Un" 45-56; " in " to 60, "Seoul" 60-65. The second Kim Jong Un
    # straddles windows 2 (on Tuesday and met Kim Jong) and 3 (Jong Un in Seoul again .): the
    # pipeline sees "Kim Jong" and "Jong Un", joined here into one span.
    assert line == {
        "doc_id": "kim",
        "entities": [
            {"start": 0, "end": 11, "text": "Kim Jong Un", "type": "PER"},
            {"start": 20, "end": 25, "text": "Seoul", "type": "LOC"},
            {"start": 45, "end": 56, "text": "Kim Jong Un", "type": "PER"},
            {"start": 60, "end": 65, "text": "Seoul", "type": "LOC"},
        ],
        "dates": [{"start": 29, "end": 36, "text": "Tuesday", "type": "DATE"}],
    }
    err = capsys.readouterr().err
    assert "entity labels LOC, PER are this system's own tag set" in err
    assert "newsgold score --map conll2003" in err


def test_conll_predictions_score_with_the_conll_map_only(
    tiny_model: Path, repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    assert predict(tiny_model, repo, out) == 0
    capsys.readouterr()
    gold = ["--gold", str(repo), "--format", "json"]
    assert main(["score", str(out), *gold, "--map", "conll2003"]) == 0
    headline = json.loads(capsys.readouterr().out)["headline"]
    # PERSON folds to PER and GPE to LOC: all four entities right; the date span too.
    assert headline["entities.strict_f1"] == 1.0
    assert headline["dates.strict_f1"] == 1.0
    assert headline["figures.strict_f1"] is None  # no figure label: not predicted
    assert main(["score", str(out), *gold]) == 1  # PER is no gold type
    assert "/entities/0/type" in capsys.readouterr().err


def test_a_model_that_cannot_be_loaded_writes_nothing(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    missing = tmp_path / "no-such-model"
    missing.mkdir()  # a folder without a model
    assert predict(missing, repo, out) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsgold predict: {missing}: cannot load the Hugging Face model (")
    assert "expected a token-classification model name or a folder" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_pieces_are_widened_to_words_and_joined() -> None:
    text = "Mr Kimura met Ann-Li"
    # "Kim" (3-6) and "ura" (6-9) are pieces of Kimura (3-9); "Ann" (14-17) and "Li" (18-20)
    # are words of their own, a hyphen between them.
    found = [("PER", 3, 6), ("PER", 6, 9), ("PER", 14, 17), ("PER", 18, 20)]
    assert joined(text, found) == [
        ("PER", 3, 9, "Kimura"),
        ("PER", 14, 17, "Ann"),
        ("PER", 18, 20, "Li"),
    ]
    # a piece inside a word takes the word (5-7 is "mu"); of two windows disagreeing on
    # labels, the longer span stays: "Mr Kimura" (0-9) over "Kimura" (3-9)
    assert joined(text, [("LOC", 5, 7), ("PER", 0, 9), ("ORG", 14, 20)]) == [
        ("PER", 0, 9, "Mr Kimura"),
        ("ORG", 14, 20, "Ann-Li"),
    ]
    assert joined(text, [("LOC", 5, 7)]) == [("LOC", 3, 9, "Kimura")]
