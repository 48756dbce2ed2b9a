"""Words per second of the Russian pipeline next to the Kazakh one, on this machine.

Russian: the texts of corpora/gold/claims_ru*.yaml and corpora/sample_ru; Kazakh:
the texts of corpora/gold/claims_kk.yaml and the shared sample article (when
../shared is there). Each set is repeated to about --words words, run through
``claimgraph run`` in this process (one worker, models loaded before the clock
starts; one warm-up document each).

With ``--baseline DIR`` (another checkout, e.g. ``git archive main | tar -x -C DIR``) it
measures the Russian pipeline of both side by side instead, each in its own process,
alternating for ``--rounds`` rounds (the best of each counts: a shared machine only slows
a run down), and prints the ratio.

    python benchmarks/russian_throughput.py [--words 20000] [--baseline DIR --rounds 3]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's pipeline, not an installed one
SAMPLE = REPO.parent / "shared" / "corpora" / "000_f722416dd5b1ba88.txt"


def texts(language: str) -> list[str]:
    gold = sorted((REPO / "corpora" / "gold").glob(f"claims_{language}*.yaml"))
    out = [d["text"] for g in gold for d in yaml.safe_load(g.read_text(encoding="utf-8"))["documents"] if d.get("text")]
    extra = sorted((REPO / "corpora" / "sample_ru").glob("*.txt")) if language == "ru" else (
        [SAMPLE] if SAMPLE.exists() else [])
    out += [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in extra]
    return out


def measure(config: str, language: str, words_wanted: int) -> dict:
    import pipeline
    from pipeline.run import run

    pool = texts(language)
    nlp = pipeline.load(config)
    nlp.process(pool[0])  # warm-up: models loaded, caches primed
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        words = n = 0
        while words < words_wanted:
            t = pool[n % len(pool)]
            (src / f"{n:05d}.txt").write_text(t, encoding="utf-8")
            words += len(t.split())
            n += 1
        started = time.perf_counter()
        summary = run([src], Path(tmp) / "out", nlp)
        seconds = time.perf_counter() - started
    return {"language": language, "config": config, "documents": summary.documents, "words": words,
            "seconds": round(seconds, 2), "words_per_second": round(words / seconds), "errors": summary.errors}


def measure_in(checkout: Path, words: int) -> dict:
    """The Russian pipeline of ``checkout`` measured by its own copy of this file, in a fresh process."""
    code = ("import json, sys; sys.path.insert(0, 'benchmarks'); import russian_throughput as b; "
            f"print(json.dumps(b.measure('configs/russian.yaml', 'ru', {words})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=checkout, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def side_by_side(baseline: Path, words: int, rounds: int) -> None:
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for name, checkout in (("baseline", baseline), ("this checkout", REPO)):
            r = measure_in(checkout, words)
            print(json.dumps({"checkout": name, **r}, ensure_ascii=False), flush=True)
            if name not in best or r["words_per_second"] > best[name]["words_per_second"]:
                best[name] = r
    ratio = best["this checkout"]["words_per_second"] / best["baseline"]["words_per_second"]
    print(json.dumps({"best_words_per_second": {k: v["words_per_second"] for k, v in best.items()},
                      "ratio": round(ratio, 3)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=20000)
    ap.add_argument("--baseline", type=Path, help="another checkout to compare the Russian pipeline with")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.baseline:
        side_by_side(args.baseline.resolve(), args.words, args.rounds)
        return
    for config, language in (("configs/default.yaml", "kk"), ("configs/russian.yaml", "ru")):
        print(json.dumps(measure(str(REPO / config), language, args.words), ensure_ascii=False))


if __name__ == "__main__":
    main()
