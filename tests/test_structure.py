"""The house as it is meant to be, checked with ``ast`` over every ``pipeline/**/*.py``:
no import cycles, no import of a language folder (``pipeline/lang/<code>/``) from outside
``pipeline/lang/``, no Cyrillic string literals outside ``pipeline/lang/``, no file over
MAX_LINES lines, and stages declare their layers from ``pipeline.layers``.

Every import counts, wherever it stands: one inside a function (a lazy import is still a
dependency, and a cycle through it is still a cycle) and one under ``TYPE_CHECKING`` (a
lower module naming a higher one's type wants a protocol below both). Importing a module
runs its package's ``__init__`` too, but that is not counted as an edge of its own:
``pipeline/__init__.py`` exposing the run would otherwise put every module on a cycle.
Stage names in ``BUILTIN_STAGES`` strings are a registry, not imports.

Cyrillic is allowed in docstrings and comments (examples for the reader), never in the
strings code works with: those are a language's words and belong to its folder or YAML.
The small packages built in ``tmp_path`` below show what each check catches.
"""
from __future__ import annotations

import ast
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
MAX_LINES = 320  # "each file under ~300 lines"
CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "pipeline.core"
    path: str  # its file, relative to the package's parent
    line: int
    target: str  # the imported module of the package
    where: str  # "", "in a function" or "type-only"

    def __str__(self) -> str:
        return f"{self.path}:{self.line} -> {self.target}" + (f" ({self.where})" if self.where else "")


def _modules(package: Path) -> dict[str, Path]:
    """Module name -> file, for every .py file under ``package``."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _statements(node: ast.AST, where: str = ""):
    """(import statement, where it stands) for every import under ``node``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, where
            continue
        inner = where
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inner = where or "in a function"
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield from _statements(ast.Module(body=[stmt], type_ignores=[]), "type-only")
            for stmt in child.orelse:
                yield from _statements(ast.Module(body=[stmt], type_ignores=[]), where)
            continue
        yield from _statements(child, inner)


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The module ``name`` lands in: itself, or its nearest enclosing module (an
    attribute imported as ``import a.b.c`` where c is not a file)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(package: Path = PACKAGE) -> list[Import]:
    """Every import of a module of ``package`` by another, relative imports resolved."""
    modules = _modules(package)
    edges = []
    for module, path in modules.items():
        own_package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        rel = str(path.relative_to(package.parent))
        for stmt, where in _statements(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(stmt, ast.Import):
                names = [alias.name for alias in stmt.names]
            else:
                base = own_package[:len(own_package) - stmt.level + 1] if stmt.level else []
                prefix = ".".join(base + ([stmt.module] if stmt.module else []))
                # `from pkg import sub` imports the module pkg.sub; `from pkg import name` imports pkg
                names = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in modules else prefix for a in stmt.names]
            for name in names:
                target = _known(name, modules)
                if target and target != module:
                    edges.append(Import(module, rel, stmt.lineno, target, where))
    return list(dict.fromkeys(edges))  # one edge per statement and target


def import_cycles(edges: list[Import]) -> list[tuple[list[list[str]], list[Import]]]:
    """Each group of modules that import one another (a strongly connected component of
    two or more): its elementary cycles (up to 20) and the imports among its members."""
    graph = nx.DiGraph((e.source, e.target) for e in edges)
    found = []
    for group in sorted(map(sorted, nx.strongly_connected_components(graph))):
        if len(group) > 1:
            cycles = itertools.islice(nx.simple_cycles(graph.subgraph(group)), 20)
            cycles = sorted((c[c.index(min(c)):] + c[:c.index(min(c)) + 1] for c in cycles), key=lambda c: (len(c), c))
            found.append((cycles,
                          sorted((e for e in edges if e.source in group and e.target in group), key=str)))
    return found


def language_folder_imports(edges: list[Import], package: Path = PACKAGE) -> list[Import]:
    """Imports of ``<package>.lang.<code>...`` by modules outside ``<package>.lang``."""
    lang = f"{package.name}.lang"
    codes = [d.name for d in (package / "lang").iterdir() if (d / "__init__.py").exists()] \
        if (package / "lang").is_dir() else []
    return [e for e in edges if not (e.source == lang or e.source.startswith(lang + "."))
            and any(e.target == f"{lang}.{c}" or e.target.startswith(f"{lang}.{c}.") for c in codes)]


def cyrillic_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string constant (f-string parts included) holding Cyrillic,
    docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return sorted((n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant)
                  and isinstance(n.value, str) and id(n) not in docstrings and CYRILLIC.search(n.value))


def cyrillic_outside_lang(package: Path = PACKAGE) -> dict[str, list[tuple[int, str]]]:
    found = {}
    for path in sorted(package.rglob("*.py")):
        if (package / "lang") in path.parents:
            continue
        literals = cyrillic_literals(path)
        if literals:
            found[str(path.relative_to(package.parent))] = literals
    return found


