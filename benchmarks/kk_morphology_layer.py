"""Lemma, UPOS and feature accuracy of the Kazakh morphology layer on held-out UD
Kazakh-KTB sentences, all tokens and verbs separately; and the data to train a spaCy
lemmatizer + morphologizer on the rest.

Data: UD Kazakh-KTB (both files) and Apertium's puupankki. Never used: sentences whose
``sent_id`` starts with ``akorda-random``, ``kdt`` or ``wikipedia-news`` (sources of
evaluation documents; puupankki's copies of them too). Of the other KTB sentences,
those whose crc32(sent_id) % 5 == 0 are "held-out" (scored only, never printed), those
with crc32 % 10 == 1 "dev" (the model's early stopping); the rest, with puupankki's
copies of them, are "train". puupankki repeats KTB's sentences
under later conventions; held-out is scored against KTB's annotation only.

Methods: *rules* = pipeline/lang/kk/morph/tagger.py on the gold words; *model* = a
spaCy pipeline (``--model DIR``) on the gold words; *rules verbs + model* = the
model's reading, except where the rules read a verb (VERB/AUX), the rules'.

    python benchmarks/kk_morphology_layer.py [--model models/kk_morph] [--markdown]
    python benchmarks/kk_morphology_layer.py --export DIR   # train.spacy, dev.spacy, heldout.spacy
    python benchmarks/kk_morphology_layer.py --throughput 300 [--rounds 3]

``--throughput N``: the default pipeline with and without ``kazakh_morphology.v1``,
side by side on one synthetic archive of N documents (benchmarks/throughput.py's),
each run a fresh process, the two alternating for ``--rounds``; the best round of each.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.kk_morphology_ud import KTB, POOLS, PUUPANKKI, pct, print_table, sentences  # noqa: E402

FEATURES = ("Case", "VerbForm", "Voice", "Polarity", "Mood", "Tense", "Aspect", "Person")


def part(sent_id: str) -> str:
    h = zlib.crc32(sent_id.encode("utf-8"))
    return "heldout" if h % 5 == 0 else "dev" if h % 10 == 1 else "train"


def split_corpus():
    """{"train", "dev", "heldout"}: lists of [(form, lemma, upos, feats)] sentences."""
    out: dict[str, list] = {"train": [], "dev": [], "heldout": []}
    seen, kept_out = set(), set()
    for path in KTB:
        for sid, words in sentences(path):
            key = " ".join(w[0] for w in words)
            if sid.startswith(POOLS):
                kept_out.add(key)
            if sid.startswith(POOLS) or key in seen:
                continue
            seen.add(key)
            out[part(sid)].append(words)
            if part(sid) != "train":
                kept_out.add(key)
    for sid, words in sentences(PUUPANKKI):
        key = " ".join(w[0] for w in words)
        if sid.startswith(POOLS) or part(sid) != "train" or key in kept_out:
            continue
        out["train"].append(words)
    return out


def ud(feats: dict) -> str:
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items(), key=lambda kv: kv[0].lower()))


def parse(morph: str | None) -> dict:
    return dict(kv.split("=", 1) for kv in (morph or "").split("|") if "=" in kv)


def rules_predict(sents):
    from pipeline.lang.kk.morph.tagger import SentenceMorphology

    tagger = SentenceMorphology()
    for words in sents:
        forms = [w[0].split()[0] for w in words]
        yield [(r.lemma or "", r.upos or "", parse(r.feats)) for r in tagger.analyse(forms)]


def model_predict(sents, model_dir: Path):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model_dir)
    docs = [Doc(nlp.vocab, words=[w[0].split()[0] for w in words]) for words in sents]
    for doc in nlp.pipe(docs):
        yield [(t.lemma_, t.pos_, parse(str(t.morph))) for t in doc]


def score(sents, predictions, only: str | None = None) -> Counter:
    n = Counter()
    for words, preds in zip(sents, predictions):
        for (form, lemma, upos, feats), (p_lemma, p_upos, p_feats) in zip(words, preds):
            if only and upos != only:
                continue
            n["tokens"] += 1
            n["lemma"] += p_lemma.lower() == lemma.lower()
            n["upos"] += p_upos == upos
            ok_all = True
            for f in FEATURES:
                ok = p_feats.get(f) == feats.get(f)
                n[f] += ok
                ok_all &= ok
            n["all"] += ok_all
            n["exact"] += ud(p_feats) == ud(feats)
    return n


def export(parts: dict, out: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("kk").vocab
    out.mkdir(parents=True, exist_ok=True)
    for name, sents in parts.items():
        db = DocBin()
        for words in sents:
            forms = [w[0].split()[0] for w in words]
            db.add(Doc(vocab, words=forms, lemmas=[w[1].lower() for w in words], pos=[w[2] for w in words],
                       morphs=[ud(w[3]) or "_" for w in words]))
        db.to_disk(out / f"{name}.spacy")
        print(f"{name}: {len(sents)} sentences, {sum(map(len, sents))} words -> {out / name}.spacy")


def show_errors(sents) -> None:
    errors = Counter()
    for words, preds in zip(sents, rules_predict(sents)):
        for (form, lemma, upos, feats), (p_lemma, p_upos, p_feats) in zip(words, preds):
            if p_lemma.lower() != lemma.lower() or p_upos != upos or ud(p_feats) != ud(feats):
                errors[(form, lemma.lower(), upos, ud(feats), p_lemma, p_upos, ud(p_feats))] += 1
    for (form, *rest), k in errors.most_common():
        print(k, form, *rest)


def side_by_side(n: int, rounds: int) -> None:
    """words/s of the default pipeline with and without the layer: wall time and CPU time
    of the run (loading excluded); CPU time is the steadier figure on a shared machine."""
    import yaml

    from benchmarks.throughput import build_corpus

    root = Path(__file__).resolve().parents[1]
    default = yaml.safe_load((root / "configs" / "default.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, n)
        configs = {}
        for name, keep in (("without the layer", lambda s: s["factory"] != "kazakh_morphology.v1"),
                           ("with the layer", lambda s: True)):
            languages = {k: str((root / "configs" / v).resolve()) for k, v in default.get("languages", {}).items()}
            cfg = dict(default, languages=languages, stages=[{k: str((root / "configs" / v).resolve()) if k in ("lexicon", "model_dir")
                                         else v for k, v in s.items()} for s in default["stages"] if keep(s)])
            path = Path(tmp) / f"{len(configs)}.yaml"
            path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
            configs[name] = path
        best: dict[str, tuple[float, float]] = {}
        env = dict(os.environ, PYTHONPATH=str(root))  # this checkout's package, not an installed one
        for r in range(rounds):
            for name, path in configs.items():
                res = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / f"out{r}{path.stem}"),
                                      str(path)], capture_output=True, text=True, cwd=root, env=env)
                if res.returncode:
                    raise SystemExit(res.stderr[-2000:])
                wall, cpu = json.loads(res.stdout.strip().splitlines()[-1])
                old = best.get(name, (float("inf"), float("inf")))
                best[name] = (min(old[0], wall), min(old[1], cpu))
        print(f"{n} documents, {words:,} words, best of {rounds} rounds, 1 worker")
        base = best["without the layer"]
        for name, (wall, cpu) in best.items():
            print(f"  {name}: {words / wall:,.0f} words/s, {words / cpu:,.0f} words per CPU second "
                  f"({100 * base[0] / wall:.0f}% / {100 * base[1] / cpu:.0f}% of without)")


def child(corpus: Path, out: Path, config: Path) -> None:
    import pipeline
    from pipeline.run import run

    def cpu() -> float:  # this process and its finished workers
        return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                      resource.getrusage(resource.RUSAGE_CHILDREN)))

    nlp = pipeline.load(config)
    wall, cpu0 = time.perf_counter(), cpu()
    run([corpus], out, nlp, workers=1)
    print(json.dumps([time.perf_counter() - wall, cpu() - cpu0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, help="a spaCy pipeline with a lemmatizer and a morphologizer")
    ap.add_argument("--export", type=Path, help="write train/dev/heldout.spacy here and stop")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--throughput", type=int, metavar="N", help="words/s side by side on N documents, then stop")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--split", choices=("heldout", "train"), default="heldout",
                    help="score this part (train: what the rules may be tuned on)")
    ap.add_argument("--show-errors", action="store_true", help="print the rules' errors on train (never held-out)")
    ap.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.throughput:
        side_by_side(args.throughput, args.rounds)
        return 0
    if not KTB or not PUUPANKKI.exists():
        print("UD Kazakh-KTB / puupankki not found under ../shared/corpora")
        return 2
    parts = split_corpus()
    train, heldout = parts["train"], parts[args.split]
    if args.show_errors:
        show_errors(parts["train"])
    if args.export:
        export(parts, args.export)
        return 0
    methods = {}
    start = time.process_time()
    methods["rules"] = list(rules_predict(heldout))
    seconds = {"rules": time.process_time() - start}
    if args.model:
        start = time.process_time()
        methods["model"] = list(model_predict(heldout, args.model))
        seconds["model"] = time.process_time() - start
        methods["rules verbs + model"] = [
            [r if r[1] in ("VERB", "AUX") else m for r, m in zip(rs, ms)]
            for rs, ms in zip(methods["rules"], methods["model"])]
    header = ["tokens", "gold UPOS", "method", "lemma", "UPOS", *FEATURES, "all 8", "exact feats"]
    rows = []
    for only in (None, "VERB", "NOUN", "PROPN"):
        for name, preds in methods.items():
            r = score(heldout, preds, only)
            t = r["tokens"]
            rows.append([str(t), only or "all", name, pct(r["lemma"], t), pct(r["upos"], t),
                         *(pct(r[f], t) for f in FEATURES), pct(r["all"], t), pct(r["exact"], t)])
    print(f"held-out: {len(heldout)} KTB sentences, {sum(map(len, heldout))} words; "
          f"train: {len(train)} sentences (KTB + puupankki)")
    print_table(header, rows, args.markdown)
    words = sum(map(len, heldout))
    print("\n" + ", ".join(f"{k}: {words / s:,.0f} words per CPU second" for k, s in seconds.items() if s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
