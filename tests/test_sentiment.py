"""The tone model: loading, batching, pluggable models, bad paths, and stored sentiment."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from monitor.config import SentimentSettings
from monitor.nlp.sentiment import (
    DEFAULT_ADAPTER,
    SMALL_BATCH,
    SentimentError,
    SentimentModel,
    base_model_dir,
    clean_text,
    load,
    load_classifier,
    load_default,
)
from tests.conftest import FIXTURES, SHARED

NEGATIVE = [
    "Shares of the chipmaker plunged 18% after it cut its revenue forecast and warned of weak demand.",
    "The company swung to a loss and suspended its dividend as sales collapsed.",
    "Moody's downgraded the data-center operator to junk, citing mounting debt and cash burn.",
]
POSITIVE = [
    "The company raised its full-year guidance after record quarterly revenue beat estimates.",
    "Shares jumped 12% after the cloud provider reported profit well above expectations.",
    "Net income more than doubled and the board approved a larger buyback.",
]
NEUTRAL = [
    "The company will report its fourth-quarter results on February 4 after the market closes.",
    "The notes are due in 2035 and were offered under the company's shelf registration.",
    "The annual meeting of shareholders will be held in Austin, Texas.",
]


@pytest.fixture(scope="module")
def model():
    return load_default(threads=2)


def test_the_default_model_loads_from_the_package_and_our_adapter(model):
    assert base_model_dir().name == "model" and (DEFAULT_ADAPTER / "adapter.safetensors").exists()
    assert (DEFAULT_ADAPTER / "adapter.safetensors").stat().st_size < 6_000_000  # no base weights in git
    assert model.labels == ["negative", "neutral", "positive"]


def test_clear_cases(model):
    preds = model.predict(NEGATIVE + POSITIVE + NEUTRAL)
    labels = [p.label for p in preds]
    assert labels[:3].count("negative") >= 2 and labels[3:6].count("positive") >= 2 and labels[6:].count("neutral") >= 2, labels
    for p in preds:
        assert 0 < p.score <= 1 and -1 <= p.polarity <= 1


def test_batching_keeps_order_and_matches_one_by_one(model):
    texts = NEGATIVE + POSITIVE + NEUTRAL + ["Up.", "A much longer sentence " * 20]
    batch = model.probabilities(texts)
    single = [model.probabilities([t])[0] for t in texts]
    for a, b in zip(batch, single, strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-4
    small = load_default(threads=1, batch_size=2)
    assert [p.label for p in small.predict(texts)] == [p.label for p in model.predict(texts)]


def test_batches_hold_sentences_of_about_the_same_number_of_tokens():
    """Sorted by tokens, not characters: a short line of figures and tickers is many word pieces
    and a long plain sentence few, so a character sort padded a third of what the encoder read."""
    texts = ["NVDA, AMD, TSMC: 4.2%, 3.1%, 7.7%; $1.2bn/$3.4bn (FY25/FY26).",
             "The company said that it would build a new plant in the state next year.",
             "Up sharply.", "Shares of the company fell after the results were published on Tuesday morning.",
             "Q3 EPS $0.42 vs. $0.38 est.; rev. $12.1B vs. $11.9B.", "Profits rose."]
    model = load_default(threads=1, batch_size=2)
    batches = list(model._batches(texts))
    assert sorted(i for idx, _, _ in batches for i in idx) == list(range(len(texts)))
    counts = [model.tokenizer([clean_text(t)], padding=False, return_tensors=None)["input_ids"][0] for t in texts]
    longest = 0
    for idx, ids, mask in batches:
        assert ids.shape == mask.shape == (len(idx), max(len(counts[i]) for i in idx))
        for row, i in enumerate(idx):
            assert ids[row, : len(counts[i])].tolist() == counts[i]  # the sentence's own ids, then padding
            assert int(mask[row].sum()) == len(counts[i])
        assert min(len(counts[i]) for i in idx) >= longest  # batches follow the token count
        longest = max(len(counts[i]) for i in idx)
    # The line of figures is shorter than the plain sentence in characters, longer in tokens.
    assert len(texts[0]) < len(texts[1]) and len(counts[0]) > len(counts[1])


def test_a_few_sentences_on_one_thread_give_the_numbers_of_two(model):
    """Without the numpy path, probabilities() scores fewer than SMALL_BATCH sentences with torch
    on one thread (a one-document extract on a busy machine took seconds on two): the numbers
    are the same, bit for bit."""
    import torch

    texts = NEGATIVE + POSITIVE + NEUTRAL
    assert len(texts) < SMALL_BATCH
    small, model.small = model.small, None
    torch.set_num_threads(2)  # as the model was loaded (another test's model set 1)
    try:
        for bf16 in (False, True):
            model.bf16 = bf16
            try:
                one = model.probabilities(texts)
                model.small_batch = 0
                two = model.probabilities(texts)
            finally:
                model.small_batch, model.bf16 = SMALL_BATCH, False
            assert one == two
    finally:
        model.small = small
    assert torch.get_num_threads() == 2  # given back


def test_a_few_sentences_are_scored_in_numpy_with_the_numbers_of_torch(model):
    """Fewer than SMALL_BATCH sentences go through the numpy encoder (monitor/nlp/npbert.py), so
    a one-document run never imports torch: on 600 real sentences, in batches as small runs make
    them, its probabilities are torch's within 1e-5 and every label is the same."""
    texts = _fixture_sentences()[:600] + NEGATIVE + POSITIVE + NEUTRAL + ["Up.", "", "A much longer sentence " * 40]
    numpy_side = []
    for i in range(0, len(texts), SMALL_BATCH - 1):
        numpy_side += model.probabilities(texts[i : i + SMALL_BATCH - 1])
    small, model.small = model.small, None
    try:
        torch_side = model.probabilities(texts)
    finally:
        model.small = small
    worst = max(abs(a - b) for p, q in zip(numpy_side, torch_side, strict=True) for a, b in zip(p, q, strict=True))
    assert worst < 1e-5, worst
    assert [max(range(3), key=p.__getitem__) for p in numpy_side] == [max(range(3), key=p.__getitem__) for p in torch_side]


