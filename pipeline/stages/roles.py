"""RoleExtractor: titles between an organisation or country and a person.

``АҚШ президенті Дональд Трамп``, ``Кремльдің баспасөз хатшысы Дмитрий Песков``
-> a ``has_role`` claim (agent = the person, theme = the organisation or country,
text = the title) and the title and affiliation on the person. A title alone
(``Премьер-министр Хироси Танака``) sets the job title only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..lexicon import load_lexicon
from ..layers import ENTITIES, JOB_TITLES, LINKED_MENTIONS, ROLE_CLAIMS, SENTENCES, TOKENS
from ..records import AnnotatedDocument, Claim, Evidence
from ..stage import Stage, StageSettings
from ..textview import sentence_views

AFFILIATION_LABELS = {"ORG", "COUNTRY", "GPE", "LOC"}


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own


class RoleExtractor(Stage):
    requires = (TOKENS, SENTENCES, LINKED_MENTIONS, ENTITIES)
    provides = (ROLE_CLAIMS, JOB_TITLES)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        make_reader = context.language_pack.frame_reader  # first: a language without one says so
        self.lex = load_lexicon(context.lexicon(settings.lexicon))
        self.reader = make_reader(self.lex)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        claims = list(doc.claims)
        entities = {e.id: e for e in doc.entities}
        for view in sentence_views(doc):
            for m in view.mentions:
                if m.label != "PERSON" or not m.entity_id:
                    continue
                first, _ = view.token_range(m)
                found = self._title_before(view, first)
                if not found:
                    continue
                title_first, org = found
                title = view.span_text(title_first, first - 1)
                person = entities[m.entity_id]
                update = {"job_title": person.job_title or title}
                if org is not None:
                    update["affiliation"] = person.affiliation or org.entity_id
                    start, end = org.start, m.end
                    claims.append(Claim(
                        id=f"{doc.document.id}-role-{m.start}", predicate=self.lex.roles.predicate,
                        agent=m.entity_id, theme=org.entity_id, text=title,
                        evidence=Evidence(start=start, end=end, exact=doc.text[start:end]), confidence=self.lex.confidence_of(self.lex.roles.predicate, "title"),
                    ))
                entities[m.entity_id] = person.model_copy(update=update)
        return doc.with_layers(claims=claims, entities=list(entities.values()))

    def _title_before(self, view, first: int):
        """(first token of the title, the organisation mention or None) for a
        person starting at token ``first``, or None when no title precedes it."""
        k = first - 1
        if k < 0 or view.mention_at(k) or not self.reader.is_title(view.tokens[k].text):
            return None
        start = k
        while start - 1 >= 0 and first - (start - 1) <= self.lex.roles.max_title_words:
            prev = start - 1
            if view.mention_at(prev) or view.tokens[prev].is_punct:
                break
            # a title's words are nouns and adjectives; a finite verb or a number ends it
            if view.tokens[prev].text[:1].isdigit():
                break
            start = prev
        # the organisation stands right before the title, in the nominative or genitive
        org_mention = view.mention_at(start - 1) if start - 1 >= 0 else None
        if (org_mention and org_mention.label in AFFILIATION_LABELS and org_mention.entity_id
                and (org_mention.case or "nom") in ("nom", "gen")):
            return start, org_mention
        return self._bare_title_start(view, k), None

    def _bare_title_start(self, view, head: int) -> int:
        """Lower-case, uninflected words right before the head belong to the title."""
        start = head
        stop = tuple(self.lex.roles.participle_endings)
        while start - 1 >= 0 and head - (start - 1) < self.lex.roles.max_title_words:
            tok = view.tokens[start - 1]
            if view.mention_at(start - 1) or tok.is_punct or not tok.text[:1].islower() or tok.lower.endswith(stop):
                break
            if self.reader.case_of(tok.text, possessive=False) != "nom":
                break
            start -= 1
        return start
