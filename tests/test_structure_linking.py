"""The linker stays split into small modules, and its code and the speech stage's hold
no words of a language (they come from the language's YAML or the relation lexicon)."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
MODULES = [PACKAGE / "stages" / "linker.py", *sorted((PACKAGE / "stages").glob("speech*.py")),
           PACKAGE / "stages" / "roles.py", PACKAGE / "stages" / "groups.py", *sorted((PACKAGE / "linking").glob("*.py"))]


def _cyrillic_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings and any("\u0400" <= ch <= "\u04ff" for ch in n.value)]


def test_structure_no_language_words_in_linker_and_speech_code():
    found = {p.name: _cyrillic_literals(p) for p in MODULES}
    assert {k: v for k, v in found.items() if v} == {}


def test_structure_linker_modules_are_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in [PACKAGE / "stages" / "linker.py", *(PACKAGE / "linking").glob("*.py")]}
    assert max(sizes.values()) <= 260, sizes


def test_structure_one_span_helper():
    """names, textview and the linker keep the longest span through pipeline.spans.keep_longest."""
    for rel in ("names.py", "textview.py", "linking/text.py"):
        assert "keep_longest" in (PACKAGE / rel).read_text(encoding="utf-8"), rel
