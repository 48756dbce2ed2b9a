"""Text the exports can always write: XML- and HTML-safe strings, and files written whole or
not at all (a failure never leaves a truncated or empty file where the output should be)."""
from __future__ import annotations

import os
import re
from pathlib import Path

# XML 1.0 allows tab, newline, carriage return and these ranges, nothing else, not even as
# character references (HTML calls the rest parse errors): a NUL or a vertical tab from a
# document's text would break the file, a lone surrogate cannot even be encoded in UTF-8
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    """``value`` as a string XML can hold: each illegal character becomes U+FFFD (lengths kept)."""
    return _XML_ILLEGAL.sub("\ufffd", "" if value is None else str(value))


def part_path(out: Path) -> Path:
    """Where ``out`` is written before it is complete: beside it (os.replace is atomic on one file system)."""
    return out.with_name(f".{out.name}.part")


def write_whole_text(out: Path, text: str) -> Path:
    """Write ``text`` to ``out`` in UTF-8, whole or not at all."""
    out = Path(out)
    part = part_path(out)
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out
