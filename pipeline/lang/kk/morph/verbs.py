"""A rule-based analyser of Kazakh verb forms: lemma, UPOS and UD features.

``analyse(word)`` reads the word from the left: every listed stem that spells a
prefix of it (after the junction rewrites: шығ- is шық, оқи- is оқы) is extended
by voice, negation, a tense/aspect/mood ending and its tail (agreement, or
possessive + case on a verbal noun) as long as the spelling still matches, and
every path that spells the whole word is an analysis. Analyses are ranked by the
costs in the tables (a listed stem before a guessed one, the common reading of a
homograph first), then by how often the stem's forms occur in unlabelled text
(кет- 'leave' before the rare кете-), then by the longer stem.

Stems: ``data/verbs/stems.yaml`` (6,700 verbs from hunspell-kk). Endings:
``data/verbs/endings.yaml``. Closed lists: ``data/verbs/lexicon.yaml``.
"""
from __future__ import annotations

from functools import lru_cache

from .phonology import Phonology
from .tables import Feats, Morph, VerbTables, load_tables
from .verb_records import _ORDER, VerbAnalysis, _apply, _Ctx  # noqa: F401 (VerbAnalysis: public here)

class VerbAnalyser:
    def __init__(self, tables: VerbTables | None = None, stems: list[str] | None = None,
                 voice_costs: dict[str, float] | None = None, reference: bool = False):
        self.reference = reference  # no memo of endings: the slow path tests compare against
        self.t = tables or load_tables()
        self.phon = Phonology(self.t.phonology, self.t.letter_classes)
        self.voice_cost = {v.name: (voice_costs or {}).get(v.name, v.cost) for v in self.t.voices}
        self.stems = frozenset(stems if stems is not None else self.t.stems)
        self._index: dict[str, set[str]] = {}
        for stem in self.stems:
            for key in self.phon.junction_keys(stem):
                self._index.setdefault(key, set()).add(stem)
        for stem in self.t.elided & self.stems:
            self._index.setdefault(self._elide(stem), set()).add(stem)
        self._index.setdefault(self.t.copula_stem, set()).add(self.t.copula_stem)
        self._guess_endings = frozenset(self.t.guess.get("endings", ()))
        self._guess_lengths = sorted({len(e) for e in self._guess_endings})
        self._rank_first = frozenset(v.name for v in self.t.voices if v.rank_first)
        self._tam_by_neg = {
            negated: tuple(m for m in self.t.tam
                           if not (m.neg == "forbid" and negated) and not (m.neg == "require" and not negated))
            for negated in (False, True)
        }
        self._slots = {name: tuple(ms) for name, ms in self.t.slots.items()}
        self._piece_memo: dict[tuple, list] = {}
        self._ending_memo: dict[tuple, list] = {}
        self._voice_memo: dict[tuple, list] = {}
        self.analyse = lru_cache(maxsize=200_000)(self._analyse)

    # -- public -------------------------------------------------------------
    def _analyse(self, word: str) -> tuple[VerbAnalysis, ...]:
        """All verb analyses of ``word``, best first; () when it is no verb form
        of a listed (or verb-shaped) stem."""
        w = word.lower()
        found: dict[tuple, VerbAnalysis] = {}
        for stem in self._candidates(w):
            self._from_stem(w, stem, found, guessed=False)
        if not found:
            for stem in self._guesses(w):
                self._from_stem(w, stem, found, guessed=True)
        return tuple(sorted(found.values(), key=self._rank))

    def _rank(self, a: VerbAnalysis) -> tuple:
        first = not any(m in self._rank_first for m in a.morphs)
        # the last keys only break ties, so that the order never follows the string hashes of
        # the walk's sets (which differ between processes)
        return (a.cost, first, -self.t.stem_counts.get(a.stem, 0), -len(a.stem), len(a.morphs),
                a.stem, a.morphs, a.feats)

    def best(self, word: str) -> VerbAnalysis | None:
        found = self.analyse(word)
        return found[0] if found else None

    def lemma(self, word: str) -> str | None:
        a = self.best(word)
        return a.lemma if a else None

    # -- candidates ---------------------------------------------------------
    def _candidates(self, w: str) -> list[str]:
        out: dict[str, None] = {}
        for i in range(1, len(w) + 1):
            for stem in self._index.get(w[:i], ()):
                out[stem] = None
        return list(out)

    def _guesses(self, w: str) -> list[str]:
        min_base = int(self.t.guess.get("min_base", 3))
        out = []
        lengths = self._guess_lengths
        for i in range(min_base + 1, len(w)):
            for key in {w[:i], *self._devoiced(w[:i])}:
                if any(key[-k:] in self._guess_endings and len(key) - k >= min_base for k in lengths):
                    out.append(key)
        return list(dict.fromkeys(out))

    def _devoiced(self, prefix: str) -> list[str]:
        """Stems that a junction would spell as ``prefix`` (шығ -> шық)."""
        out = []
        for j in self.phon.junctions:
            for lt in j.left_to:
                if lt and lt != j.left and prefix.endswith(lt):
                    out.append(prefix[: len(prefix) - len(lt)] + j.left)
        return out

    def _elide(self, stem: str) -> str:
        return stem[:-2] + stem[-1]

    # -- the walk -----------------------------------------------------------
    def _from_stem(self, w: str, stem: str, found: dict, guessed: bool) -> None:
        base_cost = float(self.t.guess.get("cost", 4)) if guessed else 0.0
        if stem == self.t.copula_stem:
            ctx = _Ctx(w, stem, stem, guessed, self.t.copula_upos)
            self._expand(ctx, stem, tuple(self.t.copula_tam), ("copula",), {}, base_cost, (), found)
            return
        starts = [(stem, False)]
        if stem in self.t.elided:
            starts.append((self._elide(stem), True))  # қорқ- only before a vowel
        for surface0, need_vowel in starts:
            self._voices(w, stem, surface0, need_vowel, base_cost, guessed, found)

    def _voices(self, w, stem, surface0, need_vowel, cost, guessed, found) -> None:
        base = surface0[:-1]
        if self.reference or not w.startswith(base):
            self._voices_walk(w, stem, surface0, need_vowel, cost, guessed, found)
            return
        # Voices and negation, like the ending walk, see only the harmony and the
        # last letters before ``base``'s end: spelled once per such class, then
        # kept where the word goes on as they do (a node the word rejects rejects
        # all its extensions, so filtering keeps the walk's order).
        key = (self.phon.harmony(surface0[:-2]), surface0[-2:], need_vowel, cost)
        table = self._voice_memo.get(key)
        if table is None:
            table = self._voice_memo[key] = self._voice_table(surface0, need_vowel, cost)
        cut = len(base)
        neg_feats, neg_cost = self.t.negation.feats, self.t.negation.cost
        for first, end, lemma_end, vfeats, morphs, c, negs in table:
            if not first and not w.startswith(end[:-1], cut):
                continue
            lemma = stem if lemma_end is None else base + lemma_end
            vowel_first = need_vowel and not morphs
            ctx = _Ctx(w, stem, lemma, guessed, "VERB", vowel_first)
            feats = _apply({}, vfeats)
            self._tam(ctx, base + end, feats, c, morphs, found, negated=False)
            for neg_end in negs:
                if w.startswith(neg_end[:-1], cut):
                    ctx2 = _Ctx(w, stem, lemma, guessed, "VERB")
                    self._tam(ctx2, base + neg_end, _apply(feats, neg_feats), c + neg_cost,
                              morphs + ("negation",), found, negated=True)

    def _voice_table(self, surface0: str, need_vowel: bool, cost: float) -> list[tuple]:
        """``_voices_walk`` for every word: (no voice yet, surface end after ``surface0[:-1]``,
        lemma end or None for the stem, voice features, morphs, cost, negated surface ends)."""
        cut = len(surface0) - 1
        rows = []
        for surface, lemma, vfeats, morphs, c in self._voice_options(None, surface0, None, need_vowel, cost):
            vowel_first = need_vowel and not morphs
            negs = [s[cut:] for piece in self.phon.realise(self.t.negation.form, surface)
                    if not (vowel_first and not self.phon.is_vowel_start(piece))
                    for s in self.phon.join(surface, piece)]
            rows.append((not morphs, surface[cut:], None if lemma is None else lemma[cut:],
                         vfeats, morphs, c, tuple(negs)))
        return rows

    def _voice_options(self, w, surface0, stem, need_vowel, cost) -> list[tuple]:
        """stem, stem+voice, stem+causative+passive: (surface, lemma, features,
        morphs, cost); with ``w`` None, every option, else those ``w`` goes on as."""
        options: list[tuple[str, str, Feats, tuple[str, ...], float]] = [(surface0, stem, (), (), cost)]
        by_name = {v.name: v for v in self.t.voices}
        frontier = [(surface0, stem, (), (), cost, [v.name for v in self.t.voices])]
        while frontier:  # stem, stem+voice, stem+causative+passive
            surface, lemma, vfeats, morphs, c, allowed = frontier.pop()
            for name in allowed:
                v = by_name[name]
                form = next((f for cond, f in v.alternants if cond is None or cond.search(surface)), None)
                if form is None:
                    continue
                for piece in self.phon.realise(form, surface):
                    first = need_vowel and not morphs
                    if first and not self.phon.is_vowel_start(piece):
                        continue
                    for s in ([surface + piece] if first else self.phon.join(surface, piece)):
                        if w is None or w.startswith(s[:-1]):
                            new_lemma = lemma if v.strip else s
                            item = (s, new_lemma, vfeats + v.feats, morphs + (v.name,), c + self.voice_cost[v.name])
                            options.append(item)
                            frontier.append((*item, list(v.then_voice)))
        return options

    def _voices_walk(self, w, stem, surface0, need_vowel, cost, guessed, found) -> None:
        for surface, lemma, vfeats, morphs, c in self._voice_options(w, surface0, stem, need_vowel, cost):
            vowel_first = need_vowel and not morphs  # the elided stem with no voice yet
            ctx = _Ctx(w, stem, lemma, guessed, "VERB", vowel_first)
            feats = _apply({}, vfeats)
            self._tam(ctx, surface, feats, c, morphs, found, negated=False)
            neg = self.t.negation
            for piece in self.phon.realise(neg.form, surface):
                if vowel_first and not self.phon.is_vowel_start(piece):
                    continue
                for s in self.phon.join(surface, piece):
                    if w.startswith(s[:-1]):
                        ctx2 = _Ctx(w, stem, lemma, guessed, "VERB")
                        self._tam(ctx2, s, _apply(feats, neg.feats), c + neg.cost, morphs + ("negation",),
                                  found, negated=True)

    def _tam(self, ctx, surface, feats, cost, morphs, found, negated: bool) -> None:
        prog = self.t.progressive.get(ctx.stem) if not morphs else None
        key = ("tam", negated, prog is not None and ctx.stem)
        endings = self._tam_by_neg[negated] + ((prog,) if prog is not None else ())
        w = ctx.word
        if self.reference or not w.startswith(surface[:-1]):
            self._expand(ctx, surface, endings, key, feats, cost, morphs, found)
            return
        # The endings' walk sees only the harmony and last two letters before the
        # surface's last one (a junction rewrites only that letter), the surface's
        # last two and the word from there on: many words share it (-ған, -ды ...).
        cut = len(surface) - 1
        memo_key = (key, ctx.vowel_first, self.phon.harmony(surface[:-2]), surface[-2:], w[cut:])
        paths = self._ending_memo.get(memo_key)
        if paths is None:
            paths = []  # the morpheme paths the walk records, in its order
            self._expand(ctx, surface, endings, key, {}, 0.0, (), paths)
            self._ending_memo[memo_key] = paths
        for path in paths:  # the same steps _expand takes, so features and costs are identical
            f, c, names = feats, cost, morphs
            for m in path:
                f, c, names = _apply(f, m.feats), c + m.cost, names + (m.name,)
            self._record(ctx, f, c, names, found)

    def _pieces(self, key, morphs: tuple[Morph, ...], surface: str) -> dict[str, list[tuple[str, str, Morph]]]:
        """Every (spelling, spelling minus its first letter, morpheme) of a slot after
        ``surface``, by the second letter of the spelling ("" for one-letter ones);
        memoised on the slot and what realisation depends on."""
        memo_key = (key, self.phon.harmony(surface), surface[-2:])
        hit = self._piece_memo.get(memo_key)
        if hit is None:
            hit = {}
            for m in morphs:
                for p in self.phon.realise(m.form, surface):
                    hit.setdefault(p[1:2], []).append((p, p[1:], m))
            self._piece_memo[memo_key] = hit
        return hit

    def _expand(self, ctx, surface: str, slot: tuple[Morph, ...], key, feats, cost, morphs, found) -> None:
        w = ctx.word
        n = len(surface)
        by_second = self._pieces(key, slot, surface)
        # a junction changes at most the last letter before the piece and the
        # piece's first one: the rest of the piece starts at n or n + 1
        nexts = {w[n:n + 1], w[n + 1:n + 2]}
        items = [it for c in nexts if c for it in by_second.get(c, ())] + by_second.get("", [])
        for piece, tail, m in items:
            if tail and not (w.startswith(tail, n) or w.startswith(tail, n + 1)):
                continue
            if ctx.vowel_first and not self.phon.is_vowel_start(piece):
                continue
            if not piece:
                joined = [surface]
            elif ctx.vowel_first:  # қорқ-ады: the elided stem takes the ending as it is
                joined = [surface + piece]
            else:
                joined = self.phon.join(surface, piece)
            feats2 = None
            for s in joined:
                if len(s) > len(w) + 1 or not w.startswith(s[:-1]):
                    continue
                if feats2 is None:
                    if type(found) is list:  # recording morpheme paths for the memo
                        feats2, cost2, morphs2 = feats, cost, morphs + (m,)
                    else:
                        feats2, cost2, morphs2 = _apply(feats, m.feats), cost + m.cost, morphs + (m.name,)
                if s == w and m.final:
                    self._record(ctx, feats2, cost2, morphs2, found)
                sub = ctx if not ctx.vowel_first else ctx.after_first()
                for name in m.then:
                    self._expand(sub, s, self._slots[name], ("slot", name), feats2, cost2, morphs2, found)

    def _record(self, ctx, feats, cost, morphs, found) -> None:
        if type(found) is list:
            found.append(morphs)
            return
        items = tuple(sorted(feats.items(), key=lambda kv: _ORDER(kv[0])))
        key = (ctx.lemma, items)
        old = found.get(key)
        if old is not None and old.cost <= cost:
            return
        found[key] = VerbAnalysis(
            lemma=ctx.lemma, stem=ctx.stem, upos=ctx.upos, feats=items, morphs=morphs, cost=cost,
            guessed=ctx.guessed, auxiliary=ctx.lemma in self.t.auxiliaries,
        )


@lru_cache(maxsize=None)
def default_verb_analyser() -> VerbAnalyser:
    return VerbAnalyser()


def analyse_verb(word: str) -> tuple[VerbAnalysis, ...]:
    """All verb analyses of ``word`` (best first) with the shipped tables."""
    return default_verb_analyser().analyse(word)
