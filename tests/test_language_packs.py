"""Every language's tokenizer gives the same thing: typed tokens with offsets into the
text (issue 22: Kazakh's was a spaCy Language, Russian's a lambda returning a parse)."""
import pytest

from conftest import needs_extra
from pipeline.lang import get_language
from pipeline.records import Token

TEXTS = {"kk": "Ресей Қытайға алғыс айтты.\nБҰҰ-ның  өкілі келді.",
         "ru": "Россия поблагодарила Китай.\nПредставитель ООН-а прибыл."}
WORDS = {"kk": ["Ресей", "Қытайға", "алғыс", "айтты", ".", "БҰҰ-ның", "өкілі", "келді", "."],
         "ru": ["Россия", "поблагодарила", "Китай", ".", "Представитель", "ООН-а", "прибыл", "."]}


@pytest.mark.parametrize("code", ["kk", "ru"])
def test_a_tokenizer_gives_typed_tokens_with_offsets(code):
    if code == "ru":
        needs_extra("razdel", "ru")
    text = TEXTS[code]
    tokens = get_language(code).tokenizer()(text)
    assert all(isinstance(t, Token) and text[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokens if not t.text.isspace()] == WORDS[code]
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))


def test_a_language_lacking_a_tool_says_so_in_one_line():
    from pipeline.lang import LanguageDataMissing

    ru = get_language("ru")
    for tool in ("analyser", "normaliser", "countries", "frame_reader", "sentence_rules"):
        with pytest.raises(LanguageDataMissing, match=r"^language 'ru' has no [^\n]+$"):
            getattr(ru, tool)
