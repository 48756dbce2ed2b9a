"""Features for the Kazakh NER model, set inside the model's own spaCy pipeline.

A Kazakh noun takes dozens of endings, so a hash embedding sees ``Песковтың``,
``Песковқа`` and ``Песковпен`` as three unrelated rows. Two components placed
before ``tok2vec`` give the model what the forms share:

``kk_stem_norm``
    sets ``token.norm_`` to the lower-cased stem the package's
    :class:`~pipeline.lang.kk.normalise.NameNormaliser` gives (``Песковтың`` -> ``песков``);
    the ending stays visible through SUFFIX. The Kazakh language class's own lexical
    attributes are left alone: only a model whose pipeline holds this component reads it.
``kk_gazetteer``
    sets ``token.tag_`` to the gazetteer classes the token belongs to (``GIVEN``,
    ``SURNAME``, ``COUNTRY``, ``PLACE``, ``ORG``, joined with ``|``), matched on the
    stem, so inflected forms hit; the embedding reads it as the TAG attribute. Only
    capitalised words (and all-capital abbreviations) start a match. The lists come
    from ``pipeline/lang/kk/data/gazetteers`` when a model is created and are saved with it,
    so a trained model does not change when the package's lists do.

Both are registered when this module is imported (``pipeline.stages.ner`` and the
training code import it; the ``spacy_factories`` entry point does so for a plain
``spacy.load``). Training must list them in ``[training] annotating_components``,
so the training docs get the features too.
"""
from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...resources import read_yaml
from .resources import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteers"
_CACHE_LIMIT = 500_000


class _StemCache:
    """word -> lower-cased stem, through the package's NameNormaliser (cached)."""

    def __init__(self):
        from .normalise import default_normaliser

        self.normaliser = default_normaliser()
        self.cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self.cache.get(word)
        if stem is None:
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            if any(ch.isalpha() for ch in word):
                stem = self.normaliser.lemma(word).name.lower()
            else:
                stem = word.lower()
            self.cache[word] = stem
        return stem


_STEMS: _StemCache | None = None


def stem_of(word: str) -> str:
    """The lower-cased stem of one word (``Песковтың`` -> ``песков``)."""
    global _STEMS
    if _STEMS is None:
        _STEMS = _StemCache()
    return _STEMS(word)


class StemNorm:
    """Sets ``token.norm_`` to the word's lower-cased stem."""

    def __init__(self, name: str = "kk_stem_norm"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = stem_of(token.text)
        return doc

    def pipe(self, docs, batch_size: int = 1000):
        for doc in docs:
            yield self(doc)

    # nothing to save: the feature is a function of the package's suffix table
    def to_disk(self, path, *, exclude=tuple()):
        pass

    def from_disk(self, path, *, exclude=tuple()):
        return self

    def to_bytes(self, *, exclude=tuple()):
        return b""

    def from_bytes(self, data, *, exclude=tuple()):
        return self


def load_gazetteers(directory: Path = GAZETTEER_DIR) -> dict[str, list[str]]:
    """{class: entries} from the YAML lists in ``directory`` (one class per file)."""
    out: dict[str, list[str]] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        data = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("label"), str) or not isinstance(data.get("entries"), list):
            raise ValueError(f"{path}: expected a mapping with 'label' and a list of 'entries'")
        out.setdefault(data["label"], []).extend(str(e) for e in data["entries"])
    return out


def _all_stems(word: str) -> list[str]:
    """Every stem the suffix analyser proposes, possessive endings stripped too: the
    last word of a phrase such as ``ғарыш агенттігі`` inflects after its possessive
    (``агенттігіне``); both share the stem ``агенттіг``."""
    from .morphology import default_analyser

    return default_analyser().stems(word)


def _starts_name(word: str) -> bool:
    return word[:1].isupper()


class Gazetteer:
    """Sets ``token.tag_`` to the gazetteer classes of the token ("" when none)."""

    def __init__(self, name: str = "kk_gazetteer", lists: dict[str, list[str]] | None = None):
        self.name = name
        self.set_lists(load_gazetteers() if lists is None else lists)

    def set_lists(self, lists: dict[str, list[str]]) -> None:
        self.lists = {label: sorted(set(entries)) for label, entries in lists.items()}
        self.words: dict[str, set[str]] = {}  # one-word entry (lower) -> classes
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (words, class)
        for label, entries in self.lists.items():
            for entry in entries:
                words = tuple(w.lower() for w in entry.split())
                if len(words) == 1:
                    self.words.setdefault(words[0], set()).add(label)
                elif words:
                    self.phrases.setdefault(words[0], []).append((words, label))
        for first in self.phrases:
            self.phrases[first].sort(key=lambda p: -len(p[0]))

    def classes(self, doc: Doc) -> list[set[str]]:
        texts = [t.text for t in doc]
        lows = [w.lower() for w in texts]
        found: list[set[str]] = [set() for _ in texts]
        for i, word in enumerate(texts):
            if not _starts_name(word):
                continue
            stem = stem_of(word)
            found[i] |= self.words.get(lows[i], set()) | self.words.get(stem, set())
            for words, label in self.phrases.get(lows[i], ()):
                n = len(words)
                if i + n > len(texts) or tuple(lows[i:i + n - 1]) != words[:-1]:
                    continue
                last = lows[i + n - 1]
                if words[-1] in (last, stem_of(texts[i + n - 1])) or set(_all_stems(words[-1])) & set(_all_stems(last)):
                    for j in range(i, i + n):
                        found[j].add(label)
        return found

    def __call__(self, doc: Doc) -> Doc:
        for token, labels in zip(doc, self.classes(doc)):
            if labels:
                token.tag_ = "|".join(sorted(labels))
        return doc

    def pipe(self, docs, batch_size: int = 1000):
        for doc in docs:
            yield self(doc)

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "gazetteers.json").write_text(json.dumps(self.lists, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()):
        file = Path(path) / "gazetteers.json"
        try:
            lists = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ValueError(f"{file}: cannot read the model's gazetteer ({err})") from None
        self.set_lists(lists)
        return self

    def to_bytes(self, *, exclude=tuple()):
        return json.dumps(self.lists, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data, *, exclude=tuple()):
        self.set_lists(json.loads(data.decode("utf-8")))
        return self


@Language.factory("kk_stem_norm")
def make_stem_norm(nlp: Language, name: str) -> StemNorm:
    return StemNorm(name)


@Language.factory("kk_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(name)
