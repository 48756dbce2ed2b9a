"""claimgraph's stages as spaCy factories, and a YAML config as a spaCy pipeline.

Every stage (``country_gazetteer.v1``) is the spaCy factory ``claimgraph_country_gazetteer_v1``
(spaCy allows no dots), registered when spaCy starts a Language, through this package's
``spacy_factories`` entry points; its ``requires`` / ``assigns`` are the stage's layers in
spaCy's terms (:data:`pipeline.spacy_bridge.LAYER_ATTRS`). A component's config is the stage's
settings, the YAML config they came from (relative paths in them resolve from its folder; a bare
name is a config of the installed package) and the language::

    [components.claimgraph_speech_v1]
    factory = "claimgraph_speech_v1"
    config_file = "default.yaml"
    language = "kk"

    [components.claimgraph_speech_v1.settings]
    lexicon = "relations_kk.yaml"

:func:`spacy_pipeline` translates a YAML config's stage list into these components: the YAML
stays the one place the stages are listed, and ``nlp.to_disk`` writes the translation.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from spacy.language import Language

from .config import ConfigError, _order_problems, check_order, checked_stages, load_config
from .lang import DEFAULT_LANGUAGE, known_languages
from .layers import GIVEN
from .resources import CONFIGS_DIR, DEFAULT_CONFIG
from .spacy_bridge import ClaimgraphComponent, spacy_attrs
from .stage import BUILTIN_STAGES, get_stage_class
from .version import __version__

PREFIX = "claimgraph_"


def factory_name(stage: str) -> str:
    """``country_gazetteer.v1`` -> ``claimgraph_country_gazetteer_v1``."""
    return PREFIX + re.sub(r"[^0-9A-Za-z_]", "_", stage)


def _config_entry(path: Optional[Path]) -> Optional[str]:
    """How a component's config names the YAML file: by name when it is one of the installed
    package's (so that a saved pipeline loads on another machine), else by its full path."""
    if path is None:
        return None
    path = path.resolve()
    return path.name if path.parent == CONFIGS_DIR.resolve() else str(path)


def make_component(nlp: Language, name: str, stage: str, settings: dict, config_file: Optional[str],
                   language: Optional[str]) -> ClaimgraphComponent:
    """The component of one stage (what every ``claimgraph_*`` factory calls)."""
    language = language or (nlp.lang if nlp.lang in known_languages() else DEFAULT_LANGUAGE)

    def order_problems() -> list[str]:  # the claimgraph components of the pipeline, in its order
        ours = [(n, type(p.stage)) for n, p in nlp.pipeline if isinstance(p, ClaimgraphComponent)]
        problems = _order_problems(ours)
        return problems + _missing_hints(ours, language) if problems else []

    return ClaimgraphComponent(name, stage, settings, config_file, language, order_problems)


def _missing_hints(ours: list[tuple[str, type]], language: str) -> list[str]:
    """The built-in factories (of this language, or of any) that provide the layers no
    component of the pipeline provides: one hint naming what to add."""
    provided = set(GIVEN).union(*(cls.provides for _, cls in ours))
    missing = dict.fromkeys(r for _, cls in ours for r in cls.requires if r not in provided)
    makers: dict[str, list[str]] = {}
    for layer in missing:
        for stage, target in BUILTIN_STAGES.items():
            of = re.match(r"pipeline\.lang\.(\w+)\.", target)
            if (of is None or of.group(1) == language) and layer in get_stage_class(stage).provides:
                makers.setdefault(factory_name(stage), []).append(layer)
                break
    if not makers:
        return []
    return ["add " + ", ".join(f"{name} ({', '.join(layers)})" for name, layers in makers.items())
            + " before the components that need them"]


def register_stage_factory(stage: str) -> str:
    """Register the spaCy factory of a stage (a built-in, a plugin's or one of
    :func:`~pipeline.stage.register_stage`) and return its name; idempotent."""
    name = factory_name(stage)
    if Language.has_factory(name):
        return name
    cls = get_stage_class(stage)

    def make(nlp: Language, name: str, settings: dict, config_file: Optional[str], language: Optional[str]):
        return make_component(nlp, name, stage, settings, config_file, language)

    Language.factory(name, default_config={"settings": {}, "config_file": DEFAULT_CONFIG.name, "language": None},
                     requires=spacy_attrs(cls.requires), assigns=["doc._.claimgraph", *spacy_attrs(cls.provides)],
                     func=make)
    return name


def add_stages(nlp: Language, config=None) -> Language:
    """Add a YAML config's stages (a path or dict; default: the package's default config) to
    ``nlp``, after its own components. The config's stage list is checked as
    :func:`pipeline.load` checks it: any problem is one :class:`~pipeline.config.ConfigError`."""
    cfg, path, _ = load_config(config)
    return _add_loaded(nlp, cfg, path)


def _add_loaded(nlp: Language, cfg, path: Optional[Path]) -> Language:
    where = str(path) if path else "<config>"
    check_order(cfg, path, [cls for cls, _ in checked_stages(cfg, path)])
    for i, entry in enumerate(cfg.stages):
        try:
            nlp.add_pipe(register_stage_factory(entry.factory),
                         config={"settings": dict(entry.model_extra or {}), "config_file": _config_entry(path),
                                 "language": cfg.language})
        except ValueError as err:
            raise ConfigError(f"{where}: stages[{i}] ({entry.factory}): {err}") from None
    return nlp


def spacy_pipeline(config=None) -> Language:
    """A ``spacy.Language`` running a YAML config's stages (default: the package's default
    config) over the config's language (``spacy.blank("kk")``'s tokenizer). A spaCy pipeline
    reads one language: a config's ``languages:`` routing is left to :func:`pipeline.load`
    (``spacy_pipeline("configs/russian.yaml")`` is the Russian one)."""
    import spacy

    cfg, path, _ = load_config(config)
    nlp = spacy.blank(cfg.language)
    nlp.meta.update({"name": f"claimgraph_{cfg.language}", "version": __version__,
                     "description": "claimgraph's stages: linked entities in doc.ents, claims in doc._.claims",
                     "requirements": [f"claimgraph>={__version__}"]})
    return _add_loaded(nlp, cfg, path)


def _register_builtins() -> None:
    # spaCy imports this module whenever it starts a Language (any language, any pipeline of
    # the environment): a stage whose module cannot import must not break spaCy itself
    for stage in BUILTIN_STAGES:
        try:
            register_stage_factory(stage)
        except ImportError:  # pragma: no cover - a broken install; claimgraph's own load says what
            continue


_register_builtins()
