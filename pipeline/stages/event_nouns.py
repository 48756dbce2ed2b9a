"""EventNounExtractor: claims from events written as nouns (lexicon:
``configs/event_nouns_kk.yaml``, docs/kk-event-nouns.md).

"Түркия мен Әзірбайжан арасындағы ынтымақтастық", "Жапонияның инвестициясы", "министрдің
Берлинге сапары", "Кездесу барысында X пен Y ...": a noun of the lexicon, followed only by a
valid nominal ending (сапар-ы, never сапа-сы), gives a claim of its predicate; its parties come
from its phrase or the sentence's subject (:mod:`pipeline.stages.event_noun_parties`).
Polarity and modality read the relation lexicon's words (``емес``, ``жоқ``, ``мүмкін``,
``жоспарлап``, ``-мақ``) and the noun lexicon's conditional ones (``егер``, ``-са``). A claim
the case-frame stage already made in the same sentence, for the same predicate and parties
(or more), is not made again. Claims are weaker than a verb's (``confidence:``).
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import product
from pathlib import Path
from typing import Optional

from ..event_noun_lexicon import EventNoun, load_event_nouns
from ..lang.dates import not_yet
from ..layers import ENTITIES, LINKED_MENTIONS, RELATION_CLAIMS, SENTENCES, SPEECH_CLAIMS, TOKENS
from ..records import AnnotatedDocument, Claim, Evidence
from ..resources import CONFIGS_DIR
from ..spans import SpanIndex
from ..stage import Stage, StageSettings
from ..textview import Argument, SentenceView, sentence_views
from .case_frames import MAX_CLAIMS_PER_TRIGGER
from .case_frames_args import ARGUMENT_LABELS
from .event_noun_parties import PartyReader, SentenceArgs

PARTY_ROLES = ("agent", "recipient", "location")
OPENING_QUOTES, CLOSING_QUOTES = ("«", "“", "„"), ("»", "”")
MAX_NAME_WORDS = 6  # a quoted name is short; a quotation is longer or ends in punctuation


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # default: configs/event_nouns_<language>.yaml


class EventNounExtractor(Stage):
    requires = (TOKENS, SENTENCES, LINKED_MENTIONS, ENTITIES, RELATION_CLAIMS)  # the verbs' claims: no repeats
    optional = (SPEECH_CLAIMS,)  # inside reported words the event is reported, by the speaker
    provides = (RELATION_CLAIMS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack  # what it reads of the language first: a language without it says so
        path = context.resolve(settings.lexicon) if settings.lexicon else CONFIGS_DIR / f"event_nouns_{lang.code}.yaml"
        if not path.is_file():
            raise lang.missing(f"event-noun lexicon ({path})")
        make_reader, self.dates, self.analyser = lang.frame_reader, lang.dates, lang.analyser
        self.nouns, self.lex = load_event_nouns(path)
        self.reader = make_reader(self.lex)
        self.by_stem: dict[str, EventNoun] = {s: noun for noun in self.nouns.nouns for s in noun.stems}
        self._stems = tuple(self.by_stem)
        pol = self.lex.polarity
        self.parties = PartyReader(self.reader, self.lex.coordinators, self.lex.pair_coordinators,
                                   self.lex.between_words, self.nouns.frame_words,
                                   tuple(pol.light_verbs) + tuple(self.lex.event_verbs) + tuple(self.nouns.object_verbs))
        self.conf = self.nouns.confidence
        cond = self.nouns.conditional
        self._if_words, self._if_phrases, self._if_endings = set(cond.words), set(cond.phrases), tuple(cond.verb_endings)
        mod = self.lex.modality
        # sentence-wide modality words, strongest first (a verb's own modality is read first)
        self._modal_words = [("possible", set(mod.possible)), ("intended", set(mod.intended))]
        self._intended = tuple(mod.intended_suffixes)
        self._intended_stems = tuple(self.nouns.intended_stems)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        # the claims already made, by (sentence start, predicate): their parties, and whether an
        # earlier stage (not this one) made them
        made: dict[tuple[int, str], list[tuple[set[str], bool]]] = {}
        for c in doc.claims:
            made.setdefault((c.evidence.start, c.predicate), []).append((_party_ids(c), True))
        said = SpanIndex([c for c in doc.claims if c.predicate == self.lex.speech.predicate and c.content],
                         span=lambda c: (c.content.start, c.content.end))
        new: list[Claim] = []
        for view in sentence_views(doc):
            new += self._sentence(doc, view, made, said)
        return doc.with_layers(claims=list(doc.claims) + new) if new else doc

    def _find(self, view: SentenceView, quoted: set[int]) -> list[tuple[int, EventNoun, bool]]:
        """(token, noun, possessed) of each event noun: a stem and a valid ending, not inside a name
        (a mention, a quoted name, or capitalised inside the sentence: Инвестициялар министрі)."""
        found = []
        opening = next((t.i for t in view.tokens if not t.is_punct), 0)
        for t in view.tokens:
            if not t.lower.startswith(self._stems) or view.mention_at(t.i) or t.i in quoted or (
                    t.i != opening and t.text[:1].isupper()):
                continue
            hits = [(a, self.by_stem[a.stem.lower()]) for a in self.analyser.analyses(t.lower)
                    if a.stem.lower() in self.by_stem]
            if hits:
                found.append((t.i, hits[0][1], any(a.possessive == "p3" for a, _ in hits)))
        return found

    def _sentence(self, doc, view: SentenceView, made, said) -> list[Claim]:
        quoted = _quoted(view)
        hits = self._find(view, quoted)
        if not hits:
            return []
        nouns = {i for i, _, _ in hits}
        args = [self.reader.argument(view, m, nouns) for m in view.mentions
                if m.entity_id and m.label in ARGUMENT_LABELS]
        # a name inside a quoted name («Қазақстан темір жолы» компаниясы) is no party
        args = SentenceArgs(_coordinated_case([a for a in args if not (quoted & set(range(a.first, a.last + 1)))],
                                              view, set(self.lex.pair_coordinators)))
        moods = self._moods(view)
        out: list[Claim] = []
        for n, noun, possessed in hits:
            at = view.tokens[n].start
            speech = next(iter(said.overlapping(at, at + 1)), None)
            out += self._claims(doc, view, args, n, noun, possessed, made, moods, speech)
        return out

    def _claims(self, doc, view, args, n: int, noun: EventNoun, possessed: bool, made, moods, speech) -> list[Claim]:
        predicate = self.lex.predicates[noun.predicate]
        frame = {case: role for case, role in noun.frame.items() if role}
        roles = self.parties.phrase(view, args, n, frame, predicate.symmetric, possessed)
        confidence = self.conf["possessor"]
        if "agent" not in roles:
            used = [a for fillers in roles.values() for a in fillers]
            subject = self.parties.subject(view, args, n, used, frame, predicate.symmetric)
            if not subject:
                return []  # who did it is the point of a claim
            roles = {**roles, **{r: roles.get(r, []) + f for r, f in subject.items()}}
            confidence = self.conf["subject"]
        types = {**predicate.role_types, **noun.role_types}
        roles = {r: [a for a in fillers if self._fits(doc, types.get(r), a)] for r, fillers in roles.items()}
        roles = {r: fillers for r, fillers in roles.items() if fillers and r in PARTY_ROLES}
        if any(r not in roles for r in ("agent", *noun.requires)):
            return []
        polarity = self.reader.polarity(view, (n, n), tuple(noun.stems))
        modality = self._modality(view, n, tuple(noun.stems), moods)
        if speech is not None and modality == "asserted":
            modality = "reported"
        used = [a for fillers in roles.values() for a in fillers]
        first, last = min([a.first for a in used] + [n]), max([a.last for a in used] + [n])
        text = view.span_text(first, last)
        s = view.sentence
        dates = self.dates.find(doc.text, doc.document.date, view.tokens[first].start, view.tokens[last].end)
        event = self.lex.cameo_fields(noun.predicate)
        names = sorted(r for r in roles if r != "agent")
        claims = []
        for agent, fillers in product(roles["agent"], product(*[roles[r] for r in names])):
            filled = {r: a.mention.entity_id for r, a in zip(names, fillers)}
            parties = {agent.mention.entity_id, *filled.values()}
            if len(parties) < 1 + len(filled):
                continue  # a party in two roles (X мен X)
            key = (s.start, noun.predicate)
            # the verb's stage (or another noun) said it already: the same parties, or, where the
            # noun has others than its agent, the same others (the verb read the agent better:
            # «Франция ... келіссөз жүргізбейді», - деді X is France's, not the speaker's)
            others = set(filled.values())
            if any(parties <= other or (earlier and others and others <= other)
                   for other, earlier in made.get(key, [])):
                continue
            made.setdefault(key, []).append((parties, False))
            claims.append(Claim(
                id=f"{doc.document.id}-{noun.predicate}-noun-{view.tokens[n].start}-{len(claims)}",
                predicate=noun.predicate, agent=agent.mention.entity_id, polarity=polarity,
                modality=not_yet(modality, dates[0].date if dates else None, doc.document.date),
                author=speech.agent if speech is not None else None,
                text=text, date=dates[0].value if dates else None,
                evidence=Evidence(start=s.start, end=s.end, exact=doc.text[s.start:s.end]),
                confidence=min(self.conf["max"], confidence + self.conf["per_role"] * len(filled)),
                **event, **filled))
            if len(claims) >= MAX_CLAIMS_PER_TRIGGER:
                break
        return claims

    def _modality(self, view: SentenceView, n: int, stems: tuple[str, ...], moods: "Moods") -> str:
        """The noun's own (its verb group), else its clause's (hypothetical), else the sentence's."""
        return self.reader.modality(view, (n, n), stems) or moods.at(n)

    def _moods(self, view: SentenceView) -> "Moods":
        """Each comma-free stretch's conditional (егер before the noun, a verb in -са after it,
        "... жағдайда" anywhere) and the sentence's modality (мүмкін, жоспарлап, a final -мақ verb)."""
        stretches: list[tuple[int, float, float]] = []  # (start, first "if" word, last conditional verb)
        for t in view.tokens:
            if t.is_punct or not stretches or view.tokens[t.i - 1].is_punct:
                if t.is_punct:
                    continue
                stretches.append((t.i, float("inf"), float("-inf")))
            start, first_if, last_verb = stretches[-1]
            if t.lower in self._if_words:
                first_if = min(first_if, t.i)
            if t.lower in self._if_phrases:
                first_if, last_verb = float("-inf"), float("inf")
            if len(t.lower) > 4 and t.lower.endswith(self._if_endings) and not view.mention_at(t.i):
                last_verb = t.i
            stretches[-1] = (start, first_if, last_verb)
        every = {t.lower for t in view.tokens}
        sentence = next((name for name, entries in self._modal_words if every & entries), None)
        if sentence is None and self._intended_stems and any(w.startswith(self._intended_stems) for w in every):
            sentence = "intended"
        words = [t.lower for t in view.tokens if not t.is_punct]
        if sentence is None and words and len(words[-1]) > 5 and words[-1].endswith(self._intended):
            sentence = "intended"
        return Moods(stretches, sentence or "asserted")

    @staticmethod
    def _fits(doc, allowed, a: Argument) -> bool:
        if not allowed:
            return True
        ent = doc.entity(a.mention.entity_id)
        return ent is not None and ent.type in allowed


