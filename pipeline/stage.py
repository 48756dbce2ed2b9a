"""The stage protocol and the registry of stage factories.

A stage is a small class with a pydantic ``Settings`` model (``extra="forbid"``),
the layers (:mod:`pipeline.layers`) it ``requires``, reads when present (``optional``)
and ``provides``, and ``__call__(doc) -> doc`` that returns a new
:class:`~pipeline.records.AnnotatedDocument` with its own layer added. Factories
are found by name: the built-in ones through the ``claimgraph.stages`` entry points
of this package (imported only when used), user ones through :func:`register_stage`.
"""
from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar

from pydantic import BaseModel, ConfigDict

from .records import AnnotatedDocument

if TYPE_CHECKING:
    from .lang.base import LanguagePack

# Built-in stages: name -> "module:Class". Kept here (not discovered by import
# side effects) so that run order and availability never depend on import order.
BUILTIN_STAGES = {
    "kazakh_sentences.v1": "pipeline.lang.kk.stages.sentences:KazakhSentenceSplitter",
    "kazakh_morphology.v1": "pipeline.lang.kk.stages.morphology:KazakhMorphology",
    "country_gazetteer.v1": "pipeline.stages.countries:CountryGazetteer",
    "org_gazetteer.v1": "pipeline.stages.organisations:OrganisationGazetteer",
    "ner.v1": "pipeline.stages.ner:EntityRecognizer",
    "entity_linker.v1": "pipeline.stages.linker:EntityLinker",
    "quantified_groups.v1": "pipeline.stages.groups:QuantifiedGroupFinder",
    "roles.v1": "pipeline.stages.roles:RoleExtractor",
    "speech.v1": "pipeline.stages.speech:SpeechAttributor",
    "case_frames.v1": "pipeline.stages.case_frames:CaseFrameExtractor",
    "event_nouns.v1": "pipeline.stages.event_nouns:EventNounExtractor",
    "place_resolver.v1": "pipeline.stages.places:PlaceResolver",
    # Russian (pipeline/lang/ru; the ru extra)
    "ru_sentences.v1": "pipeline.lang.ru.stages.sentences:RussianSentences",
    "ru_gazetteer.v1": "pipeline.lang.ru.stages.gazetteer:RussianGazetteer",
    "ru_ner.v1": "pipeline.lang.ru.stages.ner:RussianNER",
    "ru_linker.v1": "pipeline.lang.ru.stages.linker:RussianLinker",
    "ru_relations.v1": "pipeline.lang.ru.stages.relations:RussianRelations",
}

_USER_STAGES: dict[str, type["Stage"]] = {}


class StageSettings(BaseModel):
    """Base for a stage's settings: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class LoadContext(BaseModel):
    """What a stage may need at load time besides its settings."""

    model_config = ConfigDict(extra="forbid")
    language: str  # the config's ``language``
    config_path: Path | None = None

    @property
    def language_pack(self) -> "LanguagePack":
        """The language this pipeline reads (data, tokenizer, normaliser, ...). A stage asks
        it for what it reads when it loads: what the language lacks is a one-line error."""
        from .lang import get_language

        return get_language(self.language)

    def lexicon(self, path: Path | str | None) -> Path:
        """A relation lexicon named in the config, else the language's own."""
        if path is not None:
            return self.resolve(path)
        default = self.language_pack.default_lexicon
        if default is None:
            raise ValueError(f"language {self.language!r} has no relation lexicon: name one with 'lexicon:'")
        return default

    def resolve(self, path: Path | str) -> Path:
        """Paths in a config are relative to the config file's folder."""
        path = Path(path).expanduser()
        if path.is_absolute() or self.config_path is None:
            return path
        return (self.config_path.parent / path).resolve()


class Stage:
    """Base class of pipeline stages."""

    factory: ClassVar[str] = ""
    # layers it reads that an earlier stage must provide
    requires: ClassVar[tuple[str, ...]] = ()
    # layers it reads when the config has them (then from an earlier stage, never a later one)
    optional: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    Settings: ClassVar[type[StageSettings]] = StageSettings

    def __init__(self, settings: StageSettings, context: LoadContext):
        self.settings = settings
        self.context = context

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        """A batch at once; stages with a model override this to batch it."""
        return [self(doc) for doc in docs]

    def describe(self) -> dict:
        """Model names and versions for run.json (stages with models override)."""
        return {}


class StageRegistryError(ValueError):
    """A stage name is taken."""


def register_stage(name: str, replace: bool = False) -> Callable[[type[Stage]], type[Stage]]:
    """Register a user stage class under ``name`` (use a ``.vN`` suffix). A name
    that is taken (a built-in, a plugin or another class) is refused unless
    ``replace`` is given: a config must always mean the same code."""

    def wrap(cls: type[Stage]) -> type[Stage]:
        taken = name in BUILTIN_STAGES or name in _plugin_stages() or (
            name in _USER_STAGES and _USER_STAGES[name] is not cls)
        if taken and not (replace and name not in BUILTIN_STAGES):
            raise StageRegistryError(f"stage name {name!r} is already registered"
                                     + ("" if name in BUILTIN_STAGES else "; pass replace=True to replace it"))
        cls.factory = name
        _USER_STAGES[name] = cls
        return cls

    return wrap


def _plugin_stages() -> dict[str, str]:
    found = {}
    for ep in entry_points(group="claimgraph.stages"):
        found[ep.name] = ep.value
    return found


def known_stages() -> list[str]:
    return sorted(set(BUILTIN_STAGES) | set(_USER_STAGES) | set(_plugin_stages()))


def get_stage_class(name: str) -> type[Stage]:
    """The class registered as ``name``; KeyError if there is none."""
    if name in _USER_STAGES:
        return _USER_STAGES[name]
    target = BUILTIN_STAGES.get(name) or _plugin_stages().get(name)
    if target is None:
        raise KeyError(name)
    module_name, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    cls.factory = name
    return cls
