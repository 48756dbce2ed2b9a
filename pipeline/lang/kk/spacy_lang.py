"""A spaCy ``Language`` for Kazakh in Cyrillic script.

spaCy 3.8 ships no Kazakh class. This one is registered as ``kk`` (through the
``spacy_languages`` entry point and again when :mod:`pipeline` is imported), so
``spacy.blank("kk")`` works. Its orthographic data (abbreviations, quotes) lives in
``pipeline/lang/kk/data/language.yaml``.
"""
from __future__ import annotations

from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.language import BaseDefaults, Language
from spacy.attrs import IDX, LENGTH, PREFIX, SUFFIX
from spacy.symbols import ORTH
from spacy.util import registry, update_exc

from ...records import Token
from .resources import kk_data


def _language_data() -> dict:
    return kk_data("language.yaml")


def _tokenizer_exceptions() -> dict:
    data = _language_data()
    exc = {}
    for abbr in data["abbreviations"]:
        exc[abbr] = [{ORTH: abbr}]
        exc[abbr[0].upper() + abbr[1:]] = [{ORTH: abbr[0].upper() + abbr[1:]}]
    return update_exc(BASE_EXCEPTIONS, exc)


# spaCy's Cyrillic classes lack the Kazakh letters (ә ғ қ ң ө ұ ү һ), so a word
# such as "жоқ." would keep its period; extend them.
_KK_EXTRA = _language_data()["extra_letters"]
KK_LOWER = ALPHA_LOWER + "".join(c for c in _KK_EXTRA if c.islower())
KK_UPPER = ALPHA_UPPER + "".join(c for c in _KK_EXTRA if c.isupper())
KK_ALPHA = ALPHA + _KK_EXTRA

TOKENIZER_PREFIXES = (
    ["§", "%", "=", "—", "–", r"\+(?![0-9])"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_CURRENCY
    + LIST_ICONS
)

TOKENIZER_SUFFIXES = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=[0-9])(?:{c})".format(c=CURRENCY),
        r"(?<=[0-9])(?:{u})".format(u=UNITS),
        r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(al=KK_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT),
        r"(?<=[{au}][{au}])\.".format(au=KK_UPPER),
    ]
)

# Kazakh writes case endings after abbreviations and numbers with a hyphen
# (НАТО-ға, АҚШ-тың, 2022-жылы), and hyphenated words (аясында-ақ) are single
# words too; so unlike spaCy's defaults, a hyphen between letters does not split.
TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\*^](?=[0-9-])",
        r"(?<=[0-9])-(?=[0-9])",
        r"(?<=[{al}{q}])\.(?=[{au}{q}])".format(al=KK_LOWER, au=KK_UPPER, q=CONCAT_QUOTES),
        r"(?<=[{a}]),(?=[{a}])".format(a=KK_ALPHA),
        r"(?<=[{a}0-9])[:<>=/](?=[{a}])".format(a=KK_ALPHA),
        r"(?<=[{a}])[«»](?=[{a}])".format(a=KK_ALPHA),
    ]
)


def _prefix(text: str) -> str:
    # A stem proxy: Kazakh inflects at the end, so the first letters of
    # Песковтың / Песковке / Песков agree.
    return text[:5].lower()


def _suffix(text: str) -> str:
    # Case and possessive endings are 1-4 letters long (-ға, -ның, -дағы).
    return text[-4:].lower()


class KazakhDefaults(BaseDefaults):
    lex_attr_getters = {PREFIX: _prefix, SUFFIX: _suffix}
    tokenizer_exceptions = _tokenizer_exceptions()
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}


class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


def register() -> None:
    """Make ``spacy.blank("kk")`` resolve to :class:`Kazakh` (idempotent)."""
    if "kk" not in registry.languages.get_all():
        registry.languages.register("kk", func=Kazakh)





_SHARED = None


def shared_nlp() -> Kazakh:
    """One blank Kazakh pipeline per process: its tokenizer and vocab are shared."""
    global _SHARED
    if _SHARED is None:
        register()
        _SHARED = Kazakh()
    return _SHARED


class KazakhTokenizer:
    """spaCy's tokenizer with the Kazakh rules, as typed tokens (a :class:`~pipeline.lang.base.Tokenizer`).
    A text past spaCy's ``max_length`` is tokenised in pieces cut after a line break,
    else a sentence end, else a space; the offsets are those of the whole text."""

    def __init__(self, nlp: Kazakh):
        self.nlp = nlp

    def __call__(self, text: str) -> list[Token]:
        out: list[Token] = []
        for offset, piece in self._pieces(text):
            # offsets and lengths as one array: no spaCy Token object per word
            for start, length in self.nlp.make_doc(piece).to_array([IDX, LENGTH]).tolist():
                out.append(Token(offset + start, offset + start + length, piece[start:start + length]))
        return out

    def _pieces(self, text: str) -> list[tuple[int, str]]:
        limit = self.nlp.max_length
        pieces, start = [], 0
        while len(text) - start > limit:
            window = text[start:start + limit]
            cut = window.rfind("\n") + 1  # just after a line break
            if not cut:
                ends = [window.rfind(t + " ") for t in ".?!"]  # after a sentence end and its space
                cut = max(ends) + 2 if max(ends) >= 0 else window.rfind(" ") + 1
            cut = cut or limit  # a million characters with no space: cut anywhere
            pieces.append((start, text[start:start + cut]))
            start += cut
        pieces.append((start, text[start:]))
        return pieces


__all__ = ["Kazakh", "KazakhTokenizer", "register", "shared_nlp"]