def _party_ids(c: Claim) -> set[str]:
    return {getattr(c, r) for r in PARTY_ROLES if getattr(c, r)}


class Moods:
    def __init__(self, stretches: list[tuple[int, float, float]], sentence: str):
        self.stretches, self.starts, self.sentence = stretches, [st[0] for st in stretches], sentence

    def at(self, n: int) -> str:
        k = bisect_right(self.starts, n) - 1
        if k >= 0 and (self.stretches[k][1] < n or self.stretches[k][2] > n):
            return "hypothetical"
        return self.sentence


def _quoted(view: SentenceView) -> set[int]:
    """Tokens of a quoted name: a short quoted stretch of words with no punctuation, not closed
    by a comma or dash as a quotation is («Қазақстан темір жолы» компаниясы)."""
    inside: set[int] = set()
    start = None
    for t in view.tokens:
        if t.text in OPENING_QUOTES:
            start = t.i
        elif t.text in CLOSING_QUOTES and start is not None:
            words = view.tokens[start + 1:t.i]
            after = view.tokens[t.i + 1] if t.i + 1 < len(view) else None
            if 1 < len(words) <= MAX_NAME_WORDS and not any(w.is_punct for w in words) and not (
                    after is None or after.is_punct):
                inside.update(range(start + 1, t.i))
            start = None
    return inside


def _coordinated_case(args: list[Argument], view: SentenceView, pair: set[str]) -> list[Argument]:
    """Kazakh inflects "X мен Y" once, on Y: in "Қазақстан мен Қытайға" both are datives."""
    out = list(args)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        between = {t.lower for t in view.tokens[a.last + 1:b.first]}
        if a.case == "nom" and a.head is None and between and between <= pair and b.case in ("dat", "loc", "ins"):
            out[k] = Argument(a.mention, b.case, a.first, a.last, None)
    return out