def test_commands_that_read_the_store_import_neither_spacy_nor_torch():
    """`monitor events`, `search`, `ledger` read the store and the company index: importing them
    must not pull in spaCy (0.6 s) or torch (1.5 s); only modules that use spaCy import it."""
    import subprocess
    import sys

    code = ("import sys, monitor.cli, monitor.store, monitor.nlp.companies, monitor.ledger\n"
            "print(sorted(m for m in ('spacy', 'torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(Path(__file__).parents[1]))
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_one_document_run_does_not_import_torch(tmp_path):
    """Start-up (issue 18): spaCy comes in with torch hidden from thinc, and the default
    sentiment model scores a few sentences in numpy, so `monitor extract` of one small document
    with sentiment never imports torch (1.5 s on this machine)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from monitor.nlp.pipeline import Extractor\n"
        "from monitor.nlp.sentiment import load_default\n"
        "from monitor.models import Document\n"
        "doc = Document(id='x', source='t', kind='news', title='', url='', text='Acme plans to spend $3 billion on data centres in 2026.')\n"
        "events = Extractor().extract(doc)\n"
        "print(len(events), load_default().predict(['Shares fell after the bond sale.'])[0].label, 'torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(Path(__file__).parents[1]))
    count, label, torch_loaded = out.stdout.split()
    assert int(count) == 1 and label == "negative" and torch_loaded == "False", out.stdout + out.stderr


def _fixture_sentences() -> list[str]:
    """Real sentences of the fixture filings and articles, as the extractor splits them for tone."""
    from monitor.collect.html import extract_article, extract_filing
    from monitor.models import Document
    from monitor.nlp.pipeline import Extractor
    from monitor.nlp.tone import scoreable

    extractor, out = Extractor(), []
    for path in sorted((FIXTURES / "filings").glob("*.htm*")) + sorted((FIXTURES / "articles").glob("*.html")):
        raw = path.read_bytes()
        text = (extract_filing(raw) if "filings" in path.parts else extract_article(raw)).text
        document = Document(id=path.name, source="test", kind="news", text=text, title="", url="")
        out += [s for s in extractor.sentences(document) if scoreable(s)]
    return out


def test_our_minilm_gives_the_numbers_of_transformers_bert(model):
    """load_default builds MiniLM without transformers (monitor/nlp/bert.py, for start-up time):
    the same token ids, and bit for bit the same probabilities in fp32 and bf16, as transformers'
    tokenizer and BertModel with the same fine-tuning applied."""
    import torch
    from safetensors.numpy import load_file
    from transformers import AutoModel, AutoTokenizer

    from monitor.nlp.npbert import merged_weights

    base = base_model_dir()
    config = json.loads((DEFAULT_ADAPTER / "config.json").read_text())
    bert = AutoModel.from_pretrained(str(base))
    weights = merged_weights(load_file(str(base / "model.safetensors")), load_file(str(DEFAULT_ADAPTER / "adapter.safetensors")),
                             config["lora"]["alpha"] / config["lora"]["rank"])
    missing, unexpected = bert.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in weights.items()}, strict=False)
    assert not unexpected and all(name.startswith("pooler.") for name in missing), (missing, unexpected)
    bert.eval()
    model.torch_encoder()
    head = model.head
    reference = SentimentModel(AutoTokenizer.from_pretrained(str(base)), bert, head, config["labels"],
                               max_length=config["max_length"])
    texts = _fixture_sentences()[:600] + NEGATIVE + POSITIVE + NEUTRAL + [
        "Up.", "", "Ünïcode café déjà vu, 株式会社, an emoji 🚀 and\ttabs", "A much longer sentence " * 40]
    assert len(texts) > 500
    ids = reference.tokenizer(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
    ours = model.tokenizer(texts, padding=True, truncation=True, max_length=64)
    assert torch.equal(ids["input_ids"], ours["input_ids"]) and torch.equal(ids["attention_mask"], ours["attention_mask"])
    for bf16 in (False, True):
        model.bf16 = reference.bf16 = bf16
        try:
            assert model.probabilities(texts) == reference.probabilities(texts)
            assert model.predict(texts[:50]) == reference.predict(texts[:50])
        finally:
            model.bf16 = False


def _tiny_classifier(folder: Path, id2label: dict[int, str]) -> Path:
    """A BERT-shaped sequence classifier with random weights, saved like a Hub download."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    base = base_model_dir()
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, num_labels=len(id2label), id2label=id2label,
                        label2id={v: k for k, v in id2label.items()})
    BertForSequenceClassification(config).save_pretrained(folder)
    BertTokenizerFast(vocab_file=str(base / "vocab.txt")).save_pretrained(folder)
    return folder


