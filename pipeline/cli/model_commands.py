"""The commands that train and score models: ``pretrain-ner``, ``train-ner``,
``evaluate-ner`` (the Kazakh NER model, through its language pack) and
``evaluate-claims`` (the pipeline against gold claims)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from .common import fail, load_pipeline


def _parse_settings(settings: List[str]) -> dict:
    """``--set SECTION.KEY=VALUE`` options as config overrides (VALUE as JSON, else text)."""
    overrides = {}
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--set {item!r}: expected SECTION.KEY=VALUE")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value
    return overrides


def _ner_training():
    """The Kazakh NER training tools, from the language pack (the CLI names no language folder)."""
    from pipeline.lang import get_language

    return get_language("kk").ner_training


def pretrain_ner_cmd(
    conll: List[Path] = typer.Option([], "--conll", help="IOB2 files the NER model trains on: only their training part is used (same split as train-ner); repeatable."),
    texts: List[Path] = typer.Option([], "--text", help="Unlabelled text: a file (one document a line), .conllu, Apertium .tagged.txt, or a folder; repeatable."),
    exclude: List[Path] = typer.Option([], "--exclude", help="IOB2 files (the test set) whose text must not be used; repeatable."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for raw.jsonl, model<N>.bin per epoch, model-last.bin, log.jsonl."),
    config: Path = typer.Option(None, "--config", "-c", help="The NER config the weights will initialise (default: configs/ner_kk_features.cfg, the default model's recipe)."),
    pretrain_config: Path = typer.Option(None, "--pretrain-config", help="Pretraining settings merged into --config (default: configs/pretrain_kk.cfg)."),
    dev_fraction: float = typer.Option(0.1, help="As train-ner's: the dev part of --conll is left out."),
    epochs: Optional[int] = typer.Option(None, help="Override pretraining.max_epochs."),
    settings: List[str] = typer.Option([], "--set", help="Override any config value, as train-ner's --set (use the same ones); repeatable."),
    build_only: bool = typer.Option(False, "--build-only", help="Only write OUT/raw.jsonl."),
) -> None:
    """Pretrain the NER tok2vec on raw Kazakh text (spacy pretrain, characters objective).

    Example: claimgraph pretrain-ner --conll ../shared/corpora/kaznerd/with_sentID/IOB2_valid2.txt
    --exclude ../shared/corpora/kaznerd/IOB2_test.txt --text ../shared/corpora/kazqad/passages_val.txt
    --config configs/ner_kk_features.cfg --out /tmp/pretrain; then train-ner ... --init-tok2vec /tmp/pretrain/model-last.bin
    """
    training = _ner_training()
    ConllFormatError, DEFAULT_TRAIN_CONFIG = training.ConllFormatError, training.DEFAULT_TRAIN_CONFIG
    DEFAULT_PRETRAIN_CONFIG, build_pretraining_text = training.DEFAULT_PRETRAIN_CONFIG, training.build_pretraining_text
    pretrain_tok2vec = training.pretrain_tok2vec

    overrides = _parse_settings(settings)
    cfg = config or DEFAULT_TRAIN_CONFIG
    pre_cfg = pretrain_config or DEFAULT_PRETRAIN_CONFIG
    for path in (cfg, pre_cfg, *conll, *texts, *exclude):
        if not path.exists():
            fail(f"{path}: file not found")
    try:
        counts = build_pretraining_text(out / "raw.jsonl", texts, conll, exclude, dev_fraction)
    except (ConllFormatError, ValueError) as err:
        fail(str(err))
    typer.echo(f"wrote {out / 'raw.jsonl'}: {json.dumps(counts)}")
    if not counts["records"]:
        fail(f"{out / 'raw.jsonl'}: no text to pretrain on")
    if build_only:
        return
    weights = pretrain_tok2vec(out / "raw.jsonl", out, cfg, pre_cfg, overrides, epochs)
    typer.echo(f"pretrained weights: {weights}")


def train_ner_cmd(
    conll: List[Path] = typer.Argument(..., help="IOB2 / CoNLL files (KazNERD format; with_sentID ids are used for the dev split)."),
    out: Path = typer.Option(Path("models/kk_ner"), "--out", "-o", help="Where to write the trained model."),
    config: Path = typer.Option(None, "--config", "-c", help="spaCy training config (default: configs/ner_kk_features.cfg, the default model's recipe)."),
    dev_fraction: float = typer.Option(0.1, help="Share of sentence numbers held out for development."),
    max_steps: Optional[int] = typer.Option(None, help="Override training.max_steps."),
    max_epochs: Optional[int] = typer.Option(None, help="Override training.max_epochs."),
    settings: List[str] = typer.Option([], "--set", help="Override any config value: SECTION.KEY=VALUE (VALUE as JSON, else text); repeatable."),
    init_tok2vec: Optional[Path] = typer.Option(None, "--init-tok2vec", help="Pretrained tok2vec weights from pretrain-ner (model-last.bin)."),
) -> None:
    """Train the Kazakh NER model with spaCy's training loop (CPU).

    Example: claimgraph train-ner ../shared/corpora/kaznerd/with_sentID/IOB2_valid2.txt --out models/kk_ner
    """
    training = _ner_training()
    ConllFormatError, DEFAULT_TRAIN_CONFIG, train_ner = training.ConllFormatError, training.DEFAULT_TRAIN_CONFIG, training.train_ner

    overrides = _parse_settings(settings)
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    cfg = config or DEFAULT_TRAIN_CONFIG
    if not cfg.exists():
        fail(f"{cfg}: file not found")
    try:
        scores = train_ner(conll, out, cfg, dev_fraction=dev_fraction, overrides=overrides, init_tok2vec=init_tok2vec)
    except (ConllFormatError, ValueError) as err:
        fail(str(err))
    typer.echo(f"model written to {out}; dev scores: {json.dumps(scores)}")


def evaluate_ner_cmd(
    conll: Path = typer.Argument(..., help="IOB2 / CoNLL file to score on."),
    model: Path = typer.Option(None, "--model", "-m", help="Model folder (default: models/kk_ner)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Exact-span precision / recall / F1 per label and overall, and words per second.

    Example: claimgraph evaluate-ner ../shared/corpora/kaznerd/IOB2_test.txt --json
    """
    from pipeline.resources import MODELS_DIR

    training = _ner_training()
    ConllFormatError, evaluate_ner = training.ConllFormatError, training.evaluate_ner

    model = model or MODELS_DIR / "kk_ner"
    if not (model / "meta.json").exists():
        fail(f"{model}: not a spaCy model folder (no meta.json)")
    try:
        scores = evaluate_ner(conll, model)
    except ConllFormatError as err:
        fail(str(err))
    if as_json:
        keep = {"overall": {k: scores["overall"][k] for k in ("p", "r", "f")},
                "per_label": {l: {k: v[k] for k in ("p", "r", "f")} for l, v in scores["per_label"].items()},
                "words_per_second": scores["words_per_second"]}
        typer.echo(json.dumps(keep, ensure_ascii=False))
        return
    o = scores["overall"]
    typer.echo(f"{conll}: {scores['sentences']} sentences, {scores['words']} words, {scores['words_per_second']:.0f} words/s")
    typer.echo(f"{'label':16} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for label, v in sorted(scores["per_label"].items(), key=lambda x: -x[1]["support"]):
        typer.echo(f"{label:16} {v['p']:6.3f} {v['r']:6.3f} {v['f']:6.3f} {v['support']:8d}")
    typer.echo(f"{'overall (micro)':16} {o['p']:6.3f} {o['r']:6.3f} {o['f']:6.3f} {o['support']:8d}")


def evaluate_claims_cmd(
    gold: Optional[Path] = typer.Argument(None, help="Gold claims (our YAML, or shared JSON with texts); "
                                                     "default: the checkout's corpora/gold/claims_kk.yaml."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Pipeline YAML."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    show_errors: bool = typer.Option(False, "--errors", help="List missed and extra claims."),
) -> None:
    """Precision and recall of the claims against a gold file.

    Example: claimgraph evaluate-claims corpora/gold/claims_kk.yaml --errors
    """
    from pipeline.evaluation import evaluate_claims
    from pipeline.resources import PROJECT_DIR

    gold = gold or PROJECT_DIR / "corpora" / "gold" / "claims_kk.yaml"
    if not gold.exists():
        fail(f"{gold}: file not found")
    nlp = load_pipeline(config)
    try:
        scores = evaluate_claims(gold, nlp)
    except ValueError as err:
        fail(str(err).splitlines()[0])
    if as_json:
        typer.echo(json.dumps(scores if show_errors else {k: v for k, v in scores.items() if k != "errors"},
                              ensure_ascii=False))
        return
    o = scores["overall"]
    typer.echo(f"overall: P {o['p']:.3f}  R {o['r']:.3f}  F1 {o['f']:.3f}  (gold {o['gold']}, predicted {o['predicted']})")
    if scores.get("summary"):  # shared JSON gold: the reference scorer's figures
        typer.echo(json.dumps(scores["summary"], ensure_ascii=False))
    for name, s in scores["per_predicate"].items():
        typer.echo(f"  {name:12} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f']:.3f}  (gold {s['gold']}, predicted {s['predicted']})")
    if show_errors:
        for e in scores["errors"]:
            kind = "missed" if "missed" in e else "extra "
            typer.echo(f"  {kind} {e['doc']}: {e.get('missed') or e.get('extra')}")

