"""Reading a sentence's reporting construction into who said what: "according to", a
statement, a speech verb (with a quotation, a colon, "about this" or a reported clause),
a name and a colon before a quotation. The cues come from speech_find, the speakers from
speech_speakers; here each construction decides the words that were said."""
from __future__ import annotations

from dataclasses import dataclass

from ..textview import SentenceView
from .speech_find import SpeechCueFinder
from .speech_speakers import SPEAKER_LABELS, DocumentMemory, SpeakerResolver
from .speech_text import SentenceQuotes, span_of


@dataclass
class Reading:
    speakers: list[str]
    recipient: str | None
    content: tuple[int, int]
    reading: str  # a key of the lexicon's confidence table
    construction: str
    polarity: str = "affirmed"
    evidence: tuple[int, int] | None = None  # default: the sentence


class ConstructionReader:
    """The first reporting construction a sentence holds, read into a Reading."""

    def __init__(self, lex, reader, cues: SpeechCueFinder, speakers: SpeakerResolver, continue_speaker: bool):
        self.sp = lex.speech
        self.reader = reader
        self.cues, self.speakers = cues, speakers
        self.continue_speaker = continue_speaker

    def read(self, views: list[SentenceView], n: int, quotes: SentenceQuotes, memory: DocumentMemory) -> Reading | None:
        view = views[n]
        return (self._according_to(view, quotes, memory) or self._in_statement(view, quotes)
                or self._speech_verb(views, n, quotes, memory) or self._colon_quote(view, quotes))

    def _according_to(self, view: SentenceView, quotes: SentenceQuotes, memory: DocumentMemory) -> Reading | None:
        """``Песковтың айтуынша, ...``, ``Оның сөзінше: «...»``: what follows the phrase."""
        for k, n in self.cues.according_to(view):
            found = self.speakers.according_to(view, k, memory)
            if found is None:
                continue
            content = quotes.after(k + n) or span_of(view, k + n, len(view) - 1)
            if content is None:  # "... мамандарының мәліметінше." with nothing after: nothing said
                continue
            speaker, reading = found
            return Reading([speaker], None, content, reading, "according_to")
        return None

    def _in_statement(self, view: SentenceView, quotes: SentenceQuotes) -> Reading | None:
        """``X тарапынан жасалған мәлімдемеде, ...`` / ``X-тың мәлімдемесінде ...``."""
        nearest = None  # token k -> the last named speaker (in order) that ends before k, by one sweep
        for k in self.cues.statement_nouns(view, quotes):
            if nearest is None:
                nearest = self._last_speaker_before(view)
            if nearest[k] < 0:
                continue
            m = view.mentions[nearest[k]]  # only the nearest name before the noun
            ml = view.token_range(m)[1]
            after = view.tokens[ml + 1].lower if ml + 1 < len(view) else ""
            by_marker = after in self.sp.agent_markers and k - ml <= 3  # тарапынан (жасалған)
            possessor = ml == k - 1 and m.case == "gen"  # БҰҰ-ның мәлімдемесінде
            if by_marker or possessor:
                last = len(view) - 1
                while last > k and view.tokens[last].is_punct:
                    last -= 1
                # "... деп айтылды", "... делінген": the speech verb closing it is not content
                ends = [a for a in self.cues.speech_verbs_ending_at(view, last) if a > k + 1]
                content = span_of(view, k + 1, (min(ends) - 1) if ends else last)
                return Reading([m.entity_id], None, content, "statement", "statement") if content else None
        return None

    @staticmethod
    def _last_speaker_before(view: SentenceView) -> list[int]:
        """For each token k, the index in view.mentions of the last named speaker ending before k (-1: none)."""
        nearest = [-1] * (len(view) + 1)
        for i, m in enumerate(view.mentions):
            if m.label in SPEAKER_LABELS and m.entity_id:
                end = view.token_range(m)[1] + 1
                nearest[end] = max(nearest[end], i)
        for j in range(1, len(nearest)):
            nearest[j] = max(nearest[j], nearest[j - 1])
        return nearest

    def _speech_verb(self, views: list[SentenceView], n: int, quotes: SentenceQuotes,
                     memory: DocumentMemory) -> Reading | None:
        view = views[n]
        anchor = self.cues.speech_verb(view, quotes)
        if anchor is None:
            return None
        passive = view.tokens[anchor[0]].lower in self.sp.passive_verbs
        quote = quotes.before(anchor[0])
        found = self.speakers.of_speech_verb(view, quotes, anchor, quote, passive, memory)
        if found is None:
            return None
        said = self._what_was_said(views, n, quotes, anchor, quote, found.end, memory.claimed)
        if said is None:
            return None
        content, construction, evidence = said
        reading = found.reading
        if construction == "about_this":
            reading = reading if reading == "referring" else "about_this"
        polarity = self.reader.polarity(view, anchor, self.cues.verb_stems(view, anchor))
        speakers = found.ids
        if not speakers:
            if passive or not (self.continue_speaker and memory.speaker):
                return None
            speakers, reading = [memory.speaker], "continued"
        return Reading(speakers, found.recipient, content, reading or construction, construction, polarity, evidence)

    def _what_was_said(self, views: list[SentenceView], n: int, quotes: SentenceQuotes, anchor: tuple[int, int],
                       quote, speaker_end: int | None, claimed: int):
        """(content, construction, evidence) of a speech verb: its quotation, what follows its
        colon, the sentence(s) "about this" points back to, or the clause between the speaker
        and the verb. None: nothing was said."""
        view = views[n]
        first, last = anchor
        evidence = None
        about = self.cues.about_this(view, quotes, first)
        if quote:
            content, construction = (quote[0], quote[1]), "quote"
        elif self.cues.is_colon(view, last + 1):  # X былай деді: «...» (in this sentence or the next)
            content, construction = quotes.after(last + 2) or span_of(view, last + 2, len(view) - 1), "quote"
            if content is None and n + 1 < len(views):
                nxt = views[n + 1]
                content = span_of(nxt, 0, len(nxt) - 1)
                evidence = (view.sentence.start, nxt.sentence.end) if content else None
        elif about:  # Бұл туралы X хабарлады: the sentence(s) before
            content, construction = self._about_content(views, n, claimed), "about_this"
            evidence = (content[0], view.sentence.end)
        else:
            content, construction = self._reported_clause(view, quotes, first, speaker_end), "reported_clause"
        return None if content is None else (content, construction, evidence)

    def _reported_clause(self, view: SentenceView, quotes: SentenceQuotes, first: int, speaker_end: int | None):
        """``Песков ... орналасқанын мәлімдеді``: the words between the speaker and the verb."""
        start_tok = (speaker_end + 1) if speaker_end is not None else 0
        while speaker_end is not None and start_tok < len(view) and view.tokens[start_tok].text in quotes.marks.closing:
            start_tok += 1  # «Жарық» компаниясы ...
        if speaker_end is not None and start_tok < len(view) and (
                view.tokens[start_tok].lower in self.sp.agent_markers
                or self.speakers.possessed_head(view.tokens[start_tok].text, "nom")):
            start_tok += 1  # "X тарапынан ... айтылды", "Kazinform агенттігі ...": not what was said
        return span_of(view, start_tok, first - 1)

    def _about_content(self, views: list[SentenceView], n: int, claimed: int) -> tuple[int, int]:
        """The sentences "бұл туралы" points back to: up to about_this_sentences before
        (none before the last sentence that had a claim), or this one when it opens the document."""
        lo = max(0, n - self.sp.about_this_sentences, claimed + 1)
        if lo >= n:
            lo = n - 1 if n > 0 else n
        if lo == n:
            s = views[n].sentence
            return span_of(views[n], 0, len(views[n]) - 1) or (s.start, s.end)
        a = span_of(views[lo], 0, len(views[lo]) - 1) or (views[lo].sentence.start, views[lo].sentence.end)
        b = span_of(views[n - 1], 0, len(views[n - 1]) - 1) or (views[n - 1].sentence.start, views[n - 1].sentence.end)
        return a[0], b[1]

    def _colon_quote(self, view: SentenceView, quotes: SentenceQuotes) -> Reading | None:
        """"Тоқаев: «Реформа жалғасады»." — a name, a colon and a quotation, no verb."""
        for m in view.mentions:
            if m.label not in SPEAKER_LABELS or not m.entity_id or (m.case or "nom") != "nom":
                continue
            _, ml = view.token_range(m)
            if self.cues.is_colon(view, ml + 1):
                content = quotes.after(ml + 2)
                if content:
                    return Reading([m.entity_id], None, content, "quote", "quote")
            return None
        return None