def test_a_pluggable_model_with_a_label_mapping(tmp_path):
    folder = _tiny_classifier(tmp_path / "finbert-like", {0: "Bearish", 1: "Bullish", 2: "Neutral"})
    with pytest.raises(SentimentError, match="label 'Bearish' .* not mapped"):
        load_classifier(folder)
    mapped = load_classifier(folder, {"Bearish": "negative", "Bullish": "positive", "Neutral": "neutral"})
    assert mapped.labels == ["negative", "positive", "neutral"]
    preds = mapped.predict(["Profits rose.", "Profits fell sharply."])
    assert all(p.label in ("negative", "neutral", "positive") for p in preds)
    # Padded with its own pad id and masked: a batch gives each sentence's numbers alone.
    texts = ["Profits rose.", "Profits fell sharply in the third quarter of the year.", "Up."]
    names = {"Bearish": "negative", "Bullish": "positive", "Neutral": "neutral"}
    batch = load_classifier(folder, names, batch_size=8).probabilities(texts)
    for text, row in zip(texts, batch, strict=True):
        single = load_classifier(folder, names).probabilities([text])[0]
        assert max(abs(x - y) for x, y in zip(row, single, strict=True)) < 1e-5
    # Through the configuration, with a path relative to the config file's folder.
    settings = SentimentSettings(model="finbert-like", labels={"Bearish": "negative", "Bullish": "positive", "Neutral": "neutral"})
    assert load(settings, tmp_path).labels == mapped.labels
    # Label words the model already uses need no mapping.
    plain = _tiny_classifier(tmp_path / "plain", {0: "positive", 1: "negative", 2: "neutral"})
    assert load_classifier(plain).labels == ["positive", "negative", "neutral"]


def test_fine_tuned_word_embeddings_are_applied_as_a_low_rank_change(model, tmp_path):
    """`train_sentiment.py --embedding-rank r` saves the word embeddings' change as B·A; the
    loader adds it to the packaged embeddings."""
    import torch
    from safetensors.torch import load_file, save_file

    folder = tmp_path / "with-embeddings"
    shutil.copytree(DEFAULT_ADAPTER, folder)
    tensors = load_file(str(folder / "adapter.safetensors"))
    words = model.torch_encoder().embeddings.word_embeddings.weight
    generator = torch.Generator().manual_seed(0)
    b = (torch.randn(words.shape[0], 2, generator=generator) * 0.01).half()
    a = torch.randn(2, words.shape[1], generator=generator).half()
    tensors["lora.embeddings.word_embeddings.B"], tensors["lora.embeddings.word_embeddings.A"] = b, a
    save_file(tensors, str(folder / "adapter.safetensors"))
    changed = load_default(folder, threads=2)
    delta = changed.torch_encoder().embeddings.word_embeddings.weight - words
    assert torch.allclose(delta, b.float() @ a.float(), atol=1e-5)
    assert len(changed.predict(POSITIVE)) == len(POSITIVE)


