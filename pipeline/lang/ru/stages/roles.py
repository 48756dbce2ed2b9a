"""``has_role`` in Russian: a title before (or in apposition to) a person, with the
country or organisation in its genitive chain (президент России Владимир Путин,
пресс-секретарь Кремля Дмитрий Песков) or its adjective; the title becomes the
person's jobTitle."""
from __future__ import annotations

from ....records import Claim, Evidence, Mention
from ..parse import ParsedSentence, Token


class RoleReader:
    """Mixed into the relation stage; uses its ``lex`` and ``titles``."""

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
