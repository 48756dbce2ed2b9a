"""The Russian models, loaded once per process: razdel (sentences, tokens),
natasha / slovnet (morphology, syntax, NER; the weights ship inside the
``natasha`` wheel, nothing is downloaded) and pymorphy3 (lemmas, inflection).

A missing package is one clear line (``pip install 'claimgraph[ru]'``), raised as
:class:`MissingRussianModels` (a ValueError: a config load reports it as one line).
"""
from __future__ import annotations

import contextlib
from functools import lru_cache

INSTALL_HINT = "Russian needs the packages of the ru extra: pip install 'claimgraph[ru]'"


class MissingRussianModels(ValueError):
    pass


def require() -> None:
    """Raise MissingRussianModels unless razdel, natasha and pymorphy3 import."""
    try:
        import natasha  # noqa: F401
        import pymorphy3  # noqa: F401
        import razdel  # noqa: F401
    except ImportError as err:
        raise MissingRussianModels(f"{INSTALL_HINT} ({err.name} is missing)") from None


@lru_cache(maxsize=None)
def natasha_models():
    """(embedding, morph tagger, syntax parser, NER tagger, morph vocab), shared."""
    require()
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    try:
        vocab = MorphVocab()
    except ModuleNotFoundError as err:  # natasha's pymorphy2 imports pkg_resources (setuptools < 81)
        raise MissingRussianModels(f"{INSTALL_HINT} ({err.name} is missing: pip install 'setuptools<81')") from None
    emb = NewsEmbedding()
    return emb, NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb), vocab


@lru_cache(maxsize=None)
def morph():
    """pymorphy3's analyser (dictionaries ship in pymorphy3-dicts-ru)."""
    require()
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# Universal POS -> pymorphy3 (OpenCorpora) POS tags
_UD_POS = {"NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
           "AUX": {"VERB", "INFN"}, "ADJ": {"ADJF", "ADJS", "COMP", "PRTF"}, "ADV": {"ADVB", "COMP"},
           "DET": {"ADJF", "NPRO"}, "PRON": {"NPRO"}, "NUM": {"NUMR", "ADJF"}}


@lru_cache(maxsize=200_000)
def lemma(word: str, pos: str | None = None) -> str:
    """The dictionary form of a word (lower case, ё as е): of the first analysis
    with the tagger's part of speech, else the most likely one."""
    parses = morph().parse(word)
    want = _UD_POS.get(pos or "")
    if want:
        for p in parses:
            if p.tag.POS in want:
                return p.normal_form.replace("ё", "е")
    return parses[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form pymorphy3 allows for a word (ambiguous forms: several)."""
    return frozenset(p.normal_form.replace("ё", "е") for p in morph().parse(word))


_VERB_FORMS = {"VERB", "INFN", "PRTF", "PRTS", "GRND"}


@lru_cache(maxsize=200_000)
def verb_grammemes(word: str) -> frozenset[str]:
    """pymorphy3's grammemes of a word's most likely verb reading (its POS among them:
    PRTF a participle, GRND a gerund; futr, pssv), empty when it has none. slovnet's
    features miss some (поблагодарит: Pres; поддержавшая: Fin); the dictionary does not."""
    verbs = [p for p in morph().parse(word) if p.tag.POS in _VERB_FORMS]
    if not verbs:
        return frozenset()
    found = frozenset(verbs[0].tag.grammemes)
    if "futr" in found and any("pres" in p.tag for p in verbs):
        found -= {"futr"}  # a verb of both aspects (атакует): present or future, no telling
    return found


def blas_threads(n: int | None):
    """A context in which numpy's BLAS uses at most ``n`` threads (slovnet's models
    are many small matrix products: on a busy machine one thread each is ~10x faster
    than contending threads). No limit when ``n`` is None or threadpoolctl is missing."""
    if not n:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=n, user_api="blas")


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("natasha", "slovnet", "razdel", "pymorphy3"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out