def long_files(package: Path = PACKAGE) -> dict[str, int]:
    sizes = {str(p.relative_to(package.parent)): len(p.read_text(encoding="utf-8").splitlines())
             for p in sorted(package.rglob("*.py"))}
    return {path: n for path, n in sizes.items() if n > MAX_LINES}


# --- the package as it is --------------------------------------------------------------

def test_structure_no_import_cycles():
    groups = import_cycles(import_graph())
    report = "\n\n".join("  " + "\n  ".join(" -> ".join(c) for c in cycles) + "\n  through these imports:\n    "
                         + "\n    ".join(map(str, imports)) for cycles, imports in groups)
    assert not groups, f"{len(groups)} group(s) of modules importing one another:\n{report}"


def test_structure_only_lang_imports_a_language_folder():
    bad = language_folder_imports(import_graph())
    assert not bad, (f"{len(bad)} import(s) of a language folder from outside pipeline/lang/ "
                     "(ask the load context for the language pack instead):\n  " + "\n  ".join(map(str, bad)))


def test_structure_no_cyrillic_literals_outside_lang():
    found = cyrillic_outside_lang()
    lines = [f"{path}: {len(lits)} literal(s) on lines {', '.join(str(n) for n, _ in lits)}; "
             f"e.g. {', '.join(repr(t) for _, t in lits[:3])}" for path, lits in found.items()]
    assert not found, (f"{sum(map(len, found.values()))} Cyrillic string literal(s) in {len(found)} file(s) "
                       "outside pipeline/lang/ (a language's words belong in its folder or YAML):\n  "
                       + "\n  ".join(lines))


# Files allowed past the limit while they wait to be split along their seams (none now).
# The list may only shrink: a file on it that gets short must leave it, and no other file
# may grow past the limit.
STILL_LONG: set[str] = set()


def test_structure_every_file_is_short():
    found = long_files()
    bad = {p: n for p, n in found.items() if p not in STILL_LONG}
    assert not bad, (f"{len(bad)} file(s) over {MAX_LINES} lines:\n  "
                     + "\n  ".join(f"{p}: {n} lines" for p, n in sorted(bad.items(), key=lambda x: -x[1])))
    assert STILL_LONG <= set(found), f"now short, take them off STILL_LONG: {sorted(STILL_LONG - set(found))}"


def test_structure_every_builtin_stage_declares_layers_from_the_layers_module():
    from pipeline import layers
    from pipeline.stage import BUILTIN_STAGES, get_stage_class

    names = {v for k, v in vars(layers).items() if k.isupper() and isinstance(v, str)}
    for factory in BUILTIN_STAGES:
        cls = get_stage_class(factory)
        assert set(cls.requires) <= names, factory
        assert set(cls.provides) <= names, factory


# --- what each check catches, on small packages written here ----------------------------

def _package(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_checker_a_lazy_import_closes_a_cycle_and_a_type_only_one_too(tmp_path):
    pkg = _package(tmp_path, {
        "__init__.py": "from .core import Pipeline\n",
        "core.py": "class Pipeline:\n    def run(self):\n        from .run import go\n        return go(self)\n",
        "run.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .core import Pipeline\n"
                  "def go(p): ...\n",
        "records.py": "from . import core\n",
    })
    ((cycles, imports),) = import_cycles(import_graph(pkg))
    assert cycles == [["pkg.core", "pkg.run", "pkg.core"]]
    assert [str(e) for e in imports] == ["pkg/core.py:3 -> pkg.run (in a function)",
                                       "pkg/run.py:3 -> pkg.core (type-only)"]


def test_checker_the_language_registry_is_fine_a_language_folder_is_not(tmp_path):
    pkg = _package(tmp_path, {
        "__init__.py": "", "lang/__init__.py": "", "lang/kk/__init__.py": "", "lang/kk/words.py": "",
        "lang/kk/stages.py": "from .words import X\nfrom ...graph import y\n",
        "graph.py": "from .lang import get_language\ndef f():\n    from .lang.kk.words import X\n",
        "ids.py": "import pkg.lang.kk\n",
    })
    assert [str(e) for e in language_folder_imports(import_graph(pkg), pkg)] == [
        "pkg/graph.py:3 -> pkg.lang.kk.words (in a function)", "pkg/ids.py:1 -> pkg.lang.kk"]


def test_checker_cyrillic_in_docstrings_and_comments_is_fine_in_strings_and_f_strings_not(tmp_path):
    pkg = _package(tmp_path, {
        "names.py": '"""Names such as «Алматы»."""\n# the suffix -ның\n'
                    'def f(x):\n    """e.g. Астана"""\n    return f"{x} облысы" if x else "ҚР"\n',
        "lang/kk/words.py": 'CITY = "қала"\n',
    })
    assert cyrillic_outside_lang(pkg) == {"pkg/names.py": [(5, " облысы"), (5, "ҚР")]}


def test_checker_long_files(tmp_path):
    pkg = _package(tmp_path, {"short.py": "x = 1\n" * MAX_LINES, "long.py": "x = 1\n" * (MAX_LINES + 1)})
    assert long_files(pkg) == {"pkg/long.py": MAX_LINES + 1}