def test_broken_model_paths_give_one_line(tmp_path):
    with pytest.raises(SentimentError, match=r"nowhere: no such model folder"):
        load(SentimentSettings(model=str(tmp_path / "nowhere")))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SentimentError, match=r"empty: not a Hugging Face model folder"):
        load(SentimentSettings(model=str(empty)))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    with pytest.raises(SentimentError) as info:
        load(SentimentSettings(model=str(broken)))
    assert str(broken) in str(info.value) and "\n" not in str(info.value)
    adapter = tmp_path / "adapter"
    shutil.copytree(DEFAULT_ADAPTER, adapter)
    (adapter / "adapter.safetensors").write_bytes(b"garbage")
    with pytest.raises(SentimentError, match="cannot read the model"):
        load_default(adapter)


def test_stored_sentiment_for_events_and_documents(run_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "Oracle shares plunge as debt worries mount\n\n"
        "Oracle shares plunged 12% on Tuesday as investors fretted over the company's mounting debt load. "
        "The software maker sold $18 billion of bonds last week to fund its data-center build-out, "
        "and analysts warned that its cash flow has turned negative.\n"
    )
    good = tmp_path / "good.txt"
    good.write_text(
        "Meta beats estimates and lifts outlook\n\n"
        "Meta reported record revenue that beat analysts' estimates and raised its outlook, sending its shares up 9%. "
        "The company said it expects capital expenditures of $70 billion to $72 billion this year.\n"
    )
    assert run_cli("ingest", str(bad), str(good), "--kind", "news").exit_code == 0
    result = run_cli("extract")
    assert result.exit_code == 0 and "with sentiment" in result.output
    events = json.loads(run_cli("events", "--json").output)
    by_company = {e["company"]: e for e in events}
    assert by_company["Oracle"]["sentiment"] in ("negative", "neutral") and by_company["Oracle"]["sentiment_score"] is not None
    negative = json.loads(run_cli("events", "--json", "--sentiment", "negative").output)
    assert all(e["sentiment"] == "negative" for e in negative)
    ranked = json.loads(run_cli("events", "--json", "--sort", "sentiment").output)
    scores = [e["sentiment_score"] for e in ranked]
    assert scores == sorted(scores)
    docs = json.loads(run_cli("search", "shares", "--json").output)
    tone = {d["title"]: d for d in docs}
    assert tone["Oracle shares plunge as debt worries mount"]["sentiment"] == "negative"
    assert tone["Meta beats estimates and lifts outlook"]["sentiment"] == "positive"
    assert tone["Meta beats estimates and lifts outlook"]["sentiment_score"] > tone["Oracle shares plunge as debt worries mount"]["sentiment_score"]
    only_negative = json.loads(run_cli("search", "shares", "--json", "--sentiment", "negative").output)
    assert [d["title"] for d in only_negative] == ["Oracle shares plunge as debt worries mount"]
    by_week = json.loads(run_cli("tone", "--json", "--since", "2000-01-01", "--by", "month").output)
    assert {r["company"] for r in by_week} >= {"Oracle", "Meta"}


def test_sentiment_command_and_evaluation(run_cli, tmp_path):
    lines = [{"id": f"n{i}", "text": t, "label": "negative"} for i, t in enumerate(NEGATIVE)]
    lines += [{"id": f"p{i}", "text": t, "label": "positive"} for i, t in enumerate(POSITIVE)]
    lines += [{"id": f"u{i}", "text": t, "label": "neutral"} for i, t in enumerate(NEUTRAL)]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    out = run_cli("sentiment", "--jsonl", str(path))
    assert out.exit_code == 0
    preds = [json.loads(x) for x in out.output.splitlines()]
    assert [p["id"] for p in preds] == [x["id"] for x in lines]
    assert all(set(p) == {"id", "label", "score"} for p in preds)
    scored = json.loads(run_cli("eval", "sentiment", str(path), "--json").output)
    assert scored["n"] == 9 and scored["accuracy"] >= 0.66 and {"macro_f1", "weighted_f1", "confusion"} <= set(scored)
    text = run_cli("eval", "sentiment", str(path)).output
    assert "accuracy" in text and "weighted F1" in text
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "hi", "label": "bullish"}\n')
    res = run_cli("eval", "sentiment", str(bad))
    assert res.exit_code == 1 and "label must be one of" in res.output


