"""Span utilities shared by the linker's helpers (no language knowledge here)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..records import Mention
from ..spans import keep_longest

_PARTICLE_NAME = re.compile(r"[^\W\d_]{1,3}-[^\W\d_]")  # әл-Асад, әс-Сиси, ад-Дин


def respan(text: str, m: Mention, start: int, end: int, **update) -> Mention:
    """``m`` moved to ``text[start:end]`` (its id follows the offsets)."""
    return m.model_copy(update={"start": start, "end": end, "text": text[start:end], "id": f"m{start}-{end}", **update})


def piece(text: str, m: Mention, start: int, end: int) -> Mention:
    """A part of a longer model span."""
    return respan(text, m, start, end, origin="split")


def words(s: str):
    return re.finditer(r"\S+", s)


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def capitalised(word: str) -> bool:
    """A name's word: capitalised, or a lower-case particle joined to a capitalised part."""
    return word[:1].isupper() or bool(_PARTICLE_NAME.match(word) and word[word.index("-") + 1].isupper())


def leading_capitalised(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of capitalised words a span begins with (trailing punctuation off)."""
    run_end = start
    for w in words(text[start:end]):
        word = w.group().rstrip(",.:;!?»")
        if not word[:1].isupper():
            break
        run_end = start + w.start() + len(word)
    return start, run_end


def resolve_overlaps(mentions) -> list[Mention]:
    """One mention per stretch of text: linked (gazetteer, groups) first, then longer spans."""
    return keep_longest(mentions, span=lambda m: (m.start, m.end - 1), rank=lambda m: (m.entity_id is None,))


def contains_run(ws: list[str], run: list[str]) -> bool:
    return any(ws[i:i + len(run)] == run for i in range(len(ws) - len(run) + 1))


@lru_cache(maxsize=None)
def cldr_city_names(locale: str = "kk") -> frozenset[str]:
    """City names of CLDR's time-zone exemplar cities in ``locale`` (Мәскеу, Берлин, ...)."""
    from babel import Locale

    zones = Locale.parse(locale).time_zones
    return frozenset(z["city"] for z in zones.values() if z.get("city") and "," not in z["city"])


def char_before(text: str, pos: int, strip: str = "") -> str:
    """The last character of ``text[:pos].rstrip().rstrip(strip)`` ('' if none), found by
    walking back from ``pos``: no copy of all the text before each mention of a long document."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    while i >= 0 and text[i] in strip:
        i -= 1
    return text[i] if i >= 0 else ""


def opens_sentence(text: str, start: int) -> bool:
    before = char_before(text, start, "«\"„“—–- ")
    return not before or before in ".!?:"
