"""``ru_relations.v1``: has_role, say and the lexicon's predicates read from the
dependency tree with ``configs/relations_ru.yaml``. A trigger (a lemma, or a light verb
and its noun) takes its arguments from its dependents by slot (nsubj, obj, a case or
preposition+case) through the predicate's frame; an infinitive or a reported clause
without subject takes its governor's; ``не`` on the verb or on one argument negates;
the governing verb sets the modality; a claim inside a reported statement gets the
speaker as author."""
from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Optional

from ....layers import ENTITIES, JOB_TITLES, LINKED_MENTIONS, RELATION_CLAIMS, ROLE_CLAIMS, RU_PARSE, SPEECH_CLAIMS
from ....records import AnnotatedDocument, Claim, Evidence, Mention
from ....stage import StageSettings
from .. import models
from ..parse import ParsedSentence, Token
from .base import _RussianStage, parsed
from .roles import RoleReader
from .speech import SpeechReader
from .tree import TreeReader

MAX_CLAIMS_PER_TRIGGER = 12


class RelationSettings(StageSettings):
    lexicon: Optional[Path] = None  # default: the language's (configs/relations_ru.yaml)
    inherit_agent: bool = True  # an infinitive or a reported clause without subject takes its governor's


class RussianRelations(TreeReader, RoleReader, SpeechReader, _RussianStage):
    """has_role, say and the lexicon's predicates from the dependency tree."""

    requires = (RU_PARSE, LINKED_MENTIONS, ENTITIES)
    provides = (ROLE_CLAIMS, JOB_TITLES, SPEECH_CLAIMS, RELATION_CLAIMS)
    Settings = RelationSettings

    def __init__(self, settings, context):
        super().__init__(settings, context)
        from ..lexicon import load_russian_lexicon

        self.lex = load_russian_lexicon(context.lexicon(settings.lexicon))
        self.triggers = self.lex.triggers()
        self.speech_verbs = set(self.lex.speech.verbs)
        self.titles = {t.lower() for t in self.lex.roles.title_heads}
        self.modal = {w: kind for kind in ("possible", "obligation", "intended", "hypothetical")
                      for w in getattr(self.lex.modality, kind)}
        self.future_auxiliaries = set(self.lex.modality.future_auxiliaries)
        self.reflexive_endings = tuple(self.lex.reflexive_endings)
        self.quote_open = self.orthography.get("quote_open", "«")
        self.quote_close = self.orthography.get("quote_close", "»")

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        sents = parsed(doc)
        entities = {e.id: e for e in doc.entities}
        claims = list(doc.claims)
        state = {"last_speaker": None, "last_subject": None}
        linked = self.linked_by_start(doc)
        for sent in sents:
            if sent.kind == "heading":
                continue
            at = self._mention_index(doc, sent, linked)
            claims += self._roles(doc, sent, at, entities)
            said = self._speech(doc, sent, at, state)
            claims += [s for s, _ in said]
            claims += self._relations(doc, sent, at, said, state)
            subj = next((at[t.i] for t in sent.tokens if t.rel.startswith("nsubj") and t.i in at
                         and at[t.i].entity_id.startswith("person:")), None)
            if subj is not None:
                state["last_subject"] = subj.entity_id
        return doc.with_layers(claims=claims, entities=list(entities.values()))

    def _relations(self, doc, sent: ParsedSentence, at: dict, said, state: dict) -> list[Claim]:
        claims: list[Claim] = []
        used_nouns: set[int] = set()
        for tok in sent.tokens:
            for predicate, obj in self._triggers_of(tok):
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
                # a sentence-initial gerund the tagger took for a name (Созвонившись с ...)
                if tok.pos in ("VERB", "AUX", "ADJ") or (
                        tok.pos == "PROPN" and "GRND" in models.verb_grammemes(tok.text)):
                    claims += self._claim(doc, sent, at, said, state, predicate, tok, [tok.i])
                    break
        return claims

    def _triggers_of(self, tok: Token) -> list[tuple[str, str | None]]:
        """The lexicon's triggers of a token's lemma (every inflection, participle and
        gerund of a listed verb); a passive in -ся by its verb (подписывается: подписывать)."""
        return self.triggers.get(tok.lemma) or self.triggers.get(self._reflexive_base(tok) or "", [])

    def _reflexive_base(self, tok: Token) -> str | None:
        """подписываться -> подписывать: a -ся form of a listed verb that is not listed itself."""
        if tok.lemma in self.triggers:
            return None
        ending = next((e for e in self.reflexive_endings if tok.lemma.endswith(e)), None)
        base = tok.lemma[:-len(ending)] if ending else None
        return base if base in self.triggers else None

    def _future(self, sent: ParsedSentence, anchor: Token, grammemes: frozenset[str]) -> bool:
        """поможет (a perfective non-past), будет помогать (быть and an infinitive)."""
        if "futr" in grammemes or (not grammemes and anchor.feats.get("Tense") == "Fut"):
            return True
        return "INFN" in grammemes and any(
            c.lemma in self.future_auxiliaries for c in sent.children(anchor.i, ("aux",)))

    def _claim(self, doc, sent, at, said, state, predicate: str, anchor: Token, parts: list[int],
               nominal: bool = False) -> list[Claim]:
        frame = self.lex.frame(predicate)
        roles: dict[str, list[Mention]] = {}
        used: list[int] = []
        negated_args: set[str] = set()  # "не на Украине, а ... России": not this argument
        # the verb's form from the dictionary (slovnet's features miss some)
        verbal = anchor.pos in ("VERB", "AUX", "ADJ", "PROPN")
        grammemes = models.verb_grammemes(anchor.text) if verbal else frozenset()
        passive = ("pssv" in grammemes or anchor.feats.get("Voice") == "Pass"
                   or self._reflexive_base(anchor) is not None)  # подписывается Россией
        participle = "PRTF" in grammemes and anchor.rel.split(":")[0] in ("amod", "acl")
        complements = [c.i for i in parts for c in sent.children(i, ("xcomp",))]
        # "подписал соглашение с Казахстаном": a prepositional phrase on the object
        objects = [c.i for i in parts for c in sent.children(i, ("obj",)) if c.i not in parts]
        for i in parts + complements + objects:
            for c in sent.children(i):
                if c.i in parts:
                    continue
                slot = self._slot(sent, c)
                if passive and i == anchor.i:  # было подписано Россией: the instrumental does it
                    slot = "obj" if c.rel.startswith("nsubj") else ("nsubj" if slot == "ins" else slot)
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
        if participle and anchor.head >= 0:
            # the noun a participle qualifies: подписавшая соглашение Россия does it,
            # подписанное Россией соглашение is done
            role = frame.get("obj") if passive else "agent"
            if role:
                roles.setdefault(role, []).extend(self._entity_of(sent, anchor.head, at, state))
        chain = self._chain(sent, anchor.i)
        agents = [m.entity_id for m in roles.pop("agent", [])]
        # a gerund's subject is its verb's (встретившись с X, Россия ...), as a conjunct's
        sharing = anchor.rel == "conj" or "GRND" in grammemes
        if not agents and self.settings.inherit_agent:
            for gov in chain[1:] + ([anchor.head] if sharing and anchor.head >= 0 else []):
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
        if modality is None and self._future(sent, anchor, grammemes):
            modality = "intended"
        if content is not None:
            modality = modality or "reported"
        spans = [t.i for i in used for t in sent.subtree(i) if t.rel not in ("punct", "cc")]
        lo, hi = min(spans + parts + chain), max(spans + parts + chain)
        a, b = sent.tokens[lo].start, sent.tokens[hi].stop
        if self.lex.predicates[predicate].symmetric and not roles.get("recipient") and len(set(agents)) > 1:
            # "Армения и Азербайджан провели переговоры": the first the agent, the other the recipient
            first = agents[0]
            roles["recipient"] = [_Ref(a) for a in dict.fromkeys(agents) if a != first]
            agents = [first]
        role_names = sorted(r for r in roles if roles[r])
        date = self.sentence_date(doc, sent, prefer=content[1] if content is not None else None)
        out = []
        for agent, fillers in product(dict.fromkeys(agents), product(*[list({m.entity_id: m for m in roles[r]}.values())
                                                                       for r in role_names])):
            filled = {r: m.entity_id for r, m in zip(role_names, fillers) if m.entity_id != agent}
            negated_arg = any(m.entity_id in negated_args for m in fillers)
            out.append(Claim(
                id=f"{doc.document.id}-{predicate}-{anchor.start}-{len(out)}", predicate=predicate, agent=agent,
                polarity="negated" if negated_arg != (polarity == "negated") else "affirmed",
                modality=modality or "asserted",
                author=content[0].agent if content is not None else None, text=doc.text[a:b], date=date,
                evidence=Evidence(start=sent.start, end=sent.end, exact=doc.text[sent.start:sent.end]),
                confidence=min(0.95, 0.7 + 0.05 * len(filled)), **self.lex.cameo_fields(predicate), **filled))
            if len(out) >= MAX_CLAIMS_PER_TRIGGER:
                break
        return out


class _Ref:
    """An entity id standing in a role (a coordinated subject moved to the recipient)."""

    def __init__(self, entity_id: str):
        self.entity_id = entity_id