def test_a_broken_configured_model_stops_extract_with_one_line(run_cli, write_config, tmp_path):
    config = write_config({"sentiment": {"model": str(tmp_path / "missing-model")}}, name="broken.yaml")
    doc = tmp_path / "d.txt"
    doc.write_text("Oracle sold $18 billion of bonds.\n")
    assert run_cli("ingest", str(doc), config=config).exit_code == 0
    result = run_cli("extract", config=config)
    assert result.exit_code == 1
    assert "sentiment model:" in result.output and "missing-model: no such model folder" in result.output
    assert run_cli("extract", "--no-sentiment", config=config).exit_code == 0


def test_our_sentiment_dev_set_floor(model):
    """tests/data/sentiment_dev.jsonl: 180 sentences written for this project (see its README)."""
    from monitor.evaluate import read_sentiment_set, sentiment_scores

    lines = read_sentiment_set(str(Path(__file__).parent / "data" / "sentiment_dev.jsonl"))
    preds = model.predict([x["text"] for x in lines])
    scores = sentiment_scores([x["label"] for x in lines], [p.label for p in preds])
    assert scores["accuracy"] >= FLOOR_ACCURACY, scores


FLOOR_ACCURACY = 0.79  # the shipped model scores 0.82 (0.817 in bf16); a drop below this is a regression


@pytest.mark.skipif(not (SHARED / "data" / "sentiment").exists(), reason="needs ../shared/data/sentiment")
def test_the_training_script_builds_an_artefact_monitor_loads(tmp_path):
    """A tiny run of scripts/train_sentiment.py (64 tweets, one epoch) through every export path:
    full fine-tuning with the teacher's soft labels and unlabelled fixture sentences, the word
    embeddings' change, the rank cut and the repair epoch."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = tmp_path / "model"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_sentiment.py"), "--limit", "64", "--epochs", "1", "--soup", "1",
         "--synthetic", "8", "--embedding-rank", "4", "--export-rank", "4", "--repair-epochs", "1", "--threads", "1",
         "--distill", "0.5", "--unlabelled", "4", "--fixtures", str(SHARED / "fixtures"),
         "--data", str(SHARED / "data" / "sentiment"), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    config = json.loads((out / "config.json").read_text())
    assert config["lora"]["rank"] == 4 and any(h.get("repair") for h in config["history"])
    assert config["data"]["unlabelled"] == 4 and config["training"]["distill"] == 0.5
    assert set(config["metrics"]["tfns_validation"]) == {"accuracy", "macro_f1", "weighted_f1"}
    from safetensors.torch import load_file

    tensors = load_file(str(out / "adapter.safetensors"))
    assert tensors["lora.embeddings.word_embeddings.B"].shape[1] == 4
    assert all(".layer." in k for k in tensors if k.startswith("encoder."))  # no full embedding matrix
    assert (out / "adapter.safetensors").stat().st_size < 2_000_000  # factors, never the base weights
    model = load_default(out, threads=1)
    assert [p.label in model.labels for p in model.predict(NEGATIVE + POSITIVE)] == [True] * 6


def _script(name: str):
    """A module of scripts/ (not a package), imported by path."""
    import importlib
    import sys

    from tests.conftest import ROOT

    saved = list(sys.path)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path[:] = saved  # the scripts add their own folders too


def test_distillation_pulls_the_student_towards_the_teacher_and_skips_unlabelled_rows():
    import torch

    train = _script("train_sentiment")
    teacher = [[2.0, 0.0, -1.0], None, [-1.0, 0.5, 3.0]]
    same = torch.tensor([[2.0, 0.0, -1.0], [9.0, 9.0, 9.0], [-1.0, 0.5, 3.0]])
    assert float(train.distillation_loss(same, [0, 1, 2], teacher, 2.0)) == pytest.approx(0.0, abs=1e-6)
    student = torch.zeros(3, 3, requires_grad=True)
    loss = train.distillation_loss(student, [0, 1, 2], teacher, 2.0)
    assert loss.item() > 0
    loss.backward()
    # a gradient step raises the class the teacher prefers, and row 1 (no teacher) gets nothing
    assert int((-student.grad[0]).argmax()) == 0 and int((-student.grad[2]).argmax()) == 2
    assert torch.equal(student.grad[1], torch.zeros(3))
    assert train.distillation_loss(student, [1], teacher, 2.0).item() == 0.0


def test_soft_labels_round_trip_and_a_bad_file_is_named(tmp_path):
    data = _script("sentiment_data")
    path = tmp_path / "soft.jsonl.gz"
    data.write_soft_labels(path, ["Profits rose.", "Profits fell."], [[-1.0, 0.0, 2.123456], [2.0, 0.0, -1.0]])
    first = path.read_bytes()
    data.write_soft_labels(path, ["Profits rose.", "Profits fell."], [[-1.0, 0.0, 2.123456], [2.0, 0.0, -1.0]])
    assert path.read_bytes() == first  # the same labels give the same bytes (no timestamp in the gzip header)
    soft = data.read_soft_labels(path)
    assert soft[data.text_key("Profits rose.")] == [-1.0, 0.0, 2.123]
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_text("not gzip")
    with pytest.raises(SystemExit, match="bad.jsonl.gz: not a soft-label file"):
        data.read_soft_labels(bad)


@pytest.mark.skipif(not (SHARED / "fixtures").exists(), reason="needs ../shared/fixtures")
def test_fixture_sentences_are_usable_and_never_held_out_text():
    data = _script("sentiment_data")
    held_out = data.held_out_texts()
    sentences = data.fixture_sentences()
    assert len(sentences) > 1000 and len(set(sentences)) == len(sentences)
    assert not held_out & set(sentences)
    assert all(len(s.split()) >= 6 and " | " not in s for s in sentences)
    some = sentences[:5]
    assert not set(some) & set(data.fixture_sentences(exclude=some))


def test_the_shipped_soft_labels_cover_every_training_text():
    """What train_sentiment.py --distill reads: the teacher's logits for the training rows."""
    data = _script("sentiment_data")
    if not (SHARED / "data" / "sentiment").exists():
        pytest.skip("needs ../shared/data/sentiment")
    sentences = _script("sentiment_synthetic").sentences
    soft = data.read_soft_labels(data.SOFT_LABELS)
    train, val = data.tfns_split(data.DATA, 0.1, 13)
    texts = [t for t, _ in train] + [t for t, _ in sentences(4000, 13)]
    assert all(data.text_key(t) in soft for t in texts)
    # The teacher never saw a validation tweet, except the 12 (of 954) whose text, once its link is
    # removed, is also a training tweet's: the split is of raw tweets (see the model card).
    trained = set(texts)
    repeated = [t for t, _ in val if t in trained]
    assert len(repeated) == 12
    assert not any(data.text_key(t) in soft for t, _ in val if t not in repeated)


