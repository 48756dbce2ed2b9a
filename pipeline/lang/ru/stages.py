"""The Russian stages (``ru_*.v1`` in :data:`pipeline.stage.BUILTIN_STAGES`).

- ``ru_sentences.v1``: razdel sentences and tokens, slovnet morphology and syntax
  (the parse travels in the document's cache for the later stages);
- ``ru_gazetteer.v1``: countries (CLDR ``ru``, aliases, demonyms) and organisations
  by the lemmas of their words;
- ``ru_ner.v1``: natasha's NER (PER, LOC, ORG);
- ``ru_linker.v1``: mentions -> entities, names in the nominative, the same ids as
  the Kazakh path (``country:KZ``, ``person:dmitrii-peskov``);
- ``ru_relations.v1``: has_role, say and the relation predicates read from the
  dependency tree with the lexicon ``configs/relations_ru.yaml``.
"""
from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Optional

from ...ids import entity_id
from ...layers import (COUNTRY_MENTIONS, ENTITIES, GROUP_MENTIONS, LINKED_MENTIONS, NER_MENTIONS, ORG_MENTIONS, RELATION_CLAIMS,
                       ROLE_CLAIMS, SENTENCES, SPEECH_CLAIMS, TOKENS)
from ...records import AnnotatedDocument, Claim, Entity, Evidence, Mention, Sentence
from ...stage import Stage, StageSettings
from . import models
from .parse import RU_PARSE, ParsedSentence, Token, parse

MAX_CLAIMS_PER_TRIGGER = 12


def parsed(doc: AnnotatedDocument, orthography: dict) -> list[ParsedSentence]:
    """The document's parse (from the cache; parsed again if a stage runs alone)."""
    cache = doc.cache()
    if RU_PARSE not in cache:
        cache[RU_PARSE] = parse([doc.text], orthography)[0]
    return cache[RU_PARSE]


class _RussianStage(Stage):
    def __init__(self, settings, context):
        super().__init__(settings, context)
        models.require()
        self.lang = context.language_pack
        self.orthography = self.lang.orthography

    def describe(self) -> dict:
        return {"models": models.versions()}


# -- sentences ---------------------------------------------------------------
class SentenceSettings(StageSettings):
    batch_size: int = 64  # sentences per model call


class RussianSentences(_RussianStage):
    requires = ()
    provides = (TOKENS, SENTENCES)
    Settings = SentenceSettings

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        results = parse([d.text for d in docs], self.orthography, self.settings.batch_size)
        out = []
        for doc, sents in zip(docs, results):
            new = doc.with_layers(sentences=[Sentence(start=s.start, end=s.end, kind=s.kind) for s in sents])
            new.cache()[RU_PARSE] = sents
            out.append(new)
        return out


