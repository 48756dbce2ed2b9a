"""The package's seams hold: generic code never reaches into a language's folder."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_structure_generic_stages_never_import_a_language_folder():
    offenders = {}
    for path in sorted((PACKAGE / "stages").glob("*.py")):
        bad = {m for m in _imports(path) if m.startswith(("..lang.", "pipeline.lang."))}
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_structure_every_builtin_stage_declares_layers_from_the_layers_module():
    from pipeline import layers
    from pipeline.stage import BUILTIN_STAGES, get_stage_class

    names = {v for k, v in vars(layers).items() if k.isupper() and isinstance(v, str)}
    for factory in BUILTIN_STAGES:
        cls = get_stage_class(factory)
        assert set(cls.requires) <= names, factory
        assert set(cls.provides) <= names, factory
