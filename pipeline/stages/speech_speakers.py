"""Choosing who spoke: a nominative subject (with those joined to it by ``және``/``мен``),
a genitive before "according to", a pronoun or referring title (``Ол``, ``Елбасы``) for the
person last named, a bare title for the person the document gave it, a passive agent
(``X тарапынан``), a name after the verb (``— деді X``). The document's memory of who was
named so far travels in a DocumentMemory, one per document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..records import AnnotatedDocument
from ..textview import SentenceView
from .speech_text import SentenceQuotes

SPEAKER_LABELS = {"PERSON", "ORG", "COUNTRY"}
OBLIQUE = frozenset({"ins", "loc"})  # a partner or a place; a source (Қалиден естідік) may be one


@dataclass
class DocumentMemory:
    """What the speech stage remembers of one document while it reads it, sentence by sentence."""
    speaker: str | None = None  # the last speaker
    subject: str | None = None  # the last person who was a sentence's subject
    person: str | None = None  # the last person named, in any case
    claimed: int = -1  # the last sentence with a claim
    titled: dict = field(default_factory=dict)  # person id -> job title (lower case), from the roles stage
    titled_by_head: dict = field(default_factory=dict)  # title head -> the persons holding it (read once)

    @classmethod
    def of(cls, doc: AnnotatedDocument) -> "DocumentMemory":
        return cls(titled={e.id: e.job_title.lower() for e in doc.entities if e.type == "Person" and e.job_title})


class Speakers(NamedTuple):
    ids: list[str]
    recipient: str | None = None
    end: int | None = None  # the speaker's last token: what was said starts after it
    reading: str | None = None  # a key of the lexicon's confidence table; None: the construction's


class SpeakerResolver:
    def __init__(self, lex, reader):
        self.sp = lex.speech
        self.reader = reader
        self.referring = [tuple(w.lower().split()) for w in self.sp.referring_titles + self.sp.subject_pronouns]
        self.coordinators = frozenset(self.sp.speaker_coordinators)
        self.participles = tuple(lex.roles.participle_endings)
        self.max_title_words = lex.roles.max_title_words

    # -- "according to" ----------------------------------------------------------
    def according_to(self, view: SentenceView, k: int, memory: DocumentMemory) -> tuple[str, str] | None:
        """(speaker, reading) of an "according to" phrase at token k: the name before it
        (perhaps before its possessed head), a pronoun, a referring title or a bare title."""
        prev = view.mention_at(k - 1)
        if prev is None and self.possessed_head(view.tokens[k - 1].text, "gen"):
            # "Reuters агенттігінің хабарлауынша", "Ақорданың баспасөз қызметінің хабарлауынша"
            j = k - 2
            while j >= 0 and k - 1 - j < 3 and not view.mention_at(j) and view.tokens[j].text[:1].islower():
                j -= 1
            prev = view.mention_at(j) if j >= 0 else None
        if prev and prev.label in SPEAKER_LABELS and prev.entity_id:
            return prev.entity_id, "according_to"
        if view.tokens[k - 1].lower in self.sp.pronouns and (memory.speaker or memory.person):
            return memory.speaker or memory.person, "according_to_pronoun"
        if prev is None and self._referring_genitive(view, k) and (memory.subject or memory.person):
            return memory.subject or memory.person, "referring"  # Елбасының айтуынша
        if prev is None:
            # "Министрдің айтуынша": the person the document gave that title
            who = self._titled_person(view.tokens[k - 1].text, memory)
            if who:
                return who, "referring"
        return None

    # -- a speech verb -----------------------------------------------------------
    def of_speech_verb(self, view: SentenceView, quotes: SentenceQuotes, anchor: tuple[int, int], quote,
                       passive: bool, memory: DocumentMemory) -> Speakers | None:
        """Who spoke the speech verb at ``anchor`` (first, last): the subject before it (or
        its quote), a referring subject, a bare title, else a name after it. None: the
        sentence names a speaker the document cannot resolve, so it reports nothing."""
        first, last = anchor
        limit = quote[2] if quote else first
        found = self._before_verb(view, quotes, limit, quote, passive)
        # "Ол маңызды, – деді X": the words before a dash or comma and the verb are the quotation
        # (unmarked); a pronoun or title opening them is what was said, not who said it
        unmarked = not quote and not found.ids and first > 0 and view.tokens[first - 1].text in self.sp.quote_joiners
        referent = None if unmarked else self._referring_at(view, 0, limit)
        if referent is not None:
            if not (memory.subject or memory.person):
                return None  # "Елбасы" with nobody named before it: no speaker
            found = found._replace(ids=[memory.subject or memory.person], end=referent, reading="referring")
        elif not passive and not unmarked:
            titled = self._title_subject(view, limit)
            if titled is not None and (not found.ids or titled < found.end):
                # "Министр ... айтты": the person given that title, else nobody
                who = self._titled_person(view.tokens[titled].text, memory)
                if who is None:
                    return None
                found = found._replace(ids=[who], end=titled, reading="referring")
        if not found.ids and not passive:
            ids, reading = self._after_verb(view, quotes, last, memory)
            found = found._replace(ids=ids, reading=reading)
        return found

    def _before_verb(self, view: SentenceView, quotes: SentenceQuotes, limit: int, quote, passive: bool) -> Speakers:
        """Speakers before the verb (or its quote): a nominative subject, or X тарапынан;
        an organisation whose representatives speak (басқармасының өкілдері айтты)."""
        nominees, marked, spokes, recipient = [], [], [], None
        for m in view.mentions:
            mf, ml = view.token_range(m)
            if (ml >= limit or m.label not in SPEAKER_LABELS | {"GROUP"} or not m.entity_id
                    or quotes.enclosing(mf, ml)):
                continue  # a name inside a quotation is what was said, not who said it
            arg = self.reader.argument(view, m)
            after = view.tokens[ml + 1].lower if ml + 1 < len(view) else ""
            if after in self.sp.agent_markers:
                # "X тарапынан айтылды" names the speaker; "X тарапынан жасалған қолдау" does not,
                # nor does "X тарапынан бақылау жүргізілуі қажет екенін айтты" (X does the inner act)
                nxt = view.tokens[ml + 2].lower if ml + 2 < len(view) else ""
                if passive or (ml + 2 >= limit and not nxt.endswith(self.participles)):
                    marked.append((m, ml))
            elif arg.case == "nom" and not passive and not self.possessor_of_next(view, ml):
                nominees.append((m, mf, ml))
            elif arg.case == "dat" and quote and quote[2] - ml <= 2:
                recipient = m.entity_id  # the addressee stands right before the quote (Кимге: «...»)
            elif arg.case == "title" and m.label == "ORG" and not passive and arg.head is not None and not any(
                    (view.mention_at(k) or m).label == "PERSON" for k in range(arg.head + 1, min(limit, arg.head + 3))):
                spokes.append((m, arg.head))
        if marked:
            return Speakers([marked[0][0].entity_id], recipient, marked[0][1], "reported_clause")
        plain = [x for x in nominees if not self._aside(view, x[1], x[2])] or nominees
        if plain:
            m, mf, ml = plain[0]
            speakers, end = self.coordinated(view, m, ml, limit)
            return Speakers(speakers, recipient, end)
        if spokes and not quote:
            return Speakers([spokes[0][0].entity_id], recipient, spokes[0][1])
        return Speakers([], recipient)

    def _after_verb(self, view: SentenceView, quotes: SentenceQuotes, verb_last: int, memory: DocumentMemory):
        """The name that closes the sentence after the speech verb, perhaps after its
        title (— дейді Денсаулық сақтау министрі Ерлан Сәбитов; — деді ол)."""
        end = len(view)
        while end > verb_last + 1 and view.tokens[end - 1].is_punct:
            end -= 1
        if end - verb_last - 1 <= 2 and self._referring_at(view, verb_last + 1, end) is not None:
            who = memory.subject or memory.person
            return ([who], "referring") if who else ([], None)
        found = []
        for k in range(verb_last + 1, min(end, verb_last + 2 + self.max_title_words + 4)):
            m = view.mention_at(k)
            if (m is None or m.label not in SPEAKER_LABELS or not m.entity_id or (m.case or "nom") != "nom"
                    or quotes.enclosing(*view.token_range(m))):
                continue
            if m.label != "PERSON" and (self.reader.argument(view, m).case != "nom"
                                        or self.possessor_of_next(view, view.token_range(m)[1])):
                continue  # "Ресей президенті ...", "Ресей Сыртқы істер министрлігі ...": the person speaks
            found.append(m)
        # a person behind a title before anyone else (деді Ресей ... өкілі Мария Захарова)
        found.sort(key=lambda m: m.label != "PERSON")
        if not found:
            # "— деді министр": the person the document gave that title
            titled = [self._titled_person(view.tokens[k].text, memory) for k in range(verb_last + 1, min(end, verb_last + 3))
                      if self.reader.is_title(view.tokens[k].text)]
            return ([titled[0]], "referring") if titled and titled[0] else ([], None)
        m = found[0]
        return self.coordinated(view, m, view.token_range(m)[1], len(view))[0], "after_verb"

    def coordinated(self, view: SentenceView, m, ml: int, limit: int):
        """"Майя Роуз және Том Беннет": the speaker and those joined to it, and the last one's last token."""
        speakers, end, k = [m.entity_id], ml, ml + 1
        while k + 1 < limit and view.tokens[k].lower in self.coordinators:
            nxt = view.mention_at(k + 1)
            if nxt is None or nxt.label not in SPEAKER_LABELS or not nxt.entity_id or nxt.label != m.label:
                break
            _, nl = view.token_range(nxt)
            if self.reader.argument(view, nxt).case != "nom":
                break
            speakers.append(nxt.entity_id)
            end, k = nl, nl + 1
        return speakers, end

    # -- what a speaker is not, or stands for ---------------------------------------
    def _aside(self, view: SentenceView, first: int, last: int) -> bool:
        """A name set off by commas with nothing joined to it (Иә, Лаура, ...): an address."""
        before = view.tokens[first - 1].text if first > 0 else ","
        after = view.tokens[last + 1].text if last + 1 < len(view) else ""
        return before == "," and after == "," and not (last + 2 < len(view) and view.mention_at(last + 2))

    def _title_subject(self, view: SentenceView, limit: int) -> int | None:
        """A bare title opening the sentence as its subject (Министр ... айтты), with
        no name after it and no name before it."""
        for k in range(0, min(limit, 3)):
            if view.mention_at(k) is not None:
                return None
            if self.reader.is_title(view.tokens[k].text) and self.reader.case_of(view.tokens[k].text) == "nom":
                nxt = view.mention_at(k + 1) if k + 1 < len(view) else None
                # "Президент Тоқаев", "Президент Әкімшілігі": the name is the subject; a genitive
                # after a bare title belongs to a later noun (Президент Қазақстанның ... айтты)
                return None if nxt is not None and (nxt.case or "nom") != "gen" else k
        return None

    def _referring_genitive(self, view: SentenceView, k: int) -> bool:
        """"Елбасының айтуынша", "Мемлекет басшысының сөзінше": a referring title in the genitive."""
        for words in self.referring:
            n = len(words)
            if k - n < 0 or tuple(t.lower for t in view.tokens[k - n:k - 1]) != words[:-1]:
                continue
            if any(a.case == "gen" and a.stem == words[-1] for a in self.reader.analyser.analyses(view.tokens[k - 1].lower)):
                return True
        return False

    def _titled_person(self, word: str, memory: DocumentMemory) -> str | None:
        """The one person of the document whose title has this word's head (Министрдің -> министрі X)."""
        low = word.lower()
        heads = [h for h in self.reader.title_heads if low.startswith(h)]
        if not heads or not memory.titled:
            return None
        head = max(heads, key=len)
        found = memory.titled_by_head.get(head)
        if found is None:
            found = memory.titled_by_head[head] = [pid for pid, title in memory.titled.items()
                                                   if any(w.startswith(head) for w in title.split())]
        return found[0] if len(found) == 1 else None

    def _referring_at(self, view: SentenceView, lo: int, hi: int) -> int | None:
        """The last token of a referring subject (Ол, Елбасы, Мемлекет басшысы) among the
        first words from ``lo``, before any name, not followed by a person's name."""
        for k in range(lo, min(hi, lo + 3)):
            if view.mention_at(k) is not None:
                return None
            for words in self.referring:
                end = k + len(words) - 1
                if end < hi and tuple(t.lower for t in view.tokens[k:end + 1]) == words:
                    nxt = view.mention_at(end + 1) if end + 1 < len(view) else None
                    if nxt is not None and nxt.label == "PERSON":
                        return None  # "Елбасы Нұрсұлтан Назарбаев": the name speaks
                    return end
        return None

    def possessed_head(self, word: str, case: str) -> bool:
        """A lower-case noun in the third-person possessive after a name: агенттігі(нің), министрлігі."""
        analyses = self.reader.analyser.analyses(word, 3)
        return word[:1].islower() and not any(a.attributive for a in analyses) and any(
            a.possessive == "p3" and a.case == case for a in analyses)

    def possessor_of_next(self, view: SentenceView, last: int) -> bool:
        """"АҚШ Мемлекеттік департаменті", "Ресей Қорғаныс министрлігі": a bare name
        right before a possessed name is its possessor, not the speaker."""
        nxt = view.mention_at(last + 1) if last + 1 < len(view) else None
        if nxt is None or nxt.label not in SPEAKER_LABELS or (nxt.case or "nom") != "nom":
            return False
        _, nxt_last = view.token_range(nxt)
        return self.reader.analyser.is_possessed(view.tokens[nxt_last].text, "nom")

    # -- the memory ------------------------------------------------------------------
    def remember(self, view: SentenceView, quotes: SentenceQuotes, memory: DocumentMemory) -> None:
        """Note the sentence's subject and the last person it names (not a partner or a
        place: Назарбаевпен ақылдасты), the persons a later pronoun or title stands for."""
        memory.subject = self._person_subject(view) or memory.subject
        persons = [m.entity_id for m in view.mentions if m.label == "PERSON" and m.entity_id
                   and not quotes.enclosing(*view.token_range(m))
                   and self.reader.argument(view, m).case not in OBLIQUE]
        memory.person = persons[-1] if persons else memory.person

    def _person_subject(self, view: SentenceView) -> str | None:
        for m in view.mentions:
            if m.label == "PERSON" and m.entity_id and self.reader.argument(view, m).case == "nom":
                return m.entity_id
        return None