# -- gazetteer -----------------------------------------------------------------
class RussianGazetteer(_RussianStage):
    requires = (SENTENCES,)
    provides = (COUNTRY_MENTIONS, ORG_MENTIONS, GROUP_MENTIONS)

    def __init__(self, settings, context):
        super().__init__(settings, context)
        groups = self.lang.data("groups.yaml")
        self.member_type = {n: t for t, ns in groups["member_nouns"].items() for n in ns}
        self.number_words = groups.get("number_words", {})

    def _groups(self, doc, sent: ParsedSentence, n: int) -> list[tuple[Mention, Entity]]:
        out = []
        for tok in sent.tokens:
            count = int(tok.text) if tok.text.isdigit() else self.number_words.get(tok.lemma)
            if count is None or tok.i + 1 >= len(sent.tokens):
                continue
            noun = sent.tokens[tok.i + 1]
            member = self.member_type.get(noun.lemma)
            if member is None:
                continue
            n += 1
            gid = f"group:{doc.document.id}-{n}"
            a, b = tok.start, noun.stop
            out.append((Mention(id=f"{doc.document.id}-g{a}", start=a, end=b, text=doc.text[a:b], label="GROUP",
                                entity_id=gid, source=self.factory),
                        Entity(id=gid, type="Group", name=f"{count} {noun.lemma}", count=count, member_type=member)))
        return out

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        countries, orgs = self.lang.countries, self.lang.organisations
        found = list(doc.mentions)
        entities = list(doc.entities)
        for sent in parsed(doc, self.orthography):
            for m, e in self._groups(doc, sent, len(entities)):
                found.append(m)
                entities.append(e)
            org_hits = orgs.find(sent.tokens)
            taken = {k for h in org_hits for k in range(h.first, h.last + 1)}
            for h in countries.find(sent.tokens):
                if any(k in taken for k in range(h.first, h.last + 1)):
                    continue
                a, b = sent.tokens[h.first].start, sent.tokens[h.last].stop
                found.append(Mention(id=f"{doc.document.id}-c{a}", start=a, end=b, text=doc.text[a:b], label=h.label,
                                     entity_id=f"country:{h.key}", lemma=countries.canonical(h.key),
                                     source=self.factory))
            for h in org_hits:
                a, b = sent.tokens[h.first].start, sent.tokens[h.last].stop
                found.append(Mention(id=f"{doc.document.id}-o{a}", start=a, end=b, text=doc.text[a:b], label="ORG",
                                     entity_id=entity_id("Organization", orgs.same_as[h.key]), lemma=h.key,
                                     source=self.factory))
        return doc.with_layers(mentions=sorted(found, key=lambda m: m.start), entities=entities)


# -- NER -------------------------------------------------------------------------
NER_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


class RussianNER(_RussianStage):
    """natasha's NER model (slovnet, news), run over each sentence."""

    requires = (SENTENCES,)
    provides = (NER_MENTIONS,)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        """Every sentence of the batch through the model at once, shortest first."""
        *_, tagger, _ = models.natasha_models()
        items = sorted(((k, s) for k, d in enumerate(docs) for s in parsed(d, self.orthography)),
                       key=lambda x: x[1].end - x[1].start)
        found: list[list[Mention]] = [list(d.mentions) for d in docs]
        chunks = [docs[k].text[s.start:s.end] for k, s in items]
        for (k, sent), markup in zip(items, tagger.map(chunks)):
            doc = docs[k]
            for span in markup.spans:
                a, b = sent.start + span.start, sent.start + span.stop
                found[k].append(Mention(id=f"{doc.document.id}-n{a}", start=a, end=b, text=doc.text[a:b],
                                        label=NER_LABELS.get(span.type, span.type), source=self.factory))
        return [d.with_layers(mentions=sorted(f, key=lambda m: m.start)) for d, f in zip(docs, found)]

    def describe(self) -> dict:
        return {"model": "slovnet_ner_news_v1 (natasha)", "models": models.versions()}


# -- linker --------------------------------------------------------------------
ENTITY_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place"}


class LinkerSettings(StageSettings):
    link_partial_names: bool = True  # Песков -> Дмитрий Песков when seen in the same document


