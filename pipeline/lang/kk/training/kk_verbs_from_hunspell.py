"""Regenerate ``pipeline/lang/kk/data/verbs/stems.yaml`` from Debian's hunspell-kk.

    apt-get install hunspell-kk
    python -m pipeline.lang.kk.training.kk_verbs_from_hunspell [--dic /usr/share/hunspell/kk_KZ.dic]
        [--corpus FILE ...] [-o pipeline/lang/kk/data/verbs/stems.yaml]

Which entries are verbs: the .aff's suffix flags whose every rule strips the
infinitive ending (-у / -ю) are verb flags; an entry carrying one is a verb,
listed as its infinitive (кездесу, шығу, оқу, тию).

Infinitive -> stem: drop -у (a voiced final returns to its stem form: шығу -> шық,
табу -> тап); -ю writes й+у (азаю -> азай) or и+у (тию -> ти). The spelling hides
two stem shapes, which the corpus decides: оқу is оқы- (оқыды, оқиды), not оқ-;
қорқу is қорық- (қорықты) with its vowel dropped before a vowel (қорқады). Each
shape is tried by the analyser on the corpus word forms; a shape that alone
explains enough of them is kept (both, when both do: еру is ер- 'follow' and ері-
'melt'), else hunspell's own. Three-letter entries such as кеу, қау give stems
(ке-, қа-) that nouns' forms would fake (кеме, қауым): they need finite forms in
the corpus. The corpus also gives each stem a count, which ranks homographs.
Corpora: unlabelled Kazakh text that is no evaluation pool (default: KazQAD
passages, KazNERD valid, the Apertium Wikipedia raw texts under ../shared).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from pipeline.lang.kk.morph.phonology import Phonology
from pipeline.lang.kk.morph.tables import load_tables
from pipeline.lang.kk.morph.verbs import VerbAnalyser

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "pipeline" / "lang" / "kk" / "data" / "verbs" / "stems.yaml"
SHARED = ROOT.parent / "shared" / "corpora"
DEFAULT_CORPORA = [SHARED / "kazqad" / "passages_val.txt", SHARED / "kaznerd" / "IOB2_valid.txt",
                   *sorted((SHARED / "apertium_kaz_texts" / "wikipedia_raw").glob("*.txt"))]
# endings that spell a consonant stem and a high-vowel stem differently (алды / алыды)
DIAGNOSTIC = {"past", "present", "participle_past", "participle_hab", "conditional", "negation",
              "converb_a", "optative_3", "agent", "gerund"}

CORE = {"past", "present", "converb_p"}

HEADER = """\
# Kazakh verb stems for the verb analyser (pipeline/lang/kk/morph/), one a line.
# Derived from hunspell-kk {version} (Debian package; kk_KZ.dic / kk_KZ.aff):
#   Copyright 2009 Akmaral Mussayeva, László Németh, Rail Aliev.
#   Licence: GPL-2+ or LGPL-2.1+ or MPL-1.1+ (this derived list keeps that licence).
# Regenerate: python -m pipeline.lang.kk.training.kk_verbs_from_hunspell
# Each stem is followed by the number of corpus tokens its forms spell (ranks
# homographs: кетеді is кет- 'leave' before the rare кете-).
# {n} stems from {m} infinitives (a spelling may hide two verbs: еру -> ер-, ері-).
# `elided`: stems whose last vowel drops before a vowel ending (қорық -> қорқады).
"""


def infinitive_endings(t) -> set[str]:
    """The letters an infinitive ends in: the gerund's ending and what junctions
    make of it (ти-у -> тию)."""
    gerund = next(m.form for m in t.tam if m.name == "gerund")
    ends = {gerund[-1]}
    ends |= {j["right_to"][-1] for j in t.phonology["junctions"] if j.get("right_to") and j["right"] == gerund}
    return ends


def parse_aff(path: Path, endings: set[str]) -> set[str]:
    """The suffix flags whose every rule strips an infinitive ending (verb flags)."""
    strips: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            strips.setdefault(parts[1], set()).add(parts[2][-1:])
    return {flag for flag, ends in strips.items() if ends and ends <= endings}


def infinitives(dic: Path, verb_flags: set[str], endings: set[str]) -> list[str]:
    out = []
    for line in dic.read_text(encoding="utf-8-sig").splitlines()[1:]:
        word, _, flags = line.strip().partition("/")
        if flags and set(flags) & verb_flags and word[-1:] in endings and len(word) >= 3:
            out.append(word.lower())
    return list(dict.fromkeys(out))


def shape_candidates(inf: str, phon: Phonology) -> list[tuple[str, bool]]:
    """(stem, elided) shapes an infinitive may spell, hunspell's reading first:
    the stem with a voiced final undone (шығ- -> шық), the bare stem, a stem in a
    high vowel (оқ- -> оқы), a stem whose vowel was dropped (қорқ- -> қорық), a
    stem in the glide a junction merged (азаю -> азай)."""
    x = inf[:-1]
    out: list[tuple[str, bool]] = []
    for j in phon.junctions:
        for lt in j.left_to:
            if lt and x.endswith(lt) and j.right.match(inf[-1]):
                out.append((x[: -len(lt)] + j.left, False))  # шығ(у) -> шық
        if j.right_to == inf[-1]:
            out.append((x + j.left, False))  # аза(ю) -> азай
    out.append((x, False))
    for high in phon.realise("Y", x):
        out.append((x + high, False))
        if len(x) >= 3 and phon.class_of.get(x[-2]) != "vowel" and phon.class_of.get(x[-1]) != "vowel":
            out.append((x[:-1] + high + x[-1], True))
    vowels = set(phon.back | phon.front | set(phon.neutral))
    return [(s, e) for s, e in dict.fromkeys(out) if len(s) >= 2 and vowels & set(s)]


def valid_shapes(groups: dict[str, list[tuple[str, bool]]], t) -> dict[str, list[tuple[str, bool]]]:
    """Keep the shapes whose gerund the analyser spells as the infinitive."""
    shapes = {s for g in groups.values() for s, _ in g}
    elided = frozenset(s for g in groups.values() for s, e in g if e)
    analyser = VerbAnalyser(replace(t, elided=elided), stems=sorted(shapes))
    out = {}
    for inf, cands in groups.items():
        ok = {(a.stem) for a in analyser.analyse(inf) if a.morphs == ("gerund",)}
        kept = [c for c in cands if c[0] in ok and (not c[1] or _needs_elision(c[0], inf))]
        if kept:
            out[inf] = kept
    return out


def _needs_elision(stem: str, inf: str) -> bool:
    return not inf.startswith(stem)


def corpus_counts(paths: list[Path]) -> Counter:
    counts: Counter = Counter()
    for p in paths:
        if p.exists():
            counts.update(re.findall(r"[^\W\d_]+", p.read_text(encoding="utf-8").lower()))
    return counts


def choose(groups: dict[str, list[tuple[str, bool]]], counts: Counter, t,
           min_alone: int = 3, min_core: int = 3) -> dict[str, list[tuple[str, bool]]]:
    """Per infinitive, the stem shapes the corpus supports; hunspell's reading when
    none is. A shape is supported by word forms that no rival shape explains (only
    endings that spell the shapes apart, without voice): at least ``min_alone``
    tokens, and for a shape other than hunspell's, at least two different endings
    (a noun's case ending often looks like one verb ending: атқа, айына). A shape
    is elided (қорық -> қорқ-) only where such a form shows the dropped vowel.
    A two-letter stem in a vowel (деу -> де-) needs ``min_core`` tokens of finite
    or -ып forms (деді, деп)."""
    all_shapes = {s for shapes in groups.values() for s, _ in shapes}
    elided = frozenset(s for shapes in groups.values() for s, e in shapes if e)
    analyser = VerbAnalyser(replace(t, elided=elided), stems=sorted(all_shapes))
    voices = {v.name for v in t.voices}
    # (stem, stems explaining the form) -> tokens, endings seen, tokens showing elision
    tokens: Counter = Counter()
    endings: dict[tuple, set[str]] = {}
    elision: Counter = Counter()
    core: Counter = Counter()  # tokens of a finite verb or the -ып converb
    for form, n in counts.items():
        found = [a for a in analyser.analyse(form)
                 if set(a.morphs) & DIAGNOSTIC and not set(a.morphs) & voices and not a.guessed]
        used = frozenset(a.stem for a in found)
        for a in found:
            key = (a.stem, used)
            tokens[key] += n
            endings.setdefault(key, set()).update(m for m in a.morphs if m in DIAGNOSTIC)
            if set(a.morphs) & CORE:
                core[key] += n
            if a.stem in elided and form.startswith(a.stem[:-2] + a.stem[-1]) and not form.startswith(a.stem[:-1]):
                elision[key] += n  # қорқ-амыз shows the dropped vowel; толығ-ады does not
    vowels = t.letter_classes["vowel"]
    chosen = {}
    for inf, shapes in groups.items():
        rivals = {s for s, _ in shapes}
        keys = {s: [k for k in tokens if k[0] == s and not (k[1] - {s}) & rivals] for s in rivals}
        kept = []
        for i, (s, is_elided) in enumerate(shapes):
            alone = sum(tokens[k] for k in keys[s])
            kinds = set().union(*(endings[k] for k in keys[s])) if keys[s] else set()
            # hunspell's reading needs no support, unless it is a two-letter stem in a
            # vowel: кеу, қау would make ке-, қа- out of кел-, қал- (кеме, қауым look
            # like their forms)
            short_cv = len(s) <= 2 and s[-1] in vowels
            if short_cv and sum(core[k] for k in keys[s]) < min_core:
                continue
            if (i == 0 and not short_cv) or (alone >= min_alone and len(kinds) >= 2):
                # no dropped vowel in the corpus: the stem without elision (ауыр-ып)
                kept.append((s, is_elided and bool(sum(elision[k] for k in keys[s]))))
        first = shapes[0]
        first_alone = sum(tokens[k] for k in keys[first[0]])
        first_short_cv = len(first[0]) <= 2 and first[0][-1] in vowels
        if not first_short_cv and (not kept or (first_alone and first not in kept)):
            kept = [first] + kept
        if kept:
            chosen[inf] = list(dict.fromkeys(kept))
    return chosen


def stem_frequencies(stems: list[str], elided: list[str], counts: Counter, t) -> Counter:
    """Corpus tokens that each stem's forms spell without voice (келді counts for
    кел-, not for ке- + passive)."""
    voices = {v.name for v in t.voices}
    analyser = VerbAnalyser(replace(t, elided=frozenset(elided)), stems=stems)
    freq: Counter = Counter({s: 0 for s in stems})
    for form, n in counts.items():
        for stem in {a.stem for a in analyser.analyse(form) if not a.guessed and not set(a.morphs) & voices}:
            if stem in freq:
                freq[stem] += n
    return freq


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dic", default="/usr/share/hunspell/kk_KZ.dic")
    ap.add_argument("--corpus", nargs="*", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    dic = Path(args.dic)
    if not dic.exists():
        print(f"{dic}: not found (apt-get install hunspell-kk)", file=sys.stderr)
        return 2
    t = load_tables(stems=None)  # the endings; the stems are what this makes
    phon = Phonology(t.phonology, t.letter_classes)
    endings = infinitive_endings(t)
    infs = infinitives(dic, parse_aff(dic.with_suffix(".aff"), endings), endings)
    listed = set(infs)
    # сау next to сауу: the shorter entry is the stem сау-, listed again
    infs = [inf for inf in infs if inf + inf[-1] not in listed]
    groups = valid_shapes({inf: shape_candidates(inf, phon) for inf in infs}, t)
    print(f"{len(infs)} infinitives, {len(groups)} with a stem the analyser spells back", file=sys.stderr)
    counts = corpus_counts(args.corpus)
    chosen = choose(groups, counts, t)
    stems = sorted({s for shapes in chosen.values() for s, _ in shapes})
    dropped = len(groups) - len(chosen)
    elided = sorted({s for shapes in chosen.values() for s, e in shapes if e})
    freq = stem_frequencies(stems, elided, counts, t)
    version = _package_version()
    text = HEADER.format(version=version, n=len(stems), m=len(infs))
    text += f"source: {{package: hunspell-kk, version: '{version}', licence: GPL-2+ or LGPL-2.1+ or MPL-1.1+}}\n"
    text += "elided: |\n" + "".join(f"  {s}\n" for s in elided)
    text += "stems: |\n" + "".join(f"  {s} {freq[s]}\n" for s in stems)
    args.output.write_text(text, encoding="utf-8")
    changed = sum(1 for inf, shapes in groups.items() if inf in chosen and chosen[inf] != shapes[:1])
    print(f"{args.output}: {len(stems)} stems ({len(elided)} elided) from {len(infs)} infinitives; "
          f"{changed} shapes decided by the corpus, {dropped} entries without a supported stem dropped")
    return 0


def _package_version() -> str:
    status = Path("/var/lib/dpkg/status")
    if status.exists():
        m = re.search(r"Package: hunspell-kk\n(?:.+\n)*?Version: (\S+)", status.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
    return "unknown"


if __name__ == "__main__":
    sys.exit(main())
