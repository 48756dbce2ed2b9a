"""Reading arguments, polarity and modality around a trigger (shared by the
speech, role and case-frame stages).

Kazakh marks roles with case endings, but a name often stands before the noun it
belongs to: ``Украина күштерін`` (Ukraine's forces, accusative), ``Қазақстанның
солтүстік өңірлеріне`` (to Kazakhstan's northern regions). The *effective case*
of such a name is the case of its head noun (the next word with a third-person
possessive ending), and an adjective demonym (``солтүстіккореялық әскерлердің``)
takes the case of the noun after it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ...lexicon import Lexicon
from ...records import Mention
from ...textview import Argument, SentenceView, Tok
from .frames_modality import ModalityReader
from .morphology import SuffixAnalyser

HEAD_WINDOW = 4  # words between a name and its head noun, at most
NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ", "PRON", "NUM"})


class Reading(NamedTuple):
    """One reading of a word as a verb: its lemma (the bare stem) and UD features."""

    lemma: str
    feats: dict
    auxiliary: bool = False  # a verb that is an auxiliary after a converb (жат-, отыр-, кел-)


def _feats(morph: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in morph.split("|") if "=" in pair)


class FrameReader(ModalityReader):
    def __init__(self, lexicon: Lexicon, analyser: SuffixAnalyser, place_heads=()):
        self.lex = lexicon
        self.analyser = analyser
        voicing = analyser.voicing
        # "Нұра ауданы аумағында": a place head noun is part of the name, the next head gives the case
        self.place_heads = frozenset(h.lower() for h in place_heads) | frozenset(
            h.lower()[:-1] + voicing.get(h[-1], h[-1]) for h in place_heads)
        self.title_heads = tuple(h.lower() for h in lexicon.roles.title_heads)
        pol = lexicon.polarity
        # the verbs whose negative form negates the trigger: auxiliaries and light verbs
        self._negatable = tuple(pol.auxiliaries) + tuple(pol.light_verbs)
        # refusals as (whole words, stem of the last): "бас тарт" -> (("бас",), "тарт")
        self._refusals = [(tuple(p.split()[:-1]), p.split()[-1]) for p in pol.refusals]
        self._verb_readings = lru_cache(maxsize=100_000)(self._analyse_verb)
        self.layer_case = False  # a stage that declares the morphology layer may read Case from it

    # -- verbs by lemma ---------------------------------------------------------
    def verb_readings(self, tok: Tok) -> tuple[Reading, ...]:
        """The word's readings as a verb, best first: the morphology layer's reading in context
        where it reads a verb, then the verb analyser's equally good others (алмасты: алмас- or
        ал-). A word the layer reads as no verb keeps the analyser's readings: the layer's
        tagger misses some converbs (бере алмайды)."""
        found = self._verb_readings(tok.lower)
        if tok.lemma is None or tok.pos not in ("VERB", "AUX"):
            return found
        auxiliary = tok.pos == "AUX" or any(r.auxiliary for r in found if r.lemma == tok.lemma)
        return (Reading(tok.lemma, _feats(tok.morph or ""), auxiliary),) + tuple(
            r for r in found if r.lemma != tok.lemma)

    @staticmethod
    def _analyse_verb(word: str) -> tuple[Reading, ...]:
        from .morph import default_verb_analyser  # loaded on the first verb trigger

        found = default_verb_analyser().analyse(word)
        # the best readings only (келісті: келіс- 'agree', not кел- 'come' + reciprocal); equally
        # good ones all stay (алмасты: алмас- 'exchange' or ал- 'take')
        best = min((a.cost for a in found), default=0.0)
        return tuple(Reading(a.lemma, a.feats_dict, a.auxiliary) for a in found if a.cost <= best)

    # -- arguments ------------------------------------------------------------
    def argument(self, view: SentenceView, m: Mention, triggers: set[int] = frozenset()) -> Argument:
        first, last = view.token_range(m)
        case = m.case or "nom"
        if m.label == "NORP":
            # an adjective: the noun after it carries the case (солтүстіккореялық әскерлердің)
            if last + 1 < len(view) and not view.mention_at(last + 1) and not view.tokens[last + 1].is_punct:
                return Argument(m, self.case_of(view.tokens[last + 1], possessive=False), first, last, last + 1)
            nxt = last + 1 + (last + 1 < len(view) and view.tokens[last + 1].text in ("«", '"', "“"))
            if nxt < len(view) and view.mention_at(nxt) and view.mention_at(nxt) is not m:
                return Argument(m, "embedded", first, last, nxt)  # ресейлік «КПРФ»: it modifies a name
            return Argument(m, case, first, last, None)
        if case not in ("nom", "gen"):
            return self._postposition(view, Argument(m, case, first, last, None))
        # a title after a person's name is someone else's (Назарбаев Президент көмекшісін қабылдады)
        title = self._title_after(view, m, last) if m.label != "PERSON" else None
        if title is not None:
            case_of_title = self.case_of(view.tokens[title])
            if case_of_title in ("dat", "abl", "ins") and not (title + 1 < len(view) and view.mention_at(title + 1)):
                # "Ресей өкілдерімен кездесті", "Ресей президентіне": an inflected title with no
                # name after it stands for its possessor, in the title's case
                return self._postposition(view, Argument(m, case_of_title, first, last, title))
            return Argument(m, "title", first, last, title)
        # a bare (nominative) name stands right before its head (Украина күштерін);
        # a genitive one may have adjectives between (Қазақстанның солтүстік өңірлеріне)
        # a person is a possessor in the genitive only (Әлиеваның): "Әлиева жиында" is Әлиева, at the meeting
        reach = HEAD_WINDOW if case == "gen" else (0 if m.label == "PERSON" else 1)
        k = last + 1
        while k < len(view) and view.tokens[k].text in ("»", "”", '"'):
            k += 1  # «РИА» агенттігіне
        end = min(len(view), k + reach)
        while k < end:
            tok = view.tokens[k]
            if tok.is_punct or (view.mention_at(k) and view.mention_at(k) is not m) or tok.text[:1].isdigit():
                break
            if tok.lower in self.lex.postpositions.get(case, ()):
                return Argument(m, "post", first, last, None)  # Омбы үшін: a postposition, not a head (үш-ін)
            if tok.lower in self.lex.not_heads:
                k += 1
                continue  # бүгін, басты: words that look possessed and head no name
            if k in triggers:
                return Argument(m, "gen" if case == "gen" else case, first, last, k)
            if self.is_title(tok.text):
                if m.label == "PERSON":
                    if case == "gen" and any(a.possessive == "p3" for a in self.analyser.analyses(tok.lower)):
                        # "Тоқаевтың кеңесшісі", "X-тің басшылығымен": the possessor of someone's post
                        # or of a leadership is no party of the clause's event
                        return Argument(m, "embedded", first, last, k)
                    break
                return Argument(m, "title", first, last, k)
            analyses = self.analyser.analyses(tok.lower)
            heads = [a for a in analyses if a.possessive == "p3" and len(a.stem) > 1]
            if any(a.attributive for a in analyses if len(a.stem) > 1) or (
                    heads and heads[0].case == "nom" and any(a.stem in self.place_heads for a in heads)):
                # айындағы, арасындағы: modifies a later word; "Нұра ауданы аумағында": the
                # place's own head noun, the next one gives the case
                end = min(len(view), end + (1 if not any(a.attributive for a in analyses) else 0))
                k += 1
                continue
            if heads:
                head_case = heads[0].case
                after = view.mention_at(k + 1) if k + 1 < len(view) else None
                if after is not None and after.label == "PERSON":
                    # "Тұрлыбайдың анасы Зухра ...": the head names the person after it
                    return Argument(m, "embedded", first, last, k)
                # "Мәжілісінің фракциясы жетекшілерімен": a chain of possessed nouns, the last gives the case
                while head_case == "nom" and k + 1 < len(view) and not view.mention_at(k + 1) \
                        and view.tokens[k + 1].text[:1].islower():
                    chained = [a for a in self.analyser.analyses(view.tokens[k + 1].lower)
                               if a.possessive == "p3" and len(a.stem) > 2 and not a.attributive]
                    if not chained:
                        break
                    k, head_case = k + 1, chained[0].case
                # a possessor of a possessor (Корея әскерлерінің ерлігі) fills no role itself
                return self._postposition(view, Argument(m, "embedded" if head_case == "gen" else head_case,
                                                         first, last, k))
            k += 1
        return self._postposition(view, Argument(m, case, first, last, None))

    def _title_after(self, view: SentenceView, m: Mention, last: int) -> int | None:
        """A title head among the next words (Қазақстан Сыртқы істер министрі)."""
        for k in range(last + 1, min(len(view), last + 1 + self.lex.roles.max_title_words)):
            tok = view.tokens[k]
            if tok.is_punct or (view.mention_at(k) and view.mention_at(k) is not m):
                return None
            if self.is_title(tok.text):
                return k
        return None

    def _postposition(self, view: SentenceView, a: Argument) -> Argument:
        end = a.head if a.head is not None else a.last
        if end + 1 < len(view):
            nxt = view.tokens[end + 1].lower
            if nxt in self.lex.postpositions.get(a.case, ()):
                return Argument(a.mention, "post", a.first, a.last, a.head)
        return a

    def case_of(self, word: str | Tok, possessive: bool = True) -> str:
        """The case of a word (nominative when none reads): a word of the sentence (a Tok) as the
        morphology layer reads it in context where this reader reads the layer (``layer_case``),
        else as the suffix analyser reads it alone."""
        if isinstance(word, Tok):
            if self.layer_case and word.morph is not None and word.pos in NOMINAL_POS:
                feats = _feats(word.morph)
                if possessive or "Person[psor]" not in feats:
                    return feats.get("Case", "Nom").lower()
            word = word.text
        for a in self.analyser.analyses(word.lower()):
            if len(a.stem) > 1 and (possessive or not a.possessive):
                return a.case
        return "nom"

    def is_title(self, word: str) -> bool:
        low = word.lower()
        return any(low.startswith(h) for h in self.title_heads)

    # -- the verb group after a trigger ---------------------------------------
    def verb_group(self, view: SentenceView, last: int, limit: int = 3) -> list[int]:
        out = []
        for k in range(last + 1, min(len(view), last + 1 + limit)):
            if view.tokens[k].is_punct or view.mention_at(k):
                break
            out.append(k)
        return out

    def polarity(self, view: SentenceView, trigger: tuple[int, int], stems: tuple[str, ...]) -> str:
        pol = self.lex.polarity
        last_tok = view.tokens[trigger[1]].lower
        endings = tuple(pol.negative_endings)
        if self._negative_after(last_tok, stems) and not last_tok.endswith(tuple(pol.not_negative)):
            return "negated"
        refused = self._refusal(view, trigger)
        if refused is not None:
            return refused
        # the trigger's light verb negated in any form, a reported one too (шабуыл жаса-ма-ғанын)
        for k in self.verb_group(view, trigger[1]):
            word = view.tokens[k].lower
            if (word in pol.negators or self._negative_after(word, self._negatable)
                    or (len(word) > 5 and word.endswith(endings))):
                return "negated"
        return "affirmed"

    def _refusal(self, view: SentenceView, trigger: tuple[int, int]) -> str | None:
        """A refusal or denial in the verb group after the trigger: the act is negated,
        unless the refusal itself is (бас тарт-па-ды); None when there is none."""
        words = tuple(view.tokens[k].lower for k in self.verb_group(view, trigger[1]))
        for whole, stem in self._refusals:
            for i in range(len(words) - len(whole)):
                if words[i:i + len(whole)] == whole and words[i + len(whole)].startswith(stem):
                    return "affirmed" if self._negative_after(words[i + len(whole)], (stem,)) else "negated"
        return None

    def passive(self, view: SentenceView, trigger: tuple[int, int], stems: tuple[str, ...]) -> bool:
        """The trigger's verb in the passive (шабуыл жаса-л-ды, көмек көрсет-іл-ді): who did
        it is not its subject."""
        pol = self.lex.polarity
        infixes, endings = tuple(pol.passive_infixes), tuple(pol.passive_endings)

        def passive_form(word: str, verb_stems) -> bool:
            return any(word.startswith(stem) and any(
                word[len(stem):].startswith(p) and word[len(stem) + len(p):].startswith(endings) for p in infixes)
                for stem in verb_stems if len(word) > len(stem))

        if passive_form(view.tokens[trigger[1]].lower, stems):
            return True
        nxt = trigger[1] + 1  # a one-word noun trigger and its light verb: шабуыл | жаса-л-ды
        return trigger[0] == trigger[1] and nxt < len(view) and passive_form(view.tokens[nxt].lower, pol.light_verbs)

    def _negative_after(self, word: str, stems: tuple[str, ...]) -> bool:
        mod = self.lex.modality
        for stem in stems:
            if word.startswith(stem) and len(word) > len(stem):
                rest = word[len(stem):]
                if rest.startswith(tuple(mod.intended_suffixes)):
                    return False
                negative = tuple(self.lex.polarity.negative_infixes)
                if any(rest.startswith(p) and rest[len(p):].startswith(negative)
                       for p in ("", *self.lex.polarity.passive_infixes)):
                    return True
        return False