class RussianLinker(_RussianStage):
    requires = (COUNTRY_MENTIONS, NER_MENTIONS)
    provides = (ENTITIES, LINKED_MENTIONS)
    Settings = LinkerSettings

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        sents = parsed(doc, self.orthography)
        tokens = [t for s in sents for t in s.tokens]
        gazetteer = [m for m in doc.mentions if m.entity_id]
        raw = [m for m in doc.mentions if not m.entity_id]
        # "Министерство иностранных дел Китая": a country in the genitive closes an
        # organisation's name (one organisation, not the ministry and a country)
        by_start = {t.start: t for t in tokens}
        absorbed = set()
        for k, m in enumerate(raw):
            if m.label != "ORG":
                continue
            nxt = next((g for g in gazetteer if g.label == "COUNTRY" and g.start > m.end
                        and not doc.text[m.end:g.start].strip()), None)
            tok = by_start.get(nxt.start) if nxt else None
            if tok is not None and tok.case == "Gen" and tok.rel.startswith("nmod"):
                raw[k] = m.model_copy(update={"end": nxt.end, "text": doc.text[m.start:nxt.end]})
                absorbed.add(nxt.id)
        gazetteer = [g for g in gazetteer if g.id not in absorbed]
        model = [m for m in raw if not any(g.start < m.end and m.start < g.end for g in gazetteer)]
        not_names = {w.lower() for w in self.orthography.get("not_names", ())}
        named: list[tuple[Mention, str]] = []
        for m in model:
            toks = [t for t in tokens if t.start >= m.start and t.stop <= m.end]
            while toks and toks[0].text.lower() in not_names:
                toks = toks[1:]
            if not toks:
                continue
            if toks[0].start != m.start:
                m = m.model_copy(update={"start": toks[0].start, "text": doc.text[toks[0].start:m.end]})
            if m.label == "PERSON":
                name = self.lang.normaliser.name(toks)
            else:
                name = _normal_phrase(toks)
            named.append((m, name))
        # one word of a name alone is the full name seen in the same document
        # (Песков -> Дмитрий Песков, Ким -> Ким Чен Ын); the surname first
        full: dict[str, str] = {}
        for m, name in named:
            if m.label == "PERSON" and " " in name:
                full.setdefault(name.split()[-1], name)
        for m, name in named:
            if m.label == "PERSON" and " " in name:
                for word in name.split()[:-1]:
                    full.setdefault(word, name)
        if self.settings.link_partial_names and full:
            # a surname the model missed (often sentence-initial: "Каримов и ..."), known
            # from a full name in the same document
            covered = [(m.start, m.end) for m in gazetteer] + [(m.start, m.end) for m, _ in named]
            for t in tokens:
                if t.pos != "PROPN" or any(a <= t.start < b for a, b in covered):
                    continue
                word = self.lang.normaliser.word(t.text, t.case, t.feats.get("Gender"))
                if word in full:
                    named.append((Mention(id=f"{doc.document.id}-p{t.start}", start=t.start, end=t.stop,
                                          text=t.text, label="PERSON", source=self.factory + ":known_name"), word))
        entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        linked: list[Mention] = []
        for m in gazetteer:
            code = m.entity_id.split(":", 1)[1]
            if m.entity_id in entities and entities[m.entity_id].type == "Group":
                linked.append(m)
                continue
            if m.entity_id.startswith("country:"):
                ent = entities.get(m.entity_id) or Entity(id=m.entity_id, type="Country",
                                                          name=self.lang.countries.canonical(code), identifier=code)
            else:
                ent = entities.get(m.entity_id) or Entity(id=m.entity_id, type="Organization", name=m.lemma or m.text)
            entities[m.entity_id] = _with_form(ent, m.text)
            linked.append(m)
        for m, name in named:
            typ = ENTITY_TYPE.get(m.label, "Place")
            if typ == "Person" and self.settings.link_partial_names and " " not in name and name in full:
                name = full[name]
            eid = entity_id(typ, name)
            ent = entities.get(eid) or Entity(id=eid, type=typ, name=name)
            entities[eid] = _with_form(ent, m.text)
            linked.append(m.model_copy(update={"entity_id": eid, "lemma": name}))
        linked.sort(key=lambda m: m.start)
        return doc.with_layers(mentions=linked, entities=list(entities.values()))


def _with_form(ent: Entity, form: str) -> Entity:
    if form != ent.name and form not in ent.alternate_names:
        return ent.model_copy(update={"alternate_names": ent.alternate_names + [form]})
    return ent


def _normal_phrase(toks: list[Token]) -> str:
    """An organisation or place name in the nominative: its head word (the one
    whose head lies outside the span) and the adjectives agreeing with it are
    inflected, the rest kept (Министерства иностранных дел -> Министерство ...)."""
    from natasha.norm import syntax_normalize

    *_, vocab = models.natasha_models()
    base = toks[0].i
    local = [_Local(t, base, {x.i for x in toks}) for t in toks]
    try:
        return syntax_normalize(vocab, local)
    except Exception:  # noqa: BLE001 - a form the vocabulary cannot inflect: keep it as written
        return " ".join(t.text for t in toks)


