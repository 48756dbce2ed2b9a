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
        groups = load_lexicon(context.lexicon(settings.lexicon)).groups
        self.member_type = {noun: typ for typ, nouns in groups.member_nouns.items() for noun in nouns}
        self.number_words = groups.number_words
        self.approximators = set(groups.approximators)
        self.analyser = context.language_pack.analyser

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        mentions, entities = list(doc.mentions), list(doc.entities)
        n = 0
        for view in sentence_views(doc, []):
            toks = view.tokens
            for i, tok in enumerate(toks):
                count = self._count(tok.lower)
                if count is None:
                    continue
                j = i + 1
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
