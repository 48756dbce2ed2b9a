"""``say`` in Russian: a speech verb and its subject (заявил, что ...; «...», — сказал X;
X: «...»), по словам / мнению / данным X, and "в заявлении X говорится, что ...". The
content is the reported clause or the quotation."""
from __future__ import annotations

from ....records import Claim, Evidence
from ..parse import ParsedSentence, Token


class SpeechReader:
    """Mixed into the relation stage; uses its ``lex``, ``speech_verbs`` and quotes."""

    def _speech(self, doc, sent: ParsedSentence, at: dict, state: dict) -> list[tuple[Claim, tuple[int, int]]]:
        found = []
        quote = self._quote(doc, sent)
        for tok in sent.tokens:
            if tok.lemma in self.lex.speech.according_to and any(
                    c.lower in self.lex.speech.according_to_prepositions for c in sent.children(tok.i, ("case",))):
                speaker = None
                for c in sent.children(tok.i, ("nmod", "det")):
                    if c.lower in self.lex.speech.possessive_pronouns:
                        speaker = state.get("last_speaker")
                    else:
                        ms = self._entity_of(sent, c.i, at, state)
                        speaker = ms[0].entity_id if ms else speaker
                if speaker is None:
                    continue
                sub = sent.subtree(tok.i)
                after = [t for t in sent.tokens if t.start > sub[-1].stop and t.rel != "punct"]
                if not after:
                    continue
                content = quote or (after[0].start, _content_end(sent, after))
                found.append(self._say(doc, sent, speaker, content, "quote" if quote else "according_to", 0.75))
            elif tok.lemma in self.lex.speech.passive_verbs:  # "в заявлении Кремля говорится, что ..."
                speaker = None
                for c in sent.children(tok.i, ("obl", "nsubj")):
                    if c.lemma in self.lex.speech.statement_nouns:
                        for g in sent.children(c.i, ("nmod",)):
                            ms = self._entity_of(sent, g.i, at, state)
                            speaker = ms[0].entity_id if ms else speaker
                clause = next((c for c in sent.children(tok.i, ("ccomp", "csubj", "nsubj")) if c.pos in ("VERB", "AUX", "ADJ")), None)
                if speaker is None or clause is None:
                    continue
                sub = [t for t in sent.subtree(clause.i) if t.rel not in ("punct", "mark")]
                found.append(self._say(doc, sent, speaker, (sub[0].start, sub[-1].stop), "reported_clause", 0.7))
            elif tok.lemma in self.speech_verbs and tok.pos in ("VERB", "AUX"):
                subj = [c for c in sent.children(tok.i, ("nsubj",)) if c.rel != "nsubj:pass"]
                speaker = None
                for c in subj:
                    ms = self._entity_of(sent, c.i, at, state)
                    if ms:
                        speaker = ms[0].entity_id
                    elif c.lemma in self.lex.speech.pronouns:
                        speaker = state.get("last_speaker") or state.get("last_subject")
                if speaker is None and not subj and tok.rel == "conj" and tok.head >= 0:
                    for c in sent.children(tok.head, ("nsubj",)):
                        ms = self._entity_of(sent, c.i, at, state)
                        speaker = ms[0].entity_id if ms else speaker
                if speaker is None:
                    continue
                clause = next((c for c in sent.children(tok.i, ("ccomp", "parataxis")) if c.pos in ("VERB", "AUX", "NOUN", "ADJ", "PROPN")), None)
                head = sent.tokens[tok.head] if tok.head >= 0 else None
                if quote and not (quote[0] <= tok.start < quote[1]):
                    content, construction, conf = quote, "quote", 0.8
                elif head is not None and tok.rel in ("parataxis", "conj") and head.i < tok.i:
                    # "Украина не нападала на Беларусь, заявил X": the clause before the verb
                    before = [t for t in sent.tokens if t.stop <= tok.start and t.rel != "punct"
                              and t.i not in {x.i for x in sent.subtree(tok.i)}]
                    if not before:
                        continue
                    content, construction, conf = (before[0].start, before[-1].stop), "reported_clause", 0.7
                elif clause is not None:
                    sub = [t for t in sent.subtree(clause.i) if t.rel != "punct" and t.rel != "mark"]
                    content, construction, conf = (sub[0].start, sub[-1].stop), "reported_clause", 0.7
                else:
                    rest = [t for t in sent.tokens if t.i > tok.i and t.rel != "punct"]
                    if not rest:
                        continue
                    content, construction, conf = (rest[0].start, rest[-1].stop), "reported_clause", 0.5
                found.append(self._say(doc, sent, speaker, content, construction, conf))
        if not found and quote:  # "Путин: «...»"
            before = [t for t in sent.tokens if t.stop <= quote[0]]
            if len(before) >= 2 and before[-1].text in (":",) or (before and before[-1].text in self.quote_open
                                                                   and len(before) >= 2 and before[-2].text == ":"):
                colon = next(t for t in reversed(before) if t.text == ":")
                ms = [at[t.i] for t in before if t.stop <= colon.start and t.i in at]
                if ms and ms[-1].entity_id.startswith(("person:", "country:", "org:")):
                    found.append(self._say(doc, sent, ms[-1].entity_id, quote, "quote", 0.7))
        if found:
            state["last_speaker"] = found[-1][0].agent
        return found

    def _quote(self, doc, sent: ParsedSentence) -> tuple[int, int] | None:
        """The sentence's quotation: the longest «...» of three words or more (not
        a name in quotes: «РИА Новости»)."""
        text = doc.text[sent.start:sent.end]
        pairs, depth, opened = [], 0, None
        for k, ch in enumerate(text):
            if ch in self.quote_open and ch not in self.quote_close:
                if depth == 0:
                    opened = k
                depth += 1
            elif ch in self.quote_close and ch not in self.quote_open and depth:
                depth -= 1
                if depth == 0:
                    pairs.append((opened + 1, k))
        if depth and opened is not None:  # a quote that runs to the sentence's end
            pairs.append((opened + 1, len(text.rstrip())))
        pairs = [p for p in pairs if len(text[p[0]:p[1]].split()) >= 3]
        if not pairs:
            return None
        a, b = max(pairs, key=lambda p: p[1] - p[0])
        return sent.start + a, sent.start + b

    def _say(self, doc, sent, speaker: str, content: tuple[int, int], construction: str, confidence: float):
        a, b = content
        return (Claim(id=f"{doc.document.id}-say-{sent.start}-{a}", predicate=self.lex.speech.predicate,
                      agent=speaker, text=doc.text[a:b], date=self.sentence_date(doc, sent, skip=content),
                      evidence=Evidence(start=sent.start, end=sent.end, exact=doc.text[sent.start:sent.end]),
                      content=Evidence(start=a, end=b, exact=doc.text[a:b]), construction=construction,
                      confidence=confidence, **self.lex.cameo_fields(self.lex.speech.predicate)), content)


def _content_end(sent: ParsedSentence, after: list[Token]) -> int:
    return after[-1].stop