class _Local:
    """A token seen inside a span (natasha's normaliser wants span-local ids)."""

    def __init__(self, tok: Token, base: int, inside: set[int]):
        self.text, self.pos, self.feats = tok.text, tok.pos, tok.feats
        self.start, self.stop = tok.start, tok.stop
        self.id = str(tok.i - base)
        self.head_id = str(tok.head - base) if tok.head in inside else "-"


# -- relations -------------------------------------------------------------------
class RelationSettings(StageSettings):
    lexicon: Optional[Path] = None  # default: the language's (configs/relations_ru.yaml)
    inherit_agent: bool = True  # an infinitive or a reported clause without subject takes its governor's


class RussianRelations(_RussianStage):
    """has_role, say and the lexicon's predicates from the dependency tree."""

    requires = (LINKED_MENTIONS,)
    provides = (ROLE_CLAIMS, SPEECH_CLAIMS, RELATION_CLAIMS)
    Settings = RelationSettings

    def __init__(self, settings, context):
        super().__init__(settings, context)
        from .lexicon import load_russian_lexicon

        self.lex = load_russian_lexicon(context.lexicon(settings.lexicon))
        self.triggers = self.lex.triggers()
        self.speech_verbs = set(self.lex.speech.verbs)
        self.titles = {t.lower() for t in self.lex.roles.title_heads}
        self.modal = {w: kind for kind in ("possible", "obligation", "intended")
                      for w in getattr(self.lex.modality, kind)}
        self.quote_open = self.orthography.get("quote_open", "«")
        self.quote_close = self.orthography.get("quote_close", "»")

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        sents = parsed(doc, self.orthography)
        entities = {e.id: e for e in doc.entities}
        claims = list(doc.claims)
        state = {"last_speaker": None, "last_subject": None}
        for sent in sents:
            if sent.kind == "heading":
                continue
            at = self._mention_index(doc, sent)
            claims += self._roles(doc, sent, at, entities)
            said = self._speech(doc, sent, at, state)
            claims += [s for s, _ in said]
            claims += self._relations(doc, sent, at, said, state)
            subj = next((at[t.i] for t in sent.tokens if t.rel.startswith("nsubj") and t.i in at
                         and at[t.i].entity_id.startswith("person:")), None)
            if subj is not None:
                state["last_subject"] = subj.entity_id
        return doc.with_layers(claims=claims, entities=list(entities.values()))

    # -- helpers --------------------------------------------------------------
    @staticmethod
    def _mention_index(doc, sent: ParsedSentence) -> dict[int, Mention]:
        at = {}
        for m in doc.mentions:
            if m.entity_id and sent.start <= m.start < sent.end:
                for t in sent.tokens:
                    if t.start >= m.start and t.stop <= m.end:
                        at[t.i] = m
        return at

    def _entity_of(self, sent: ParsedSentence, i: int, at: dict, state: dict, depth: int = 0) -> list[Mention]:
        """The mentions a token stands for: its own, its apposition's, its
        genitive's, and those coordinated with it (Япония и Южная Корея)."""
        tok = sent.tokens[i]
        found: list[Mention] = []
        if i in at:
            found.append(at[i])
        elif tok.lemma in self.lex.speech.pronouns and state.get("last_subject"):
            found.append(_Pseudo(state["last_subject"]))
        elif depth < 2:
            for rels in (("appos", "flat"), ("nmod",), ("amod",)):
                for c in sent.children(i, rels):
                    if rels == ("nmod",) and c.case != "Gen":
                        continue
                    if sent.children(c.i, ("case",)):
                        continue
                    found = self._entity_of(sent, c.i, at, state, depth + 1)
                    if found:
                        break
                if found:
                    break
        if depth == 0:
            for c in sent.children(i, ("conj",)):
                if c.i not in at and not (c.pos in ("PROPN", "NOUN", "PRON")):
                    continue
                for m in self._entity_of(sent, c.i, at, state, 1):
                    if all(m.entity_id != f.entity_id for f in found):
                        found.append(m)
        return found

    def _slot(self, sent: ParsedSentence, tok: Token) -> str | None:
        rel = tok.rel.split(":")[0]
        preps = [c for c in sent.children(tok.i, ("case",))]
        case = (tok.case or "").lower()[:3] or None
        case = {"ins": "ins", "nom": "nom", "gen": "gen", "dat": "dat", "acc": "acc", "loc": "loc"}.get(case or "")
        if preps:
            p = preps[0].lower
            if p in self.lex.blocking_prepositions or sent.tokens[max(0, preps[0].i - 1)].lower in self.lex.blocking_prepositions:
                return None
            return f"{p}+{case}" if case else None
        if rel in ("nsubj",):
            if tok.rel == "nsubj:pass":
                return None
            # the parser may take an object for a subject: the tagger's case decides
            # (a genitive after a numeral is a subject: 26 стран пообещали)
            if case == "gen" and sent.children(tok.i, ("nummod",)):
                return "nsubj"
            return {None: "nsubj", "nom": "nsubj", "acc": "obj", "dat": "dat", "ins": "ins"}.get(case, None)
        if rel == "obj":
            return "obj"
        if rel == "iobj":
            return "iobj"
        if rel in ("obl", "nmod") and case:
            return case
        return None

    def _negated(self, sent: ParsedSentence, idxs: list[int]) -> bool:
        return any(c.lower in self.lex.polarity.negators for i in idxs for c in sent.children(i, ("advmod", "discourse")))

    @staticmethod
    def _own_tokens(sent: ParsedSentence, at: dict, m) -> list[int]:
        """A mention's tokens and the nouns it hangs from up to its conjunct
        (России <- территории), where a negator of that argument attaches."""
        own = [k for k, x in at.items() if x is m]
        if not own:
            return []
        out, k = list(own), own[0]
        while sent.tokens[k].rel.split(":")[0] in ("nmod", "flat", "appos", "amod") and sent.tokens[k].head >= 0:
            k = sent.tokens[k].head
            out.append(k)
        return out

    def _chain(self, sent: ParsedSentence, i: int) -> list[int]:
        """The token and the verbs it is the complement of (может помочь, готов помочь)."""
        out = [i]
        while sent.tokens[out[-1]].rel in ("xcomp", "csubj") and sent.tokens[out[-1]].head >= 0 and len(out) < 4:
            out.append(sent.tokens[out[-1]].head)
        return out

    # -- has_role -----------------------------------------------------------------
    def _roles(self, doc, sent: ParsedSentence, at: dict, entities: dict) -> list[Claim]:
        claims = []
        seen = set()
        for i, m in sorted(at.items()):
            if not m.entity_id.startswith("person:") or m.id in seen:
                continue
            first = min(k for k, x in at.items() if x is m)
            tok = sent.tokens[first]
            title = None
            head = sent.tokens[tok.head] if tok.head >= 0 else None
            if tok.rel == "appos" and head is not None and head.lemma in self.titles:
                title = head
            elif first > 0 and sent.tokens[first - 1].lemma in self.titles and first - 1 not in at:
                title = sent.tokens[first - 1]
            else:  # "Песков, пресс-секретарь Кремля,"
                title = next((c for c in sent.children(first, ("appos",)) if c.lemma in self.titles), None)
            if title is None:
                continue
            seen.add(m.id)
            # the title: the head noun and its dependents, up to the person
            span = [t for t in sent.subtree(title.i) if t.i not in at or at[t.i] is not m]
            span = [t for t in span if t.start < m.start] if title.start < m.start else [t for t in span if t.start > m.end]
            span = [t for t in span if t.rel != "punct" or t.i > span[0].i] if span else span
            if not span or len(span) > self.lex.roles.max_title_words:
                continue
            org = self._title_org(sent, title, at, m)
            person = entities.get(m.entity_id)
            a, b = span[0].start, span[-1].stop
            title_text = doc.text[a:b].strip(" ,")
            if person is not None:
                update = {"job_title": person.job_title or title_text}
                if org is not None:
                    update["affiliation"] = person.affiliation or org.entity_id
                entities[m.entity_id] = person.model_copy(update=update)
            if org is None:
                continue
            s, e = min(a, m.start), max(b, m.end)
            claims.append(Claim(
                id=f"{doc.document.id}-role-{m.start}", predicate=self.lex.roles.predicate, agent=m.entity_id,
                theme=org.entity_id, text=title_text,
                evidence=Evidence(start=s, end=e, exact=doc.text[s:e]), confidence=0.85))
        return claims

    def _title_org(self, sent, title: Token, at: dict, person: Mention) -> Mention | None:
        """The country or organisation of a title: the nearest one in its genitive
        chain (президента России) or an adjective (российский президент)."""
        queue = [title.i]
        seen = set()
        while queue:
            i = queue.pop(0)
            if i in seen:
                continue
            seen.add(i)
            for c in sorted(sent.children(i, ("nmod", "amod", "flat")), key=lambda t: t.i):
                m = at.get(c.i)
                if m is not None and m is not person and not m.entity_id.startswith("person:"):
                    return m
                if m is None and (c.lemma in self.titles or c.case == "Gen"):
                    queue.append(c.i)
        return None

    # -- say --------------------------------------------------------------------------
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
                      agent=speaker, text=doc.text[a:b],
                      evidence=Evidence(start=sent.start, end=sent.end, exact=doc.text[sent.start:sent.end]),
                      content=Evidence(start=a, end=b, exact=doc.text[a:b]), construction=construction,
                      confidence=confidence), content)

    # -- relations ----------------------------------------------------------------------
    def _relations(self, doc, sent: ParsedSentence, at: dict, said, state: dict) -> list[Claim]:
        claims: list[Claim] = []
        used_nouns: set[int] = set()
        for tok in sent.tokens:
            for predicate, obj in self.triggers.get(tok.lemma, ()):
                if obj is not None:
                    noun = next((c for c in sent.children(tok.i, ("obj", "nsubj", "obl")) if c.lemma == obj), None)
                    if noun is None:
                        continue
                    used_nouns.add(noun.i)
                    claims += self._claim(doc, sent, at, said, state, predicate, tok, [tok.i, noun.i])
                    break
                if tok.pos == "NOUN":
                    if tok.i in used_nouns:
                        continue
                    head = sent.tokens[tok.head] if tok.head >= 0 else None
                    if head is not None and any(p == predicate for p, _ in self.triggers.get(head.lemma, ())):
                        continue  # the verb is the trigger itself (оказать помощь)
                    if (head is not None and head.lemma in self.lex.light_verbs
                            and tok.rel in ("obj", "nsubj", "nsubj:pass")):
                        claims += self._claim(doc, sent, at, said, state, predicate, head, [head.i, tok.i])
                    else:
                        claims += self._claim(doc, sent, at, said, state, predicate, tok, [tok.i], nominal=True)
                    break
                if tok.pos in ("VERB", "AUX") or tok.pos == "ADJ":
                    claims += self._claim(doc, sent, at, said, state, predicate, tok, [tok.i])
                    break
        return claims

    def _claim(self, doc, sent, at, said, state, predicate: str, anchor: Token, parts: list[int],
               nominal: bool = False) -> list[Claim]:
        frame = self.lex.frame(predicate)
        roles: dict[str, list[Mention]] = {}
        used: list[int] = []
        negated_args: set[str] = set()  # "не на Украине, а ... России": not this argument
        complements = [c.i for i in parts for c in sent.children(i, ("xcomp",))]
        # "подписал соглашение с Казахстаном": a prepositional phrase on the object
        objects = [c.i for i in parts for c in sent.children(i, ("obj",)) if c.i not in parts]
        for i in parts + complements + objects:
            for c in sent.children(i):
                if c.i in parts:
                    continue
                slot = self._slot(sent, c)
                if slot is None or slot not in frame:
                    continue
                if nominal and slot == "nsubj":
                    continue
                role = frame[slot]
                if i in complements and (role != "recipient" or roles.get(role)):
                    continue  # "пообещали предоставить Украине": only the complement's recipient
                if i in objects and ("+" not in slot or roles.get(role) or c.rel.startswith("nsubj")):
                    continue
                for m in self._entity_of(sent, c.i, at, state):
                    roles.setdefault(role, []).append(m)
                    used.append(c.i)
                    if self._negated(sent, self._own_tokens(sent, at, m)):
                        negated_args.add(m.entity_id)
        if nominal:  # "переговоры России с Украиной": the genitive does it
            for c in sent.children(anchor.i, ("nmod",)):
                if c.case == "Gen" and not sent.children(c.i, ("case",)) and c.i in at:
                    roles.setdefault("agent", []).extend(self._entity_of(sent, c.i, at, state))
            if (not roles.get("agent") and self.settings.inherit_agent
                    and sent.children(anchor.i, ("case",))):
                # "Москва удовлетворена ... на переговорах с Киевом": the subject of the clause above
                up, steps = anchor.head, 0
                while up >= 0 and steps < 4 and not roles.get("agent"):
                    for c in sent.children(up, ("nsubj",)):
                        if c.i in at:
                            roles.setdefault("agent", []).extend(self._entity_of(sent, c.i, at, state))
                    up, steps = sent.tokens[up].head, steps + 1
        chain = self._chain(sent, anchor.i)
        agents = [m.entity_id for m in roles.pop("agent", [])]
        if not agents and self.settings.inherit_agent:
            for gov in chain[1:] + ([anchor.head] if anchor.rel == "conj" and anchor.head >= 0 else []):
                for c in sent.children(gov, ("nsubj",)):
                    agents += [m.entity_id for m in self._entity_of(sent, c.i, at, state)]
                if agents:
                    break
        content = next(((c, span) for c, span in said if span[0] <= anchor.start < span[1]), None)
        own_subject = any(sent.children(g, ("nsubj",)) for g in chain)
        if (not agents and not nominal and not own_subject and content is not None
                and content[0].construction == "reported_clause" and self.settings.inherit_agent):
            agents = [content[0].agent]  # "заявил, что готов помочь": the speaker, unless the clause names another
        if not agents:
            return []
        polarity = "negated" if self._negated(sent, chain + parts) else "affirmed"
        modality = next((self.modal[sent.tokens[g].lemma] for g in chain[1:] if sent.tokens[g].lemma in self.modal), None)
        if modality is None:
            modality = next((self.modal[c.lemma] for c in sent.children(anchor.i, ("aux", "advmod"))
                             if c.lemma in self.modal), None)
        if content is not None:
            modality = modality or "reported"
        spans = [t.i for i in used for t in sent.subtree(i) if t.rel not in ("punct", "cc")]
        lo, hi = min(spans + parts + chain), max(spans + parts + chain)
        a, b = sent.tokens[lo].start, sent.tokens[hi].stop
        role_names = sorted(r for r in roles if roles[r])
        out = []
        for agent, fillers in product(dict.fromkeys(agents), product(*[list({m.entity_id: m for m in roles[r]}.values())
                                                                       for r in role_names])):
            filled = {r: m.entity_id for r, m in zip(role_names, fillers) if m.entity_id != agent}
            negated_arg = any(m.entity_id in negated_args for m in fillers)
            out.append(Claim(
                id=f"{doc.document.id}-{predicate}-{anchor.start}-{len(out)}", predicate=predicate, agent=agent,
                polarity="negated" if negated_arg != (polarity == "negated") else "affirmed",
                modality=modality or "asserted",
                author=content[0].agent if content is not None else None, text=doc.text[a:b],
                evidence=Evidence(start=sent.start, end=sent.end, exact=doc.text[sent.start:sent.end]),
                confidence=min(0.95, 0.7 + 0.05 * len(filled)), **filled))
            if len(out) >= MAX_CLAIMS_PER_TRIGGER:
                break
        return out


def _content_end(sent: ParsedSentence, after: list[Token]) -> int:
    return after[-1].stop


class _Pseudo:
    """A pronoun standing for an entity seen before."""

    def __init__(self, entity_id: str):
        self.entity_id = entity_id
        self.id = f"pronoun:{entity_id}"
