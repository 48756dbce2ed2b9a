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
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..layers import ENTITIES, JOB_TITLES, LINKED_MENTIONS, SENTENCES, SPEECH_CLAIMS, TOKENS
from ..lexicon import load_lexicon
from ..records import AnnotatedDocument, Claim, Evidence
from ..stage import Stage, StageSettings
from ..textview import SentenceView, sentence_views
from .speech_text import QuoteFinder, span_of

SPEAKER_LABELS = {"PERSON", "ORG", "COUNTRY"}


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own
    continue_speaker: bool = True  # a speech verb with no subject continues the last speaker


@dataclass
class Reading:
    speakers: list[str]
    recipient: str | None
    content: tuple[int, int]
    reading: str  # a key of the lexicon's confidence table
    construction: str
    polarity: str = "affirmed"
    evidence: tuple[int, int] | None = None  # default: the sentence


OBLIQUE = frozenset({"ins", "loc"})  # a partner or a place; a source (Қалиден естідік) may be one


@dataclass
class _Memory:
    speaker: str | None = None  # the last speaker
    subject: str | None = None  # the last person who was a sentence's subject
    person: str | None = None  # the last person named, in any case
    claimed: int = -1  # the last sentence with a claim
    titled: dict = None  # person id -> job title (lower case), from the roles stage
    titled_by_head: dict = field(default_factory=dict)  # title head -> the persons holding it (read once)


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
        self.reader = make_reader(self.lex)
        self.verbs = self.sp.verb_patterns()
        self.about = self.sp.about_patterns()
        self.quote_verbs = frozenset(w.lower() for w in self.sp.quote_verbs)
        self.referring = [tuple(w.lower().split()) for w in self.sp.referring_titles + self.sp.subject_pronouns]
        # "according to" phrases by their first word: айтуынша; сөзіне -> (сөзіне, қарағанда), ...
        self.according: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.sp.according_to:
            words = tuple(phrase.lower().split())
            self.according.setdefault(words[0], []).append(words)
        self.coordinators = frozenset(self.sp.speaker_coordinators)
        self.quotes = QuoteFinder(self.sp.quote_joiners, lang.orthography)
        self.relation_triggers = [pattern for _, pattern in self.lex.trigger_patterns()]
        self.not_verbs = self.sp.not_verb_patterns()  # "қол жеткізді" (achieved) is no speech
        self.participles = tuple(self.lex.roles.participle_endings)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        claims = list(doc.claims)
        memory = _Memory(titled={e.id: e.job_title.lower() for e in doc.entities
                                 if e.type == "Person" and e.job_title})
        views = sentence_views(doc)
        for n, view in enumerate(views):
            found = (self._according_to(view, memory) or self._in_statement(view)
                     or self._speech_verb(views, n, memory) or self._colon_quote(view))
            if found and found.speakers:
                claims += self._claims(doc, view, found)
                memory.speaker, memory.claimed = found.speakers[-1], n
            if self._credit_line(view):
                continue  # "Ардақ Асылханұлы, Асылан Демесбаев, «Жаңалықтар»": the reporters, no antecedent
            memory.subject = self._person_subject(view) or memory.subject
            # an antecedent is a sentence's topic: not a partner or a place (Назарбаевпен ақылдасты)
            persons = [m.entity_id for m in view.mentions if m.label == "PERSON" and m.entity_id
                       and not self._quoted_words(view, *view.token_range(m))
                       and self.reader.argument(view, m).case not in OBLIQUE]
            memory.person = persons[-1] if persons else memory.person
        return doc.with_layers(claims=claims)

    def _claims(self, doc: AnnotatedDocument, view: SentenceView, r: Reading) -> list[Claim]:
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

    # -- according to, in a statement ----------------------------------------
    def _according_to(self, view: SentenceView, memory: _Memory) -> Reading | None:
        for k, tok in enumerate(view.tokens):
            if k == 0 or tok.lower not in self.according:
                continue
            n = next((len(p) for p in self.according[tok.lower]
                      if tuple(t.lower for t in view.tokens[k:k + len(p)]) == p), 0)
            if not n:
                continue
            prev = view.mention_at(k - 1)
            if prev is None and self._possessed_head(view.tokens[k - 1].text, "gen"):
                # "Reuters агенттігінің хабарлауынша", "Ақорданың баспасөз қызметінің хабарлауынша"
                j = k - 2
                while j >= 0 and k - 1 - j < 3 and not view.mention_at(j) and view.tokens[j].text[:1].islower():
                    j -= 1
                prev = view.mention_at(j) if j >= 0 else None
            if prev and prev.label in SPEAKER_LABELS and prev.entity_id:
                speaker, reading = prev.entity_id, "according_to"
            elif view.tokens[k - 1].lower in self.sp.pronouns and (memory.speaker or memory.person):
                speaker, reading = memory.speaker or memory.person, "according_to_pronoun"
            elif prev is None and self._referring_genitive(view, k) and (memory.subject or memory.person):
                speaker, reading = memory.subject or memory.person, "referring"  # Елбасының айтуынша
            elif prev is None and self._titled_person(view.tokens[k - 1].text, memory):
                # "Министрдің айтуынша": the person the document gave that title
                speaker, reading = self._titled_person(view.tokens[k - 1].text, memory), "referring"
            else:
                continue
            content = self.quotes.after(view, k + n) or span_of(view, k + n, len(view) - 1)
            if content is None:  # "... мамандарының мәліметінше." with nothing after: nothing said
                continue
            return Reading([speaker], None, content, reading, "according_to")
        return None

    def _in_statement(self, view: SentenceView) -> Reading | None:
        """``X тарапынан жасалған мәлімдемеде, ...`` / ``X-тың мәлімдемесінде ...``."""
        nouns = self.sp.statement_nouns
        nearest = None  # token k -> the last named speaker (in order) that ends before k, by one sweep
        for k, tok in enumerate(view.tokens):
            if k == 0 or self.quotes.inside(view, k) or not any(
                    a.case == "loc" and a.stem.lower() in nouns for a in self.reader.analyser.analyses(tok.text)):
                continue
            if nearest is None:
                nearest = [-1] * (len(view) + 1)
                for i, m in enumerate(view.mentions):
                    if m.label in SPEAKER_LABELS and m.entity_id:
                        end = view.token_range(m)[1] + 1
                        nearest[end] = max(nearest[end], i)
                for j in range(1, len(nearest)):
                    nearest[j] = max(nearest[j], nearest[j - 1])
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
                ends = [a for a, b in view.find_all(self.verbs) if b == last and a > k + 1]
                content = span_of(view, k + 1, (min(ends) - 1) if ends else last)
                return Reading([m.entity_id], None, content, "statement", "statement") if content else None
        return None

    # -- a speech verb -----------------------------------------------------------
    def _anchor(self, view: SentenceView):
        """The speech verb the sentence turns on: the last one after a quotation, else the last one."""
        taken = {k for a, b in view.find_all(self.relation_triggers + self.not_verbs) for k in range(a, b + 1)}
        hits = [h for h in view.find_all(self.verbs) if not self.quotes.inside(view, h[0]) and h[0] not in taken]
        quoted = [h for h in hits if self.quotes.before(view, h[0])]
        quoted += [(k, k) for k, t in enumerate(view.tokens) if t.lower in self.quote_verbs
                   and not self.quotes.inside(view, k) and self.quotes.before(view, k)]
        if quoted:
            return max(quoted)
        return hits[-1] if hits else None

    def _speech_verb(self, views: list[SentenceView], n: int, memory: _Memory) -> Reading | None:
        view = views[n]
        anchor = self._anchor(view)
        if anchor is None:
            return None
        first, last = anchor
        passive = view.tokens[first].lower in self.sp.passive_verbs
        quote = self.quotes.before(view, first)
        limit = quote[2] if quote else first
        speakers, recipient, speaker_end, reading = self._speakers_before(view, limit, quote, passive)
        # "Ол маңызды, – деді X": the words before a dash or comma and the verb are the quotation
        # (unmarked); a pronoun or title opening them is what was said, not who said it
        unmarked = not quote and not speakers and first > 0 and view.tokens[first - 1].text in self.sp.quote_joiners
        referent = None if unmarked else self._referring_at(view, 0, limit, speakers)
        if referent is not None:
            if not (memory.subject or memory.person):
                return None  # "Елбасы" with nobody named before it: no speaker
            speakers, speaker_end, reading = [memory.subject or memory.person], referent, "referring"
        elif not passive and not unmarked:
            titled = self._title_subject(view, limit)
            if titled is not None and (not speakers or titled < speaker_end):
                # "Министр ... айтты": the person given that title, else nobody
                who = self._titled_person(view.tokens[titled].text, memory)
                if who is None:
                    return None
                speakers, speaker_end, reading = [who], titled, "referring"
        if not speakers and not passive:
            speakers, reading = self._speakers_after(view, last, memory)
        evidence = None
        colon = last + 1 < len(view) and view.tokens[last + 1].text in self.sp.colon
        about = [b for a, b in view.find_all(self.about) if b < first and not self.quotes.inside(view, a)]
        if quote:
            content, construction = (quote[0], quote[1]), "quote"
        elif colon:  # X былай деді: «...» (in this sentence or the next)
            content, construction = self.quotes.after(view, last + 2) or span_of(view, last + 2, len(view) - 1), "quote"
            if content is None and n + 1 < len(views):
                nxt = views[n + 1]
                content = span_of(nxt, 0, len(nxt) - 1)
                evidence = (view.sentence.start, nxt.sentence.end) if content else None
        elif about:  # Бұл туралы X хабарлады: the sentence(s) before
            content, construction = self._about_content(views, n, memory.claimed), "about_this"
            evidence = (content[0], view.sentence.end)
            reading = reading if reading == "referring" else "about_this"
        else:
            start_tok = (speaker_end + 1) if speaker_end is not None else 0
            while speaker_end is not None and start_tok < len(view) and view.tokens[start_tok].text in self.quotes.closing:
                start_tok += 1  # «Жарық» компаниясы ...
            if speaker_end is not None and start_tok < len(view) and (
                    view.tokens[start_tok].lower in self.sp.agent_markers
                    or self._possessed_head(view.tokens[start_tok].text, "nom")):
                start_tok += 1  # "X тарапынан ... айтылды", "Kazinform агенттігі ...": not what was said
            content, construction = span_of(view, start_tok, first - 1), "reported_clause"
        if content is None:
            return None
        polarity = self.reader.polarity(view, anchor, self._stems(view, anchor))
        if not speakers:
            if passive or not (self.settings.continue_speaker and memory.speaker):
                return None
            speakers, reading = [memory.speaker], "continued"
        return Reading(speakers, recipient, content, reading or construction, construction, polarity, evidence)

    def _speakers_before(self, view: SentenceView, limit: int, quote, passive: bool):
        """Speakers before the verb (or its quote): a nominative subject, or X тарапынан;
        an organisation whose representatives speak (басқармасының өкілдері айтты)."""
        nominees, marked, spokes, recipient = [], [], [], None
        for m in view.mentions:
            mf, ml = view.token_range(m)
            if (ml >= limit or m.label not in SPEAKER_LABELS | {"GROUP"} or not m.entity_id
                    or self._quoted_words(view, mf, ml)):
                continue  # a name inside a quotation is what was said, not who said it
            arg = self.reader.argument(view, m)
            after = view.tokens[ml + 1].lower if ml + 1 < len(view) else ""
            if after in self.sp.agent_markers:
                # "X тарапынан айтылды" names the speaker; "X тарапынан жасалған қолдау" does not,
                # nor does "X тарапынан бақылау жүргізілуі қажет екенін айтты" (X does the inner act)
                nxt = view.tokens[ml + 2].lower if ml + 2 < len(view) else ""
                if passive or (ml + 2 >= limit and not nxt.endswith(self.participles)):
                    marked.append((m, ml))
            elif arg.case == "nom" and not passive and not self._possessor_of_next(view, ml):
                nominees.append((m, mf, ml))
            elif arg.case == "dat" and quote and quote[2] - ml <= 2:
                recipient = m.entity_id  # the addressee stands right before the quote (Кимге: «...»)
            elif arg.case == "title" and m.label == "ORG" and not passive and arg.head is not None and not any(
                    (view.mention_at(k) or m).label == "PERSON" for k in range(arg.head + 1, min(limit, arg.head + 3))):
                spokes.append((m, arg.head))
        if marked:
            return [marked[0][0].entity_id], recipient, marked[0][1], "reported_clause"
        plain = [x for x in nominees if not self._aside(view, x[1], x[2])] or nominees
        if plain:
            m, mf, ml = plain[0]
            speakers, end = self._coordinated(view, m, ml, limit)
            return speakers, recipient, end, None
        if spokes and not quote:
            return [spokes[0][0].entity_id], recipient, spokes[0][1], None
        return [], recipient, None, None

    def _coordinated(self, view: SentenceView, m, ml: int, limit: int):
        """"Майя Роуз және Том Беннет": the speaker and those joined to it."""
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

    def _quoted_words(self, view: SentenceView, first: int, last: int) -> bool:
        """Is the mention inside a quotation of words (not one that is just the name: «Жарық» компаниясы)?"""
        return self.quotes.enclosing(view, first, last)

    def _referring_genitive(self, view: SentenceView, k: int) -> bool:
        """"Елбасының айтуынша", "Мемлекет басшысының сөзінше": a referring title in the genitive."""
        for words in self.referring:
            n = len(words)
            if k - n < 0 or tuple(t.lower for t in view.tokens[k - n:k - 1]) != words[:-1]:
                continue
            if any(a.case == "gen" and a.stem == words[-1] for a in self.reader.analyser.analyses(view.tokens[k - 1].lower)):
                return True
        return False

    def _titled_person(self, word: str, memory: _Memory) -> str | None:
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

    def _colon_quote(self, view: SentenceView) -> Reading | None:
        """"Тоқаев: «Реформа жалғасады»." — a name, a colon and a quotation, no verb."""
        for m in view.mentions:
            if m.label not in SPEAKER_LABELS or not m.entity_id or (m.case or "nom") != "nom":
                continue
            _, ml = view.token_range(m)
            if ml + 1 < len(view) and view.tokens[ml + 1].text in self.sp.colon:
                content = self.quotes.after(view, ml + 2)
                if content:
                    return Reading([m.entity_id], None, content, "quote", "quote")
            return None
        return None

    def _referring_at(self, view: SentenceView, lo: int, hi: int, speakers) -> int | None:
        """The last token of a referring subject (Ол, Елбасы, Мемлекет басшысы) among the
        sentence's first words, before any speaker, not followed by a name."""
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

    def _speakers_after(self, view: SentenceView, verb_last: int, memory: _Memory):
        """The name that closes the sentence after the speech verb, perhaps after its
        title (— дейді Денсаулық сақтау министрі Ерлан Сәбитов; — деді ол)."""
        end = len(view)
        while end > verb_last + 1 and view.tokens[end - 1].is_punct:
            end -= 1
        if end - verb_last - 1 <= 2 and self._referring_at(view, verb_last + 1, end, []) is not None:
            who = memory.subject or memory.person
            return ([who], "referring") if who else ([], None)
        found = []
        for k in range(verb_last + 1, min(end, verb_last + 2 + self.lex.roles.max_title_words + 4)):
            m = view.mention_at(k)
            if (m is None or m.label not in SPEAKER_LABELS or not m.entity_id or (m.case or "nom") != "nom"
                    or self._quoted_words(view, *view.token_range(m))):
                continue
            if m.label != "PERSON" and (self.reader.argument(view, m).case != "nom"
                                        or self._possessor_of_next(view, view.token_range(m)[1])):
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
        return self._coordinated(view, m, view.token_range(m)[1], len(view))[0], "after_verb"

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

    def _stems(self, view: SentenceView, anchor) -> tuple[str, ...]:
        for pattern in self.verbs:
            if view.match(pattern, anchor[0]) == anchor[1]:
                return pattern[-1]
        return (view.tokens[anchor[1]].lower,)

    def _credit_line(self, view: SentenceView) -> bool:
        """A news report's sign-off: persons and commas only, then a «programme» title."""
        spans = self.quotes.spans(view)
        if not spans:
            return False
        k, saw_person = 0, False
        while k < spans[0][0]:
            m = view.mention_at(k)
            if m is not None and m.label == "PERSON":
                k = view.token_range(m)[1] + 1
                saw_person = True
            elif view.tokens[k].text == ",":
                k += 1
            else:
                return False
        return saw_person

    def _person_subject(self, view: SentenceView) -> str | None:
        for m in view.mentions:
            if m.label == "PERSON" and m.entity_id and self.reader.argument(view, m).case == "nom":
                return m.entity_id
        return None

    def _possessed_head(self, word: str, case: str) -> bool:
        """A lower-case noun in the third-person possessive after a name: агенттігі(нің), министрлігі."""
        analyses = self.reader.analyser.analyses(word, 3)
        return word[:1].islower() and not any(a.attributive for a in analyses) and any(
            a.possessive == "p3" and a.case == case for a in analyses)

    def _possessor_of_next(self, view: SentenceView, last: int) -> bool:
        """"АҚШ Мемлекеттік департаменті", "Ресей Қорғаныс министрлігі": a bare name
        right before a possessed name is its possessor, not the speaker."""
        nxt = view.mention_at(last + 1) if last + 1 < len(view) else None
        if nxt is None or nxt.label not in SPEAKER_LABELS or (nxt.case or "nom") != "nom":
            return False
        _, nxt_last = view.token_range(nxt)
        return self.reader.analyser.is_possessed(view.tokens[nxt_last].text, "nom")
