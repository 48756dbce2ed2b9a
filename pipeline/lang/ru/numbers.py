"""Russian cardinal numbers in text: digits (26, 2,5) or a run of number words read
by their lemmas (двадцать шесть, сто двадцать пять, двух тысяч, 2,5 тыс.) -> one count.
The words and their values live in ``data/groups.yaml``."""
from __future__ import annotations

import re
from typing import Sequence

from pydantic import BaseModel, ConfigDict

from .parse import Token

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")


class GroupWords(BaseModel):
    """``data/groups.yaml``: the member nouns and the number words."""

    model_config = ConfigDict(extra="forbid")
    member_nouns: dict[str, list[str]]
    number_words: dict[str, float]
    multipliers: dict[str, int] = {}
    max_adjectives: int = 2
    approximators: list[str] = []


def _place(value: float) -> float:
    """10 ** (trailing zeros): двадцать -> 10 (a unit may follow), сто -> 100, шесть -> 1."""
    n, place = int(value), 1
    if n != value or n == 0:
        return 1
    while n % 10 == 0:
        n //= 10
        place *= 10
    return place


class NumberReader:
    def __init__(self, words: GroupWords):
        self.words = words.number_words
        self.multipliers = words.multipliers

    def read(self, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
        """(count, index after the number) for the number that starts at token ``i``,
        or None (no number there, or not a whole count)."""
        total, current, last, j = 0.0, 0.0, None, i
        while j < len(tokens):
            tok = tokens[j]
            if tok.lemma in self.multipliers:
                if last is None and tok.feats.get("Number") == "Plur":
                    return None  # тысячи человек: thousands, no count
                total += (current or 1) * self.multipliers[tok.lemma]
                current, last = 0.0, None
                j += 1
                if j < len(tokens) and tokens[j].text == "." and tok.text.lower() == tok.lemma:
                    j += 1  # тыс. (an abbreviation)
                continue
            if _DIGITS.match(tok.text):
                if last is not None:
                    break
                value = float(tok.text.replace(",", "."))
            elif tok.lemma in self.words:
                value = self.words[tok.lemma]
                if last is not None and not value < _place(last):
                    break  # шесть двадцать: a second number
            else:
                break
            current += value
            last = value
            j += 1
        count = total + current
        if j == i or count != int(count) or count <= 0:
            return None
        return int(count), j
