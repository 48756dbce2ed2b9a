"""SpeechAttributor: who said what (predicate ``say``).

The Kazakh reporting formulas it reads (words from the lexicon's ``speech`` section):
- a quotation and a speech verb: ``Песков: «...» - деді.``, ``«...», — дейді Песков.``
  (the speaker after the verb, perhaps behind a title), ``«...» деп Песков жымиды``,
  ``X былай деді: «...»``; an addressee in the dative before the quote;
- "according to": ``Песковтың айтуынша, ...``, ``Оның сөзінше: «...»`` (a possessive
  pronoun points at the last speaker, else the last person named);
- a reported clause: ``Песков ... орналасқанын мәлімдеді`` (the words between the
  speaker and the verb), ``X ... тоқталды``, ``X ... түсініктеме бермей отыр`` (negated),
  and passives with ``X тарапынан``;
- "about this": ``Бұл туралы X хабарлады`` — what was said is the sentence(s) before,
  or the sentence itself where it opens the document;
- in a statement: ``X тарапынан жасалған мәлімдемеде, ...``, ``X-тың мәлімдемесінде ...``.
Two speakers joined by ``және`` / ``мен`` give one claim each. ``Ол``, ``Елбасы``
stand for the person last named as a subject (else the last person named; else no
claim). A sentence with no speaker of its own continues the last one. The claim's
``content`` gives the offsets of the reported words, for the relation stage.

The cues are found in speech_find (quotations: speech_text), the speaker is chosen in
speech_speakers and the words said in speech_constructions; this stage makes the claims.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..layers import ENTITIES, JOB_TITLES, LINKED_MENTIONS, SENTENCES, SPEECH_CLAIMS, TOKENS
from ..lexicon import load_lexicon
from ..records import AnnotatedDocument, Claim, Evidence
from ..stage import Stage, StageSettings
from ..textview import SentenceView, sentence_views
from .speech_constructions import ConstructionReader, Reading
from .speech_find import SpeechCueFinder
from .speech_speakers import DocumentMemory, SpeakerResolver


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own
    continue_speaker: bool = True  # a speech verb with no subject continues the last speaker


class SpeechAttributor(Stage):
    requires = (TOKENS, SENTENCES, LINKED_MENTIONS, ENTITIES)
    optional = (JOB_TITLES,)  # "Министрдің айтуынша": the person the roles stage gave that title
    provides = (SPEECH_CLAIMS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack  # what it reads of the language first: a language without it says so
        make_reader, self.dates = lang.frame_reader, lang.dates
        self.lex = load_lexicon(context.lexicon(settings.lexicon))
        self.sp = self.lex.speech
        reader = make_reader(self.lex)
        self.cues = SpeechCueFinder(self.lex, reader, lang.orthography)
        self.speakers = SpeakerResolver(self.lex, reader)
        self.constructions = ConstructionReader(self.lex, reader, self.cues, self.speakers, settings.continue_speaker)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        claims = list(doc.claims)
        memory = DocumentMemory.of(doc)
        views = sentence_views(doc)
        for n, view in enumerate(views):
            quotes = self.cues.quotes.read(view)
            found = self.constructions.read(views, n, quotes, memory)
            if found and found.speakers:
                claims += self._claims(doc, view, found)
                memory.speaker, memory.claimed = found.speakers[-1], n
            if self.cues.credit_line(view, quotes):
                continue  # "Ардақ Асылханұлы, Асылан Демесбаев, «Жаңалықтар»": the reporters, no antecedent
            self.speakers.remember(view, quotes, memory)
        return doc.with_layers(claims=claims)

    def _claims(self, doc: AnnotatedDocument, view: SentenceView, r: Reading) -> list[Claim]:
        """One claim per speaker; its date is the one the sentence gives outside what was said."""
        s = view.sentence
        a, b = r.content
        ev = r.evidence or (s.start, s.end)
        outside = [d for d in self.dates.find(doc.text, doc.document.date, s.start, s.end)
                   if not (a <= d.start < b)]  # when it was said, not what about
        out = []
        for k, speaker in enumerate(dict.fromkeys(r.speakers)):
            out.append(Claim(
                id=f"{doc.document.id}-say-{s.start}" + (f"-{k + 1}" if k else ""), predicate=self.sp.predicate,
                agent=speaker, recipient=r.recipient, text=doc.text[a:b], polarity=r.polarity,
                evidence=Evidence(start=ev[0], end=ev[1], exact=doc.text[ev[0]:ev[1]]),
                content=Evidence(start=a, end=b, exact=doc.text[a:b]),
                confidence=self.lex.confidence_of(self.sp.predicate, r.reading), construction=r.construction,
                date=outside[0].value if outside else None, **self.lex.cameo_fields(self.sp.predicate),
            ))
        return out
