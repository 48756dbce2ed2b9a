"""QuantifiedGroupFinder: "26 ел", "26 елдің", "100-ден астам адам" -> a Group
entity (count, member type) and a GROUP mention carrying the noun's case."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..lexicon import load_lexicon
from ..layers import GROUP_MENTIONS, SENTENCES, TOKENS
from ..records import AnnotatedDocument, Entity, Mention
from ..stage import Stage, StageSettings
from ..textview import sentence_views

_NUMBER = re.compile(r"^(\d+)(?:[-‐]\w+)?$")


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own


class QuantifiedGroupFinder(Stage):
    requires = (TOKENS, SENTENCES)
    provides = (GROUP_MENTIONS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.analyser = context.language_pack.analyser  # first: a language without one says so
        groups = load_lexicon(context.lexicon(settings.lexicon)).groups
        self.member_type = {noun: typ for typ, nouns in groups.member_nouns.items() for noun in nouns}
        self.number_words = groups.number_words
        self.approximators = set(groups.approximators)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        mentions, entities = list(doc.mentions), list(doc.entities)
        n = 0
        for view in sentence_views(doc, []):
            toks = view.tokens
            for i, tok in enumerate(toks):
                if i > 0 and toks[i - 1].lower in self.number_words:
                    continue  # inside "он сегіз": read from its first word
                count, j = self._number(toks, i)
                if count is None:
                    continue
                while j < len(toks) and toks[j].lower in self.approximators:
                    j += 1
                if j >= len(toks):
                    continue
                member = self._member(toks[j].lower)
                if member is None:
                    continue
                member_type, case, noun = member
                n += 1
                start, end = tok.start, toks[j].end
                gid = f"group:{doc.document.id}-{n}"
                entities.append(Entity(id=gid, type="Group", name=f"{count} {noun}", count=count,
                                       member_type=member_type))
                mentions.append(Mention(id=f"m{start}-{end}", start=start, end=end, text=doc.text[start:end],
                                        label="GROUP", entity_id=gid, case=case, source=self.factory))
        return doc.with_layers(mentions=mentions, entities=entities)

    def _number(self, toks, i: int) -> tuple[int | None, int]:
        """The number from token ``i`` and the index after it: digits, or a run of number
        words (он сегіз = 18, екі мың = 2000, үш жүз елу = 350)."""
        first = self._count(toks[i].lower)
        if first is None or toks[i].lower not in self.number_words:
            return first, i + 1
        total, current, j = 0, 0, i
        while j < len(toks) and toks[j].lower in self.number_words:
            v = self.number_words[toks[j].lower]
            if v >= 1000:
                total += max(current, 1) * v
                current = 0
            elif v == 100:
                current = max(current, 1) * v
            else:
                current += v
            j += 1
        return total + current, j

    def _count(self, word: str) -> int | None:
        m = _NUMBER.match(word)
        if m:
            return int(m.group(1))
        return self.number_words.get(word)

    def _member(self, word: str) -> tuple[str, str, str] | None:
        for a in self.analyser.analyses(word):
            if a.stem in self.member_type and not a.possessive:
                return self.member_type[a.stem], a.case, a.stem
        return None
