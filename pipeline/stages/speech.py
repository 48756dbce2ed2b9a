"""SpeechAttributor: who said what (predicate ``say``).

Three Kazakh constructions (words from the lexicon's ``speech`` section):
- a quotation and a speech verb: ``Песков: «...» - деді.``, ``Путин Кимге: «...», - деді.``
  (speaker: the subject before the quote; addressee: a dative before it);
- "according to": ``Песковтың айтуынша, ...``, ``Оның сөзінше: «...»`` (a possessive
  pronoun points at the last speaker);
- a reported clause: ``Песков ... орналасқанын мәлімдеді`` (the words between the
  speaker and the verb), and passives with ``X тарапынан``;
- in a statement: ``X тарапынан жасалған мәлімдемеде, ...``, ``X-тың мәлімдемесінде ...``
  (the rest of the sentence is what X said).
A sentence with no speaker of its own continues the last one. The claim's
``content`` gives the offsets of the reported words, for the relation stage.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..lexicon import load_lexicon
from ..layers import ENTITIES, SENTENCES, SPEECH_CLAIMS
from ..records import AnnotatedDocument, Claim, Evidence
from ..stage import Stage, StageSettings
from ..textview import SentenceView, sentence_views

SPEAKER_LABELS = {"PERSON", "ORG", "COUNTRY"}
STRIP = " ,:;—–-\"«»"


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own
    continue_speaker: bool = True  # a speech verb with no subject continues the last speaker


class SpeechAttributor(Stage):
    requires = (SENTENCES, ENTITIES)
    provides = (SPEECH_CLAIMS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.lex = load_lexicon(context.lexicon(settings.lexicon))
        self.sp = self.lex.speech
        self.reader = context.language_pack.frame_reader(self.lex)
        self.verbs = self.sp.verb_patterns()
        self.relation_triggers = [pattern for _, pattern in self.lex.trigger_patterns()]
        self.dates = context.language_pack.dates

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        claims = list(doc.claims)
        last_speaker: str | None = None
        last_subject: str | None = None  # the last person who was a sentence's subject
        for view in sentence_views(doc):
            found = (self._according_to(view, last_speaker) or self._in_statement(view)
                     or self._speech_verb(view, last_speaker, last_subject))
            last_subject = self._person_subject(view) or last_subject
            if not found:
                continue
            speaker, recipient, content, confidence, construction = found
            if speaker is None:
                continue
            last_speaker = speaker
            s = view.sentence
            outside = [d for d in self.dates.find(doc.text, doc.document.date, s.start, s.end)
                       if not (content[0] <= d.start < content[1])]  # when it was said, not what about
            claims.append(Claim(
                id=f"{doc.document.id}-say-{s.start}", predicate=self.sp.predicate, agent=speaker,
                recipient=recipient, text=doc.text[content[0]:content[1]],
                evidence=Evidence(start=s.start, end=s.end, exact=doc.text[s.start:s.end]),
                content=Evidence(start=content[0], end=content[1], exact=doc.text[content[0]:content[1]]),
                confidence=confidence, construction=construction, date=outside[0].value if outside else None,
                **self.lex.cameo_fields(self.sp.predicate),
            ))
        return doc.with_layers(claims=claims)

    # -- find ---------------------------------------------------------------
    def _according_to(self, view: SentenceView, last_speaker):
        for k, tok in enumerate(view.tokens):
            if tok.lower not in self.sp.according_to or k == 0:
                continue
            prev = view.mention_at(k - 1)
            if prev is None and self._possessed_head(view.tokens[k - 1].text, "gen"):
                # "Reuters агенттігінің хабарлауынша", "Ақорданың баспасөз қызметінің хабарлауынша"
                j = k - 2
                while j >= 0 and k - 1 - j < 3 and not view.mention_at(j) and view.tokens[j].text[:1].islower():
                    j -= 1
                prev = view.mention_at(j) if j >= 0 else None
            if prev and prev.label in SPEAKER_LABELS and prev.entity_id:
                speaker, conf = prev.entity_id, 0.8
            elif view.tokens[k - 1].lower in self.sp.pronouns and last_speaker:
                speaker, conf = last_speaker, 0.6
            else:
                continue
            quote = _quote_after(view, k + 1)
            content = quote or self._rest(view, k + 1)
            if content is None:  # "... мамандарының мәліметінше." with nothing after: nothing said
                continue
            return speaker, None, content, conf, "according_to"
        return None

    def _in_statement(self, view: SentenceView):
        """``X тарапынан жасалған мәлімдемеде, ...`` / ``X-тың мәлімдемесінде ...``."""
        nouns = self.sp.statement_nouns
        for k, tok in enumerate(view.tokens):
            if k == 0 or _in_quote(view, k) or not any(
                    a.case == "loc" and a.stem.lower() in nouns for a in self.reader.analyser.analyses(tok.text)):
                continue
            for m in reversed(view.mentions):
                mf, ml = view.token_range(m)
                if ml >= k or m.label not in SPEAKER_LABELS or not m.entity_id:
                    continue
                after = view.tokens[ml + 1].lower if ml + 1 < len(view) else ""
                by_marker = after in self.sp.agent_markers and k - ml <= 3  # тарапынан (жасалған)
                possessor = ml == k - 1 and m.case == "gen"  # БҰҰ-ның мәлімдемесінде
                if by_marker or possessor:
                    last = len(view) - 1
                    while last > k and view.tokens[last].is_punct:
                        last -= 1
                    # "... деп айтылды", "... делінген": the speech verb closing it is not content
                    ends = [a for a, b in view.find_all(self.verbs) if b == last and a > k + 1]
                    content = self._span(view, k + 1, (min(ends) - 1) if ends else last)
                    return (m.entity_id, None, content, 0.7, "statement") if content else None
                break  # only the nearest name before the noun
        return None

    def _speaker_after_verb(self, view: SentenceView, verb_last: int) -> str | None:
        """The name that closes the sentence after the speech verb, perhaps after its
        title (- деп мәлімдеді компания басшысы Меиржан Юсупов)."""
        k = verb_last + 1
        while (k < len(view) and k - verb_last <= self.lex.roles.max_title_words and not view.mention_at(k)
               and view.tokens[k].text[:1].islower()):
            k += 1
        m = view.mention_at(k) if k < len(view) else None
        if m is None or m.label not in SPEAKER_LABELS or not m.entity_id or (m.case or "nom") != "nom":
            return None
        return m.entity_id

    def _person_subject(self, view: SentenceView) -> str | None:
        for m in view.mentions:
            if m.label == "PERSON" and m.entity_id and self.reader.argument(view, m).case == "nom":
                return m.entity_id
        return None

    def _speech_verb(self, view: SentenceView, last_speaker, last_subject=None):
        # "алғыс айтты" is thanking, not speech: verbs inside relation triggers do not count
        taken = {k for a, b in view.find_all(self.relation_triggers) for k in range(a, b + 1)}
        hits = [h for h in view.find_all(self.verbs) if not _in_quote(view, h[0]) and h[0] not in taken]
        if not hits:
            return None
        first, hit_last = hits[-1]
        passive = view.tokens[first].lower in self.sp.passive_verbs
        quote = _quote_before(view, first)
        limit = quote[2] if quote else first
        speaker = recipient = None
        for m in view.mentions:
            mf, ml = view.token_range(m)
            if ml >= limit or m.label not in SPEAKER_LABELS | {"GROUP"} or not m.entity_id:
                continue
            arg = self.reader.argument(view, m)
            after = view.tokens[ml + 1].lower if ml + 1 < len(view) else ""
            if after in self.sp.agent_markers or (arg.case == "nom" and speaker is None and not passive
                                                  and not self._possessor_of_next(view, ml)):
                speaker = m.entity_id
                speaker_end = ml
            elif arg.case == "dat" and quote and quote[2] - ml <= 2:
                recipient = m.entity_id  # the addressee stands right before the quote (Кимге: «...»)
        if quote and speaker is None and not passive:
            speaker = self._speaker_after_verb(view, hit_last)  # «...», - деді Юсупов.
        if quote:
            content = (quote[0], quote[1])
        else:
            start_tok = (speaker_end + 1) if speaker else 0
            if speaker and start_tok < len(view) and (view.tokens[start_tok].lower in self.sp.agent_markers
                                                      or self._possessed_head(view.tokens[start_tok].text, "nom")):
                start_tok += 1  # "X тарапынан ... айтылды", "Kazinform агенттігі ...": not what was said
            content = self._span(view, start_tok, first - 1)
        if content is None:
            return None
        construction = "quote" if quote else "reported_clause"
        if speaker is None:
            if passive:
                return None
            # "Ол ... атап өтті": "he" is the last person who was a subject
            if view.tokens[0].lower in self.sp.subject_pronouns and last_subject and self.settings.continue_speaker:
                return last_subject, recipient, self._after_pronoun(view, content), 0.5, construction
            if not (self.settings.continue_speaker and last_speaker):
                return None
            return last_speaker, recipient, content, 0.5, construction
        return speaker, recipient, content, 0.8 if quote else 0.7, construction

    def _possessed_head(self, word: str, case: str) -> bool:
        """A lower-case noun in the third-person possessive after a name: агенттігі(нің), министрлігі."""
        return word[:1].islower() and self.reader.analyser.is_possessed(word, case, min_stem=3)

    def _possessor_of_next(self, view: SentenceView, last: int) -> bool:
        """"АҚШ Мемлекеттік департаменті", "Ресей Қорғаныс министрлігі": a bare name
        right before a possessed name is its possessor, not the speaker."""
        nxt = view.mention_at(last + 1) if last + 1 < len(view) else None
        if nxt is None or nxt.label not in SPEAKER_LABELS or (nxt.case or "nom") != "nom":
            return False
        _, nxt_last = view.token_range(nxt)
        return self.reader.analyser.is_possessed(view.tokens[nxt_last].text, "nom")

    def _after_pronoun(self, view: SentenceView, content):
        """A reported clause that starts with the subject pronoun: the words after it."""
        first = view.tokens[0]
        if content[0] == first.start and len(view) > 1:
            return view.tokens[1].start, content[1]
        return content

    def _rest(self, view: SentenceView, k: int):
        return self._span(view, k, len(view) - 1)

    def _span(self, view: SentenceView, first: int, last: int):
        while first <= last and view.tokens[first].text in STRIP:
            first += 1
        while last >= first and (view.tokens[last].text in STRIP or view.tokens[last].text in ".!?"):
            last -= 1
        if last < first:
            return None
        return view.tokens[first].start, view.tokens[last].end


def _quote_spans(view: SentenceView):
    """(open index, close index) of «...» quotations in a sentence."""
    spans, stack = [], []
    for k, tok in enumerate(view.tokens):
        if tok.text in ("«", "„", "“") and not (tok.text == "“" and stack):
            stack.append(k)
        elif tok.text in ("»", "”", "“") and stack:
            spans.append((stack.pop(), k))
    return spans


def _in_quote(view: SentenceView, k: int) -> bool:
    return any(a < k < b for a, b in _quote_spans(view))


def _quote_after(view: SentenceView, k: int):
    for a, b in _quote_spans(view):
        if a >= k and b > a + 1:
            return view.tokens[a + 1].start, view.tokens[b - 1].end
    return None


def _quote_before(view: SentenceView, verb: int):
    """The quotation that ends right before the speech verb (only , - – between)."""
    for a, b in reversed(_quote_spans(view)):
        between = [t.text for t in view.tokens[b + 1:verb]]
        if b < verb and all(t in {",", "-", "–", "—", "деп"} for t in between) and b > a + 1:
            inner_last = b - 1
            while inner_last > a and view.tokens[inner_last].text in {",", "."}:
                inner_last -= 1
            return view.tokens[a + 1].start, view.tokens[inner_last].end, a
    return None
