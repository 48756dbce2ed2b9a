"""KazakhMorphology: a lemma, a UD part of speech and UD features on every token.

Reads the tokens a sentence at a time (a verb's reading depends on its neighbours:
жазып жатыр) and returns new tokens with ``lemma`` (lower case, the dictionary form:
a verb's bare stem, a noun's nominative singular), ``pos`` (UD UPOS) and ``morph``
(UD features sorted by name, ``Case=Dat|Number=Plur``). A whitespace token keeps
all three None. Rules only (pipeline/lang/kk/morph/tagger.py); docs/kk-morphology.md
holds its card.
"""
from __future__ import annotations

from dataclasses import replace

from ....layers import MORPHOLOGY, SENTENCES, TOKENS
from ....records import AnnotatedDocument, Token
from ....stage import Stage, StageSettings
from ..morph.tagger import SentenceMorphology, default_sentence_morphology


class Settings(StageSettings):
    pass


class KazakhMorphology(Stage):
    requires = (TOKENS, SENTENCES)
    provides = (MORPHOLOGY,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.morphology: SentenceMorphology = default_sentence_morphology()

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        tokens = list(doc.tokens)
        out: list[Token] = list(tokens)
        for group in self._groups(doc):
            readings = self.morphology.analyse([tokens[k].text for k in group])
            for k, r in zip(group, readings):
                out[k] = replace(tokens[k], lemma=r.lemma, pos=r.upos, morph=r.feats)
        return doc.with_layers(tokens=out)

    @staticmethod
    def _groups(doc: AnnotatedDocument) -> list[list[int]]:
        """Indexes of the word tokens of each sentence, in order; a word outside every
        sentence is a group of its own. One pass over tokens and sentences."""
        groups: list[list[int]] = []
        sentences = doc.sentences
        s = 0
        current: list[int] = []
        for k, tok in enumerate(doc.tokens):
            if tok.text.isspace():
                continue
            while s < len(sentences) and sentences[s].end <= tok.start:
                if current:
                    groups.append(current)
                    current = []
                s += 1
            if s < len(sentences) and sentences[s].start <= tok.start:
                current.append(k)
            else:
                groups.append([k])
        if current:
            groups.append(current)
        return groups
