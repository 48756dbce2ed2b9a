"""Lemma and feature accuracy of the Kazakh verb analyser on UD Kazakh-KTB and
Apertium's puupankki, tokens with gold UPOS VERB and AUX.

Sentences whose sent_id starts with ``akorda-random``, ``kdt`` or
``wikipedia-news`` are the evaluation pools ("held-out"): they are scored, never
printed. The other sentences ("dev") are those the rules were written from;
``--show-errors`` prints dev errors only.

Methods: "analyser" reads each word alone (best analysis); "+ context" adds the
neighbour rules of ``pipeline.lang.kk.morph.context`` (converb before an
auxiliary, participle before punctuation). Baseline: lemma = the longest listed
verb stem that is a prefix of the word (the word itself when none is), UPOS VERB,
features = each feature's most frequent value among KTB dev tokens of the gold UPOS.

    python benchmarks/kk_morphology_ud.py [--show-errors] [--voice-cost rcp=-1] [--markdown]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from pipeline.lang.kk.morph import VerbAnalyser
from pipeline.lang.kk.morph.context import SentenceVerbs

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
KTB = sorted((SHARED / "ud_kazakh_ktb").glob("*.conllu"))
PUUPANKKI = SHARED / "apertium_kaz_texts" / "puupankki.kaz.conllu"
POOLS = ("akorda-random", "kdt", "wikipedia-news")
FEATURES = ("VerbForm", "Tense", "Aspect", "Mood", "Voice", "Polarity", "Person")


def sentences(path: Path):
    """(sent_id, [(form, lemma, upos, feats)]) per sentence; words inside a
    multiword token (қуаныштымын = қуанышты + мын) are skipped: they are no words
    of the text."""
    sid, words, covered = "", [], set()
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line.strip():
            if words:
                yield sid, words
            sid, words, covered = "", [], set()
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0]:
                a, b = cols[0].split("-")
                covered.update(range(int(a), int(b) + 1))
            elif cols[0].isdigit() and int(cols[0]) not in covered:
                feats = dict(kv.split("=", 1) for kv in cols[5].split("|") if "=" in kv)
                words.append((cols[1], cols[2], cols[3], feats))


def tokens(paths: list[Path], in_context: SentenceVerbs):
    """(split, form, lemma, upos, feats, analysis in context) for VERB/AUX words; a
    sentence seen in an earlier file is not counted twice."""
    seen = set()
    for path in paths:
        for sid, words in sentences(path):
            key = " ".join(w[0] for w in words)
            if key in seen:
                continue
            seen.add(key)
            split = "held-out" if sid.startswith(POOLS) else "dev"
            # a gold token may hold a space (оқыған жоқ): its first word is read
            readings = in_context.analyse([w[0].split()[0] for w in words])
            for (form, lemma, upos, feats), reading in zip(words, readings):
                if upos in ("VERB", "AUX"):
                    yield split, form, lemma, upos, feats, reading


class PrefixBaseline:
    def __init__(self, stems):
        self.stems = set(stems)
        self.longest = max(map(len, self.stems))

    def lemma(self, word: str) -> str:
        w = word.lower()
        for n in range(min(len(w), self.longest), 0, -1):
            if w[:n] in self.stems:
                return w[:n]
        return w


def score(rows, predict) -> dict:
    """Per-token comparison; ``predict(row) -> (lemma, upos, feats, covered)``."""
    n = Counter()
    for row in rows:
        _, form, gold_lemma, gold_upos, feats, _ = row
        lemma, upos, pred, covered = predict(row)
        n["tokens"] += 1
        n["covered"] += covered
        n["lemma"] += lemma.lower() == gold_lemma.lower()
        n["upos"] += upos == gold_upos
        all_ok = True
        for f in FEATURES:
            ok = pred.get(f) == feats.get(f)
            n[f] += ok
            all_ok &= ok
        n["all7"] += all_ok
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-errors", action="store_true", help="print dev (non-pool) lemma errors")
    ap.add_argument("--voice-cost", action="append", default=[], help="e.g. rcp=-1: strip reciprocals as KTB does")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    if not KTB or not PUUPANKKI.exists():
        print(f"UD Kazakh-KTB / puupankki not found under {SHARED}")
        return 2
    costs = {k: float(v) for k, v in (c.split("=") for c in args.voice_cost)}
    analyser = VerbAnalyser(voice_costs=costs)
    baseline = PrefixBaseline(analyser.stems)

    in_context = SentenceVerbs(analyser)
    corpora = {"KTB": list(tokens(KTB, in_context)), "puupankki": list(tokens([PUUPANKKI], in_context))}
    majority: dict[str, dict[str, str]] = {}
    for upos in ("VERB", "AUX"):
        dev = [row[4] for row in corpora["KTB"] if row[0] == "dev" and row[3] == upos]
        majority[upos] = {}
        for feat in FEATURES:
            value, _ = Counter(f.get(feat) for f in dev).most_common(1)[0]
            if value is not None:
                majority[upos][feat] = value

    def alone(row):
        best = analyser.best(row[1].split()[0])
        if best is None:
            return row[1].lower(), "VERB", {}, False
        return best.lemma, best.upos, best.feats_dict, True

    def with_context(row):
        best = row[5]
        if best is None:
            return row[1].lower(), "VERB", {}, False
        return best.lemma, best.upos, best.feats_dict, True

    def prefix_majority(row):
        return baseline.lemma(row[1].split()[0]), "VERB", majority[row[3]], True

    methods = (("analyser", alone), ("+ context", with_context), ("baseline", prefix_majority))
    header = ["corpus", "split", "UPOS", "tokens", "method", "coverage", "lemma", "UPOS ok", *FEATURES, "all 7"]
    table = []
    for cname, toks in corpora.items():
        for split in ("dev", "held-out"):
            for upos in ("VERB", "AUX"):
                rows = [r for r in toks if r[0] == split and r[3] == upos]
                if not rows:
                    continue
                t = len(rows)
                for name, predict in methods:
                    r = score(rows, predict)
                    cov = pct(r["covered"], t) if name != "baseline" else "-"
                    table.append([cname, split, upos, str(t), name, cov, pct(r["lemma"], t), pct(r["upos"], t),
                                  *(pct(r[f], t) for f in FEATURES), pct(r["all7"], t)])
    print_table(header, table, args.markdown)

    if args.show_errors:
        errors = Counter()
        for s, form, lemma, upos, feats, _ in corpora["KTB"]:
            if s != "dev":
                continue  # pools are never printed
            got = analyser.best(form.split()[0])
            if got is None or got.lemma != lemma.lower():
                errors[(upos, form.lower(), lemma, got.lemma if got else "-")] += 1
        for (upos, form, gold, got), k in errors.most_common():
            print(f"  {upos} {form}: gold {gold}, got {got} (x{k})")

    words = [w for p in KTB for _, ws in sentences(p) for w, *_ in ws]
    cold = VerbAnalyser(analyser.t, voice_costs=costs)
    start = time.process_time()  # CPU time: the machine may be shared
    for w in words:
        cold.analyse(w)
    elapsed = time.process_time() - start
    print(f"\nthroughput: {len(words) / elapsed:,.0f} words per CPU second over {len(words):,} running "
          f"words ({len(set(words)):,} distinct: {len(set(words)) / elapsed:,.0f}/s; cache cold at start)")
    return 0


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}" if n else "-"


def print_table(header, rows, markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))


if __name__ == "__main__":
    raise SystemExit(main())
