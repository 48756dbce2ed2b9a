"""Stable, IRI-safe ids: the same canonical name gives the same id in every
document and every run (``person:dmitrii-peskov``, ``country:UA``)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from .resources import package_data

PREFIX_BY_TYPE = {
    "Person": "person",
    "Country": "country",
    "Organization": "org",
    "Place": "place",
    "City": "place",
    "AdministrativeArea": "place",
    "Event": "event",
    "Group": "group",
}


@lru_cache(maxsize=None)
def _table() -> dict[str, str]:
    return {k: (v or "") for k, v in package_data("translit.yaml").items()}


def slugify(text: str, max_len: int = 80) -> str:
    """ASCII slug: transliterated, lower case, words joined by '-'.

    >>> slugify("Дмитрий Песков")
    'dmitrii-peskov'
    >>> slugify("Ким Чен Ын")
    'kim-chen-yn'
    """
    table = _table()
    out = "".join(table.get(ch, ch) for ch in text.lower())
    out = unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", out).strip("-")
    if not out:  # a script we cannot transliterate: fall back to a hash
        out = "x" + hashlib.sha1(text.encode()).hexdigest()[:12]
    return out[:max_len].rstrip("-")


@lru_cache(maxsize=None)
def _fold() -> dict[int, str]:
    return str.maketrans({k: v for k, v in package_data("cyrillic_fold.yaml").items()})


def entity_id(entity_type: str, name: str) -> str:
    """The id of a named entity; Kazakh letters are folded to the Russian ones
    first, so that both spellings of a name give one id.

    >>> entity_id("Person", "Қасым-Жомарт Тоқаев") == entity_id("Person", "Касым-Жомарт Токаев")
    True
    """
    return f"{PREFIX_BY_TYPE.get(entity_type, 'place')}:{name_key(name)}"


def name_key(text: str) -> str:
    """A spelling-independent key of a name across the Kazakh and Russian alphabets
    (the key entity ids are made from).

    >>> name_key("Тоқаев") == name_key("Токаев") == "tokaev"
    True
    """
    return slugify(text.lower().translate(_fold()))
