"""Loading and checking a pipeline config (YAML).

The config is the single source of truth for which stages run, in which order,
with which settings. Every problem is reported as one line naming the file, the
key and the reason; requirements between stages are checked all at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Literal

import yaml
from pydantic import BaseModel, ByteSize, ConfigDict, Field, ValidationError

from .lang import DEFAULT_LANGUAGE, known_languages
from .layers import GIVEN
from .resources import DEFAULT_CONFIG, read_yaml
from .stage import LoadContext, Stage, StageSettings, get_stage_class, known_stages



class ConfigError(ValueError):
    """A config problem; ``str(err)`` is a one-line message naming file and key."""


class StageEntry(BaseModel):
    model_config = ConfigDict(extra="allow")
    factory: str


class Budget(BaseModel):
    """What one document may take in a run (``claimgraph run --doc-timeout/--doc-memory``
    override it); past it the document goes to errors.jsonl and the run goes on. 0: no limit."""
    model_config = ConfigDict(extra="forbid")
    doc_timeout: float = Field(300.0, ge=0)  # seconds
    doc_memory: ByteSize = Field(ByteSize(4 * 1024**3), ge=0)  # bytes beyond the loaded pipeline ("4GiB")


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str = DEFAULT_LANGUAGE  # the language its stages read (pipeline/lang/<code>)
    budget: Budget = Budget()
    stages: list[StageEntry] = Field(min_length=1)
    # language code -> the config of its own stage list (pipeline/multilingual.py)
    languages: dict[str, str] = {}
    detector: Literal["letters", "lingua"] = "letters"  # how a document's language is found
    fallback: str | None = None  # the language whose stages read documents of one with none (else: error rows)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _first_error(err: ValidationError, prefix: str = "") -> str:
    e = err.errors()[0]
    where = _loc(tuple(e["loc"]))
    key = f"{prefix}.{where}" if prefix and where else (prefix or where)
    msg = e["msg"]
    if e["type"] == "extra_forbidden":
        msg = "unknown key"
    more = f" (and {len(err.errors()) - 1} more)" if len(err.errors()) > 1 else ""
    return f"{key}: {msg}{more}"


def load_config(source: str | Path | dict | None = None) -> tuple[PipelineConfig, Path | None, dict]:
    """Read and validate the top level of a config. Returns (config, path, raw dict)."""
    path: Path | None = None
    if source is None:
        source = DEFAULT_CONFIG
    if isinstance(source, dict):
        raw = source
    else:
        path = Path(source)
        try:
            raw = read_yaml(path)
        except ValueError as err:
            raise ConfigError(str(err)) from None
        except OSError as err:  # a folder, a file we may not read: one line, not a traceback
            raise ConfigError(f"{path}: cannot read the config: {err.strerror or err}"
                              + (" (-c names a YAML file, not a folder)" if path.is_dir() else "")) from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path or '<config>'}: expected a mapping with 'stages', got {type(raw).__name__}")
    try:
        cfg = PipelineConfig.model_validate(raw)
    except ValidationError as err:
        raise ConfigError(f"{path or '<config>'}: {_first_error(err)}") from None
    if cfg.language not in known_languages():
        raise ConfigError(f"{path or '<config>'}: language: unknown language {cfg.language!r} "
                          f"(known: {', '.join(known_languages())})")
    for code in cfg.languages:
        if code not in known_languages():
            raise ConfigError(f"{path or '<config>'}: languages.{code}: unknown language {code!r} "
                              f"(known: {', '.join(known_languages())})")
    return cfg, path, raw


def checked_stages(cfg: PipelineConfig, path: Path | None) -> Iterator[tuple[type[Stage], StageSettings]]:
    """Each stage entry's class and settings in turn, checked (a known stage, valid settings)
    without building any: a problem is one ConfigError."""
    where = str(path) if path else "<config>"
    for i, entry in enumerate(cfg.stages):
        key = f"stages[{i}]"
        try:
            cls = get_stage_class(entry.factory)
        except KeyError:
            raise ConfigError(
                f"{where}: {key}.factory: unknown stage {entry.factory!r} (known: {', '.join(known_stages())})"
            ) from None
        try:
            settings = cls.Settings.model_validate(dict(entry.model_extra or {}))
        except ValidationError as err:
            raise ConfigError(f"{where}: {_first_error(err, f'{key} ({entry.factory})')}") from None
        yield cls, settings


def check_order(cfg: PipelineConfig, path: Path | None, classes: list[type[Stage]]) -> None:
    """Each stage's requirements are met by an earlier one, else one ConfigError listing them."""
    problems = _order_problems([(f"stages[{i}] ({e.factory})", cls)
                                for i, (e, cls) in enumerate(zip(cfg.stages, classes))])
    if problems:
        raise ConfigError(f"{path or '<config>'}: stages: {'; '.join(problems)}")


def build_stages(cfg: PipelineConfig, path: Path | None) -> list[Stage]:
    """Check and instantiate the stages one by one, then check that each one's requirements
    are met (a stage's own problem is reported before the order's)."""
    where = str(path) if path else "<config>"
    context = LoadContext(config_path=path.resolve() if path else None, language=cfg.language)
    stages: list[Stage] = []
    for i, (entry, (cls, settings)) in enumerate(zip(cfg.stages, checked_stages(cfg, path))):
        try:
            stages.append(cls(settings, context))
        except (OSError, ValueError) as err:
            raise ConfigError(f"{where}: stages[{i}] ({entry.factory}): {err}") from None
    check_order(cfg, path, [type(stage) for stage in stages])
    return stages


def _order_problems(stages: list[tuple[str, type[Stage]]]) -> list[str]:
    """Each stage's required layers come from an earlier stage; a layer it reads when
    present never comes only from a later one (it would be read before it exists)."""
    first: dict[str, str] = {}  # layer -> the first stage that provides it
    for name, cls in stages:
        for layer in cls.provides:
            first.setdefault(layer, name)
    have = set(GIVEN)
    problems = []
    for name, cls in stages:
        unmet = [r for r in cls.requires if r not in have and first.get(r, name) == name]
        if unmet:
            problems.append(f"{name} needs {', '.join(unmet)}, which no earlier stage provides")
        for verb, layers in (("needs", cls.requires), ("reads", cls.optional)):
            problems += [f"{name} {verb} {r}, which {first[r]} provides only after it"
                         for r in layers if r not in have and first.get(r, name) != name]
        have.update(cls.provides)
    return problems


def dump_resolved(cfg: PipelineConfig) -> dict[str, Any]:
    return yaml.safe_load(yaml.safe_dump(cfg.model_dump(), allow_unicode=True))