@pytest.mark.skipif(not (SHARED / "data" / "sentiment").exists(), reason="needs ../shared/data/sentiment")
def test_the_teacher_script_trains_and_writes_soft_labels_for_every_text(tmp_path):
    """scripts/train_teacher.py on a tiny random BERT standing in for all-mpnet-base-v2 (not
    installed here): it trains, saves its weights, and labels the training rows and the fixture
    sentences; --relabel writes the same labels again from the saved weights."""
    import subprocess
    import sys

    from transformers import AutoModel

    from tests.conftest import ROOT

    base = _tiny_classifier(tmp_path / "base", {0: "a", 1: "b", 2: "c"})
    AutoModel.from_pretrained(base).save_pretrained(base)  # an encoder folder, as the real base is
    command = [sys.executable, str(ROOT / "scripts" / "train_teacher.py"), "--base", str(base), "--limit", "32",
               "--epochs", "1", "--synthetic", "8", "--threads", "1", "--data", str(SHARED / "data" / "sentiment"),
               "--fixtures", str(SHARED / "fixtures"), "--out", str(tmp_path / "teacher")]
    first = subprocess.run([*command, "--soft-labels", str(tmp_path / "soft.jsonl.gz")], capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    assert (tmp_path / "teacher" / "teacher.pt").exists()
    data = _script("sentiment_data")
    soft = data.read_soft_labels(tmp_path / "soft.jsonl.gz")
    assert len(soft) > 1000 and all(len(v) == 3 for v in soft.values())
    again = subprocess.run([*command, "--soft-labels", str(tmp_path / "again.jsonl.gz"), "--relabel"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert data.read_soft_labels(tmp_path / "again.jsonl.gz") == soft
