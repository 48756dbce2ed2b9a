"""KazakhSentenceSplitter: tokens and sentences for Kazakh news text.

Rules (data in ``pipeline/lang/kk/data/language.yaml``):
- a line without final punctuation followed by a capitalised line (or nothing) is a
  heading, its own sentence; a line that runs on in lower case is joined (hard wraps);
- sentences end at . ! ? … outside quotations; a «...» quotation stays with its
  speech verb (``«...», - деді.``), even when it holds several sentences;
- abbreviations (ж., т.б., млн.), initials (А. Байтұрсынұлы), decimals and dates
  are single tokens and never end a sentence by themselves.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from pydantic import Field

from ....layers import DOCUMENT, SENTENCES, TOKENS
from ....records import AnnotatedDocument, Sentence
from ....stage import Stage, StageSettings


class Settings(StageSettings):
    headings: bool = True  # treat unpunctuated lines as headings
    max_quote_sentences: int = 12  # an opening quote not closed within this many sentences is ignored
    # a longer text is tokenised in pieces cut at paragraph (else sentence, else word) ends;
    # past max_chars a document is refused (an error row names this setting)
    max_chars: int = 20_000_000
    # a longer run of tokens with no sentence end (text without punctuation) is cut after its
    # last comma in reach, else at the limit: every later stage works sentence by sentence, and a
    # claim's evidence is its sentence, so one endless "sentence" would cost the square of its length
    max_sentence_tokens: int = Field(default=200, ge=2)


def _is_upper_start(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
    return False


class KazakhSentenceSplitter(Stage):
    requires = (DOCUMENT,)
    provides = (TOKENS, SENTENCES)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack
        rules = lang.sentence_rules  # a language without quotes/sentence data: one line at load
        self.tokenize = lang.tokenizer()
        self.open_quotes = set(rules.quotes.open)
        self.close_quotes = set(rules.quotes.close)
        self.toggle_quotes = set(rules.quotes.toggle)
        self.terminal = set(rules.terminal)
        self.abbreviations = set(rules.abbreviations)
        self.final_abbreviations = set(rules.sentence_final_abbreviations)
        self.dashes = set(rules.dashes)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        if len(doc.text) > self.settings.max_chars:
            raise ValueError(f"document of {len(doc.text):,} characters, over the limit of "
                             f"{self.settings.max_chars:,} ({self.factory} setting max_chars)")
        tokens = self.tokenize(doc.text)
        words = [t for t in tokens if not t.text.isspace()]
        starts = [t.start for t in words]
        spans = []
        for block_start, block_end, kind in self._blocks(doc.text):
            block = words[bisect_left(starts, block_start):bisect_left(starts, block_end)]
            if not block:
                continue
            if kind == "heading" and len(block) <= self.settings.max_sentence_tokens:
                spans.append(Sentence(start=block[0].start, end=block[-1].end, kind="heading"))
                continue  # (a longer line is no heading)
            for first, last in self._split(block):
                spans.append(Sentence(start=first.start, end=last.end))
        return doc.with_layers(tokens=tokens, sentences=spans)

    # -- find ---------------------------------------------------------------
    def _blocks(self, text: str):
        """Runs of lines that belong together: (start, end, kind)."""
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        block_start = None
        for i, (start, end) in enumerate(lines):
            content = text[start:end].strip()
            if block_start is None:
                block_start = start
            next_line = text[lines[i + 1][0]:lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
            ends_sentence = self._ends_with_terminal(content)
            runs_on = bool(next_line) and not _is_upper_start(next_line) and next_line[0] not in self.open_quotes | self.dashes
            if runs_on and not ends_sentence:
                continue  # a hard-wrapped line: join with the next
            heading = (
                self.settings.headings
                and not ends_sentence
                and block_start == start
                and not content.endswith(tuple(self.close_quotes | {":", ",", ";"}))
            )
            yield block_start, end, "heading" if heading else "text"
            block_start = None

    def _ends_with_terminal(self, line: str) -> bool:
        stripped = line.rstrip("»”“\"')] ")
        return any(stripped.endswith(t) for t in self.terminal)

    def _split(self, tokens):
        """Sentence (first, last) token pairs in one block; quotes hold together."""
        inside = self._quoted(tokens)
        limit = self.settings.max_sentence_tokens
        start = 0
        for b in self._boundaries(tokens, inside) + [len(tokens)]:
            while b - start > limit:
                cut = self._cut(tokens, start, start + limit)
                yield tokens[start], tokens[cut - 1]
                start = cut
            if b > start:
                yield tokens[start], tokens[b - 1]
            start = b

    @staticmethod
    def _cut(tokens, start: int, end: int) -> int:
        """Where an overlong sentence tokens[start:end] ends: after its last comma, semicolon
        or colon in the second half, else at ``end``."""
        for k in range(end - 1, (start + end) // 2, -1):
            if tokens[k].text in (",", ";", ":"):
                return k + 1
        return end

    def _quoted(self, tokens) -> list[bool]:
        """Which tokens lie inside a paired quotation. An opening quote with no
        closing one within reach (unbalanced text) is ignored, not followed."""
        inside = [False] * len(tokens)
        i = 0
        while i < len(tokens):
            text = tokens[i].text
            if text in self.open_quotes or text in self.toggle_quotes:
                close = self._find_close(tokens, i)
                if close is not None:
                    for k in range(i + 1, close):
                        inside[k] = True
                    i = close + 1
                    continue
            i += 1
        return inside

    def _find_close(self, tokens, i: int):
        opener = tokens[i].text
        depth, ends = 0, 0
        # no farther than max_quote_sentences long sentences: text without sentence ends is no reason to read on
        reach = min(len(tokens), i + 1 + self.settings.max_quote_sentences * self.settings.max_sentence_tokens)
        for j in range(i + 1, reach):
            text = tokens[j].text
            if opener in self.toggle_quotes:
                if text == opener:
                    return j
            elif text in self.close_quotes and (depth == 0 or text not in self.open_quotes):
                if depth == 0:
                    return j
                depth -= 1
            elif text in self.open_quotes and text not in self.toggle_quotes:
                depth += 1
            if text in self.terminal:
                ends += 1
                if ends > self.settings.max_quote_sentences:
                    return None
        return None

    def _is_terminal(self, text: str) -> bool:
        if text in self.terminal:
            return True
        # a word that kept its period ("°С.") and is no abbreviation or initial
        return (len(text) > 2 and text.endswith(".") and text not in self.abbreviations
                and text.lower() not in self.abbreviations and "." not in text[:-1])

    def _boundaries(self, tokens, inside: list[bool]) -> list[int]:
        bounds: list[int] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if i + 1 >= n:
                break
            text, nxt = tok.text, tokens[i + 1].text
            if inside[i]:
                continue
            if (text in self.close_quotes or text in self.toggle_quotes) and i > 0 and inside[i - 1]:
                # «...!» Next sentence.  -- the quotation itself was the sentence
                if tokens[i - 1].text in self.terminal and self._starts_sentence(nxt):
                    bounds.append(i + 1)
                continue
            ends = self._is_terminal(text) or (text in self.final_abbreviations and self._starts_word(nxt))
            if not ends:
                continue
            if self._starts_sentence(nxt):
                bounds.append(i + 1)
            elif nxt in self.dashes and i + 2 < n and self._starts_word(tokens[i + 2].text):
                bounds.append(i + 1)  # dialogue: "... келді. — Қалай, Төлеген?"

        return bounds

    def _starts_word(self, text: str) -> bool:
        return text[:1].isalpha() and text[:1].isupper()

    def _starts_sentence(self, text: str) -> bool:
        if text in self.dashes or text in self.close_quotes or text in {",", ";", ":", ")"}:
            return False
        return _is_upper_start(text) or text in self.open_quotes or text in self.toggle_quotes or text[0] in "(["
