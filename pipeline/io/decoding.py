"""Bytes -> text for the readers: which encoding, and no control characters.

UTF-8 (with or without a BOM) and BOM-marked UTF-16 are taken as they are. Other
bytes go to charset-normalizer, restricted to the encodings Kazakh and Russian
archives use (``pipeline/data/encodings.yaml``: UTF-16 without a BOM, cp1251,
KZ-1048, PT154, KOI8-R, cp866). Its mess measure alone cannot tell these apart
(the cp1251 reading of a KZ-1048 text is clean Cyrillic to it: ``Ќазаќстан``), so
each reading is checked as Kazakh or Russian text: letters neither language uses,
control characters, words in a case no word has (``пРБЧЙ``, what KOI8-R read as
cp1251 gives), vowel-less lower-case words, and two Kazakh sound rules that tell
KZ-1048 from PT154; then words mixing front and back vowels (Kazakh vowel harmony),
then charset-normalizer's mess. The best reading wins; when two readings differ and
tie, or the best one still looks wrong, the document is refused
(:class:`DecodeError`), never silently decoded into garbage.

:func:`clean_text` then blanks control characters (NUL, C1, U+FFFE/FFFF, lone
surrogates), one character for one, so offsets into the text stay those of the
decoded file; a text mostly made of them is binary and refused.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..langid import is_cyrillic
from ..resources import package_data

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# controls a text may not hold (XML 1.0 forbids the C0 ones; C1 and U+FFFE/FFFF are
# no text either; lone surrogates cannot be written as UTF-8)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_AS_LINE_END = {"\x0b": "\n", "\x0c": "\n", "\x85": "\n"}  # vertical tab, form feed, NEL
_TOKEN = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")


class DecodeError(ValueError):
    """The bytes are not text in an encoding we can tell (one line, for errors.jsonl)."""


class _Checker:
    """Signs that a decoded text is not Kazakh or Russian (see the module doc)."""

    def __init__(self, data: dict):
        self.candidates = tuple(data["candidates"])
        allowed = set(data["russian_letters"]) | set(data["kazakh_letters"]) | set(data["symbols"])
        self.odd_char = re.compile("[^\t\n\r\x20-\x7e" + re.escape("".join(sorted(allowed))) + "]")
        vowels = re.escape(data["vowels"])
        self.vowels = set(data["vowels"])
        lonely = re.escape(data["beside_a_vowel"])
        self.sound_rules = re.compile(f"(?<![{vowels}])[{lonely}](?![{vowels}])|\\b[{re.escape(data['never_first'])}]")
        self.front, self.back = set(data["front_vowels"]), set(data["back_vowels"])
        self.max_signs = int(data["max_signs"])
        self.max_share = float(data["max_sign_share"])
        self.sample = int(data["sample_chars"])
        self.max_controls = float(data["max_control_share"])

    def signs(self, text: str) -> tuple[int, int]:
        """(signs of a wrong decoding, words of any script) in the head of ``text``."""
        text = text[:self.sample]
        signs = len(self.odd_char.findall(text)) + len(self.sound_rules.findall(text))
        words = [w for w in _TOKEN.findall(text) if any(map(is_cyrillic, w))]
        upper = sum(c.isupper() for w in words for c in w)
        caps_text = upper * 2 > sum(len(w) for w in words)  # most letters capitals: KOI8-R <-> cp1251
        for w in words:
            if _LATIN.search(w):
                signs += 1  # Latin and Cyrillic letters in one word
            elif w[0].islower() and not w.islower():
                signs += 1  # a capital after a small first letter
            elif w.islower() and len(w) >= 3 and not self.vowels.intersection(w):
                signs += 1
            elif caps_text and w.isupper() and len(w) >= 3:
                signs += 1
        return signs, len(_TOKEN.findall(text))

    def mixed_vowels(self, text: str) -> int:
        """Words with both front and back vowels (a tie-break between two readings)."""
        return sum(1 for w in _TOKEN.findall(text[:self.sample].lower())
                   if self.front.intersection(w) and self.back.intersection(w))

    def looks_wrong(self, signs: int, words: int) -> bool:
        return signs > self.max_signs + self.max_share * words


@lru_cache(maxsize=1)
def _checker() -> _Checker:
    return _Checker(package_data("encodings.yaml"))


def decode(raw: bytes) -> str:
    """The text of a file's bytes; :class:`DecodeError` when no encoding reads it
    as Kazakh or Russian text beyond doubt.

    >>> decode("Қазақстан мен Ресей".encode("kz1048"))
    'Қазақстан мен Ресей'
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"undecodable or doubtful encoding: {encoding} byte order mark, "
                                  f"but invalid {encoding} at byte {err.start}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(raw)
    if not _CONTROLS.search(text):
        return text
    controls = len(_CONTROLS.findall(text.rstrip("\x00")))
    if controls <= _checker().max_controls * len(text):
        return text
    # valid UTF-8 made mostly of control characters: UTF-16 without a BOM (of Latin or
    # Russian letters, whose bytes are all ASCII), or binary data
    try:
        return _detect(raw)
    except DecodeError:
        raise DecodeError(f"binary data, not text: {controls} control characters in {len(text)}") from None


def _detect(raw: bytes) -> str:
    import charset_normalizer

    check = _checker()
    matches = charset_normalizer.from_bytes(raw, cp_isolation=list(check.candidates), threshold=1.0)
    readings: dict[str, tuple] = {}  # one entry a distinct text: plain Russian is the same in three code pages
    for match in matches:
        text = str(match)
        if text not in readings:
            signs, words = check.signs(text)
            readings[text] = (signs, check.mixed_vowels(text), round(match.chaos, 3), words, match.encoding)
    names = ", ".join(c.replace("_", "-") for c in check.candidates)
    if not readings:
        raise DecodeError(f"undecodable or doubtful encoding: not UTF-8, and none of {names} reads it")
    ranked = sorted(readings.items(), key=lambda kv: kv[1][:3])
    text, (signs, mixed, chaos, words, encoding) = ranked[0]
    if check.looks_wrong(signs, words) or not (words or _LATIN.search(text)):
        raise DecodeError(f"undecodable or doubtful encoding: not UTF-8, and none of {names} reads it as "
                          f"Kazakh or Russian text (best: {encoding})")
    if len(ranked) > 1 and ranked[1][1][:3] == (signs, mixed, chaos):
        raise DecodeError(f"undecodable or doubtful encoding: not UTF-8; {encoding} and {ranked[1][1][4]} "
                          "read it differently and equally well")
    return text


def clean_text(text: str) -> str:
    """``text`` without control characters: each one becomes a space (a vertical tab,
    form feed or NEL a line end), so offsets do not move; trailing NULs (padding) go.
    ValueError when they are more than a few in a hundred characters (binary data).

    >>> clean_text("Қазақстан\\x00 мен\\x0cРесей")
    'Қазақстан  мен\\nРесей'
    """
    if not _CONTROLS.search(text):
        return text
    text = text.rstrip("\x00")
    count = len(_CONTROLS.findall(text))
    if count > _checker().max_controls * len(text):
        raise ValueError(f"binary data, not text: {count} control characters in {len(text)}")
    return _CONTROLS.sub(lambda m: _AS_LINE_END.get(m.group(), "\ufffd" if "\ud800" <= m.group() <= "\udfff"
                                                     else " "), text)
