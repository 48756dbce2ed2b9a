"""Train and evaluate the Kazakh NER model with spaCy's own training loop.

``train_ner`` converts IOB2 files to spaCy's DocBin, holds out a dev part split by
sentence number (no leaks between versions of one sentence), trains with
``configs/ner_kk_features.cfg`` (the default model's recipe) and writes the best model.
``evaluate_ner`` scores a model on an IOB2 file with exact span match.
"""
from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from pathlib import Path

from ....resources import CONFIGS_DIR
from .conll import ConllSentence, read_conll, split_by_sentence_number, to_spacy_docs
from .registry import TrainingTimeUp, pretraining_config, register_callbacks, register_pretraining
from .registry import stop_after_minutes  # noqa: F401  (the time limit callback, named with train_ner)

DEFAULT_TRAIN_CONFIG = CONFIGS_DIR / "ner_kk_features.cfg"


def _docbin(nlp, sentences: list[ConllSentence], path: Path) -> None:
    from spacy.tokens import DocBin

    DocBin(docs=to_spacy_docs(nlp, sentences)).to_disk(path)


def train_ner(
    conll_files: list[Path],
    out: Path,
    config: Path = DEFAULT_TRAIN_CONFIG,
    dev_fraction: float = 0.1,
    overrides: dict | None = None,
    work_dir: Path | None = None,
    init_tok2vec: Path | None = None,
) -> dict:
    """Train a model on ``conll_files`` and write it to ``out``. Returns the dev scores.

    ``init_tok2vec``: pretrained tok2vec weights (``pretrain-ner``). spaCy loads them only
    when the config has a filled ``[pretraining]`` section, so ``configs/pretrain_kk.cfg``
    is merged into ``config`` for such a run."""
    import shutil

    import spacy
    from spacy.cli.train import train as spacy_train

    from .. import ner_features  # noqa: F401  (registers the feature components)
    from . import augment  # noqa: F401  (registers the entity-swap augmenter)

    register_callbacks()
    overrides = dict(overrides or {})
    init_tok2vec = init_tok2vec or overrides.pop("paths.init_tok2vec", None) or overrides.pop("initialize.init_tok2vec", None)
    if init_tok2vec is not None and not Path(init_tok2vec).exists():
        raise ValueError(f"{init_tok2vec}: pretrained tok2vec weights not found")

    sentences = [s for f in conll_files for s in read_conll(f)]
    if not sentences:
        raise ValueError(f"{', '.join(map(str, conll_files))}: no sentences found")
    train, dev = split_by_sentence_number(sentences, dev_fraction)
    if not dev:  # tiny inputs (smoke tests): evaluate on the training data
        dev = train[:1]
    nlp = spacy.blank("kk")
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        tmp = Path(tmp)
        _docbin(nlp, train, tmp / "train.spacy")
        _docbin(nlp, dev, tmp / "dev.spacy")
        all_overrides = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")}
        all_overrides.update(overrides)
        if init_tok2vec is not None:
            register_pretraining()
            all_overrides["paths.init_tok2vec"] = str(Path(init_tok2vec).resolve())
            pretraining_config(config).to_disk(tmp / "config.cfg")
            config = tmp / "config.cfg"
        started = time.time()
        stopped = None
        try:
            spacy_train(config, tmp / "output", overrides=all_overrides)
        except TrainingTimeUp as err:
            stopped = str(err)
        best = tmp / "output" / "model-best"
        if not best.exists():
            best = tmp / "output" / "model-last"
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    _drop_vocab_strings(out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update(
        name="kk_ner",
        version=meta.get("version", "0.0.0"),
        description="claimgraph Kazakh NER (CNN, CPU) trained on KazNERD",
        sources=[{"name": "KazNERD", "url": "https://github.com/IS2AI/KazNERD", "license": "CC BY 4.0",
                  "author": "Yeshpanov, Khassanov, Varol (2022)"}],
    )
    if "kk_gazetteer" in meta.get("pipeline", []):
        meta["sources"] += gazetteer_sources()
    meta["claimgraph"] = {
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "dev_split": f"by sentence number, {dev_fraction:.0%}",
        "training_files": [str(f) for f in conll_files],
        "train_seconds": round(time.time() - started, 1),
    }
    if init_tok2vec is not None:
        meta["claimgraph"]["init_tok2vec"] = str(init_tok2vec)
    if stopped:
        meta["claimgraph"]["stopped"] = stopped
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta.get("performance", {})


def gazetteer_sources() -> list[dict]:
    """The sources of the gazetteer lists a ``kk_gazetteer`` model was built with."""
    from ..ner_features import GAZETTEER_DIR
    from ....resources import read_yaml

    out: list[dict] = []
    for path in sorted(GAZETTEER_DIR.glob("*.yaml")):
        for src in read_yaml(path).get("sources", []):
            entry = {"name": src["name"], "license": src.get("licence", ""), "used_for": f"gazetteer {path.stem}"}
            if src.get("url"):
                entry["url"] = src["url"]
            out.append(entry)
    return out


def _drop_vocab_strings(model_dir: Path) -> None:
    """Empty the saved string store: the model's features are hashes and its labels
    are stored with the NER component, so the training vocabulary (1-2 MB) is dead
    weight on disk. Strings are re-added as texts are tokenised."""
    strings = model_dir / "vocab" / "strings.json"
    if strings.exists():
        strings.write_text("[]", encoding="utf-8")


def evaluate_ner(conll_file: Path, model_dir: Path, batch_size: int = 256) -> dict:
    """Exact-span P/R/F1 per label and overall (micro), and words per second."""
    import spacy
    from spacy.tokens import Doc

    from .. import ner_features  # noqa: F401  (registers the feature components)

    nlp = spacy.load(model_dir)
    sentences = read_conll(conll_file)
    docs = [Doc(nlp.vocab, words=s.words) for s in sentences]
    started = time.perf_counter()
    predicted = list(nlp.pipe(docs, batch_size=batch_size))
    elapsed = time.perf_counter() - started
    tp, fp, fn = Counter(), Counter(), Counter()
    for sent, doc in zip(sentences, predicted):
        gold = set(sent.spans())
        pred = {(e.start, e.end, e.label_) for e in doc.ents}
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1

    def prf(t: int, p: int, n: int) -> dict:
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"p": round(precision, 4), "r": round(recall, 4), "f": round(f, 4), "support": t + n}

    labels = sorted(set(tp) | set(fp) | set(fn))
    words = sum(len(s.words) for s in sentences)
    return {
        "overall": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_label": {label: prf(tp[label], fp[label], fn[label]) for label in labels},
        "words_per_second": round(words / elapsed, 1) if elapsed else None,
        "sentences": len(sentences),
        "words": words,
    }
