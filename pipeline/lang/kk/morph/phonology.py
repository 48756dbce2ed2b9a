"""Realising archiphoneme endings after a left context (Kazakh vowel harmony,
assimilation of the first consonant, vowel/glide alternations) and joining two
pieces with the junction rewrites (шық + ып -> шығып, оқы + йды -> оқиды).

All letters come from ``data/verbs/endings.yaml`` and the letter classes of
``data/suffixes.yaml``; this module holds no Kazakh letters of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BACK, FRONT = 0, 1


@dataclass(frozen=True)
class Junction:
    left: str
    right: re.Pattern
    left_to: tuple[str, ...]  # alternatives
    right_to: str | None


class Phonology:
    def __init__(self, spec: dict, letter_classes: dict[str, str]):
        self.back = set(spec["back"])
        self.front = set(spec["front"])
        self.neutral = str(spec.get("neutral", ""))
        self.class_of = {ch: name for name, letters in letter_classes.items() for ch in letters}
        self.classes = dict(letter_classes)
        # letters that start an ending like a vowel (the gerund's у): voicing and elision
        self.classes["vowel_onset"] = letter_classes["vowel"] + spec.get("vowel_onset", "")
        self._onset = set(self.classes["vowel_onset"])
        self.archi: dict[str, dict[str, list[str]]] = spec["archiphonemes"]
        self.junctions = [
            Junction(
                left=j["left"],
                right=re.compile(self.expand(j["right"])),
                left_to=tuple(str(j.get("left_to", j["left"])).split("|")),
                right_to=j.get("right_to"),
            )
            for j in spec["junctions"]
        ]
        self._memo: dict[tuple, tuple[str, ...]] = {}
        self._by_last: dict[str, list[Junction]] = {}  # junctions by the left piece's last letter
        for j in self.junctions:
            self._by_last.setdefault(j.left[-1:], []).append(j)

    def expand(self, pattern: str) -> str:
        """``{vowel}`` -> ``[<the vowel letters>]`` in a condition's regular expression."""
        return re.sub(r"\{(\w+)\}", lambda m: f"[{self.classes[m.group(1)]}]", pattern)

    def harmony(self, text: str) -> tuple[int, ...]:
        """(BACK,), (FRONT,) or both, from the last vowel that decides harmony."""
        for ch in reversed(text):
            if ch in self.back:
                return (BACK,)
            if ch in self.front:
                return (FRONT,)
        return (BACK, FRONT)

    def is_vowel_start(self, text: str) -> bool:
        return bool(text) and text[0] in self._onset

    def realise(self, form: str, left: str) -> tuple[str, ...]:
        """Every spelling of ``form`` (archiphonemes, ``|`` alternatives) after ``left``.
        Only the harmony of ``left`` and its last two letters matter, so results are
        memoised on those."""
        key = (form, self.harmony(left), left[-2:])
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._realise(form, left)
        return hit

    def _realise(self, form: str, left: str) -> tuple[str, ...]:
        results: list[str] = []
        for alternative in form.split("|"):
            outs = [""]
            for ch in alternative:
                table = self.archi.get(ch)
                if table is None:
                    outs = [o + ch for o in outs]
                    continue
                new: list[str] = []
                for o in outs:
                    context = left + o
                    last = context[-1:] if context else ""
                    options = table.get(last) or table.get(self.class_of.get(last, "")) or table["default"]
                    for h in self.harmony(context):
                        new.extend(o + alt for alt in str(options[h]).split("|"))
                outs = list(dict.fromkeys(new))
            results.extend(outs)
        return tuple(dict.fromkeys(results))

    def join(self, left: str, right: str) -> list[str]:
        """``left + right`` after the junction rewrites (all alternatives)."""
        for j in self._by_last.get(left[-1:], ()):
            if left.endswith(j.left):
                m = j.right.match(right)
                if m:
                    rest = right if j.right_to is None else j.right_to + right[m.end():]
                    base = left[: len(left) - len(j.left)]
                    return [base + lt + rest for lt in j.left_to]
        return [left + right]

    def junction_keys(self, stem: str) -> list[str]:
        """The spellings a stem may take before an ending (шық -> шығ, оқы -> оқ):
        used to find candidate stems from a word's prefixes."""
        keys = [stem]
        for j in self.junctions:
            if stem.endswith(j.left):
                base = stem[: len(stem) - len(j.left)]
                keys.extend(base + lt for lt in j.left_to)
        return [k for k in dict.fromkeys(keys) if k]
