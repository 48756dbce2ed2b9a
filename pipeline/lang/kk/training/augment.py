"""Entity-swap augmentation for NER training: the model learns the frame, not the name.

``claimgraph.kk_entity_swap.v1`` is a spaCy augmenter (``[corpora.train.augmenter]``):
besides each training sentence it yields, with some probability, a copy in which
person and place names are replaced by other names of the same type from the
gazetteers (``pipeline/lang/kk/data/gazetteers``), inflected with the same case ending as
the original (``Песковтың`` -> ``Омаровтың``, ``Мәскеуге`` -> ``Лиссабонға``). The
ending variant is chosen by the package's own phonology (assimilation and vowel
harmony, :class:`~pipeline.lang.kk.normalise.Phonology`); a name whose ending cannot be
reproduced is left as it is. A fresh choice is made every epoch.
"""
from __future__ import annotations

import random
from functools import partial

from spacy.training import Example
from spacy.tokens import Doc
from spacy.util import registry

from ..morphology import HYPHENS, Analysis
from ..normalise import Phonology, default_normaliser
from ..resources import kk_data


class Inflector:
    """Put a bare name into a case, choosing the ending variant its sounds take."""

    def __init__(self):
        data = kk_data("suffixes.yaml")
        self.forms = {case: spec.get("forms", []) for case, spec in data["cases"].items()}
        self.attributive = list(data["attributive"])
        self.phonology = Phonology()
        self.normaliser = default_normaliser()

    def analyse(self, word: str) -> tuple[str, str, bool] | None:
        """(case, ending, attributive) of a name as written; None when it cannot be
        reproduced (hyphenated, possessive or plural endings)."""
        if any(h in word for h in HYPHENS):
            return None
        lemma = self.normaliser.lemma(word)
        if lemma.case == "nom" or lemma.name == word:
            return ("nom", "", False)
        ending = word[len(lemma.name):].lower()
        attributive = lemma.case == "loc" and ending[-2:] in self.attributive
        return (lemma.case, ending, attributive)

    def inflect(self, stem: str, case: str, ending: str, attributive: bool) -> str | None:
        if case == "nom":
            return stem
        endings = self.forms.get(case, [])
        if attributive:
            endings = [e + a for e in endings for a in self.attributive]
        fitting = [e for e in endings if len(e) == len(ending)
                   and self.phonology.fits(stem, Analysis(stem=stem, ending=e, case=case, attributive=attributive))]
        if not fitting:
            return None
        if attributive:  # the -ғы/-гі vowel follows the case vowel
            back = any(ch in self.phonology.back for ch in fitting[0][:-2])
            fitting = [e for e in fitting if any(ch in (self.phonology.back if back else self.phonology.front)
                                                 for ch in e[-2:])] or fitting
        return stem + fitting[0]


class EntitySwapper:
    def __init__(self, lists: dict[str, list[str]]):
        def single(label):
            return sorted({e for e in lists.get(label, []) if " " not in e and "-" not in e and not e.isupper()})

        self.given = single("GIVEN")
        self.given_set = set(self.given)
        self.surnames = single("SURNAME")
        self.countries = single("COUNTRY")
        self.places = single("PLACE")
        self.inflector = Inflector()

    def _replace(self, words: list[str], label: str) -> list[str] | None:
        if any(not w[:1].isupper() or w.isupper() for w in words):
            return None
        if label == "GPE":
            if len(words) != 1:
                return None
            # countries as often as cities: news names countries most
            pool = [random.choice(self.countries if random.random() < 0.5 else self.places)]
        elif label == "PERSON":
            if len(words) == 2:
                pool = [random.choice(self.given), random.choice(self.surnames)]
            elif len(words) == 1:
                bare = self.inflector.normaliser.lemma(words[0]).name
                pool = [random.choice(self.given if bare in self.given_set else self.surnames)]
            else:
                return None
        else:
            return None
        form = self.inflector.analyse(words[-1])
        if form is None:
            return None
        last = self.inflector.inflect(pool[-1], *form)
        if last is None:
            return None
        return pool[:-1] + [last]

    def __call__(self, nlp, example: Example, labels: tuple[str, ...]) -> Example | None:
        ref = example.reference
        words, spaces, tags = [], [], []
        changed = False
        i = 0
        ents = {e.start: e for e in ref.ents}
        while i < len(ref):
            ent = ents.get(i)
            if ent is not None:
                new = self._replace([t.text for t in ent], ent.label_) if ent.label_ in labels else None
                span_words = new or [t.text for t in ent]
                changed = changed or new is not None
                words += span_words
                spaces += [True] * (len(span_words) - 1) + [bool(ent[-1].whitespace_)]
                tags += [f"B-{ent.label_}"] + [f"I-{ent.label_}"] * (len(span_words) - 1)
                i = ent.end
                continue
            token = ref[i]
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            tags.append("O")
            i += 1
        if not changed:
            return None
        reference = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
        return Example(Doc(nlp.vocab, words=words, spaces=spaces), reference)


def entity_swap(nlp, example: Example, *, swapper: EntitySwapper, probability: float, labels: tuple[str, ...]):
    yield example
    if random.random() < probability:
        new = swapper(nlp, example, labels)
        if new is not None:
            yield new


@registry.augmenters("claimgraph.kk_entity_swap.v1")
def create_entity_swap(probability: float = 0.5, labels: list[str] = ("PERSON", "GPE")):
    from ..ner_features import load_gazetteers

    return partial(entity_swap, swapper=EntitySwapper(load_gazetteers()), probability=probability,
                   labels=tuple(labels))
