"""One run over a mixed archive: each document goes to its language's pipeline.

A config with a ``languages`` key (``languages: {ru: russian.yaml}``) routes every
document whose language is one of those keys to that config's stages, and those in
the config's own ``language`` (or of no telling language: digits, a short list of
names) to its own. A document in any other language (English, German, Ukrainian
...) has no stages to read it: it is an error row (``unsupported language: en``,
stage ``language``) and the run goes on, unless the config names a ``fallback``
language whose stages read such documents (``fallback: kk``: what happened before).
A document's language is the one it came with (a JSON Lines ``language`` field,
``claimgraph run --language``; its primary subtag routes: ``ru-RU`` -> ``ru``) or
else the one the config's ``detector`` finds (:mod:`pipeline.langid`); it is written
as the document's ``language`` (``inLanguage`` in the graph). A route's pipeline is
loaded when its first document comes, so a Kazakh-only run never loads the Russian
models, and a route whose packages are missing makes its documents errors, not the run.

It is a :class:`~pipeline.core.Pipeline`, so ``run`` (local, ``--workers N``,
dask) treats it like any other: workers rebuild it from the same config.
"""
from __future__ import annotations

from pathlib import Path

from .config import ConfigError, build_stages, dump_resolved, load_config
from .core import Pipeline
from .langid import get_detector
from .records import AnnotatedDocument, Document


class LanguageError(ValueError):
    """A document in a language the config has no stages for (stage ``language``)."""

    stage = "language"


class MultilingualPipeline(Pipeline):
    def __init__(self, base: Pipeline, routes: dict[str, Path], detector: str = "letters",
                 fallback: str | None = None):
        super().__init__(base.stages, base.config, base.config_path)
        self.base = base
        self.routes = dict(routes)
        self.detector_name = detector
        self.detector = get_detector(detector)
        self.fallback = fallback
        self._loaded: dict[str, Pipeline] = {}
        self._disabled: list[str] = []

    def disable_stages(self, names) -> "MultilingualPipeline":
        """The base's stages named left out (checked there); a routed language's pipeline
        leaves out those of them it has, when it is loaded."""
        self.base.disable_stages(names)
        self.stages, self.config = self.base.stages, {**self.config, "stages": self.base.config["stages"]}
        self._disabled = list(names)
        return self

    @classmethod
    def from_config(cls, source=None) -> Pipeline:
        """What :func:`load_pipeline` builds (workers rebuild a run's pipeline through its
        class): routing again when the config routes."""
        return load_pipeline(source)

    @classmethod
    def wrap(cls, base: Pipeline, routes: dict[str, str], detector: str, config_path: Path | None):
        """Check each route's config now (file, keys, stage names, language) and
        load its stages later."""
        where = str(config_path) if config_path else "<config>"
        folder = config_path.resolve().parent if config_path else Path.cwd()
        resolved = {}
        for code, target in routes.items():
            path = Path(target).expanduser()
            path = path if path.is_absolute() else (folder / path).resolve()
            try:
                cfg, _, _ = load_config(path)
            except ConfigError as err:
                raise ConfigError(f"{where}: languages.{code}: {err}") from None
            if cfg.language != code:
                raise ConfigError(f"{where}: languages.{code}: {path} is a pipeline for {cfg.language!r}")
            resolved[code] = path
        try:
            get_detector(detector)
        except ValueError as err:
            raise ConfigError(f"{where}: detector: {err}") from None
        fallback = base.config.get("fallback")
        if fallback is not None and fallback != base.language and fallback not in resolved:
            raise ConfigError(f"{where}: fallback: no stages for {fallback!r} "
                              f"(this config has {', '.join(sorted({base.language, *resolved}))})")
        return cls(base, resolved, detector, fallback)

    # -- routing ----------------------------------------------------------------
    def language_of(self, document: Document) -> str:
        return document.language or self.detector.detect(document.text) or self.base.language

    def pipeline_for(self, language: str) -> Pipeline:
        """The pipeline of a language (loaded on first use); the fallback's for a
        language with no stages, or :class:`LanguageError` when there is no fallback."""
        code, language = language, language.split("-")[0].split("_")[0].lower()  # kk-KZ, ru_RU: the primary subtag
        if language not in self.routes and language != self.base.language:
            if self.fallback is None:
                supported = ", ".join(sorted({self.base.language, *self.routes}))
                raise LanguageError(f"unsupported language: {code} (stages for {supported}; "
                                    "a config's fallback: reads others as one of them)")
            language = self.fallback
        if language == self.base.language:
            return self.base
        if language not in self._loaded:
            cfg, path, _ = load_config(self.routes[language])
            routed = Pipeline(build_stages(cfg, path), dump_resolved(cfg), path)
            self._loaded[language] = routed.disable_stages([n for n in self._disabled if n in routed.pipe_names])
        return self._loaded[language]

    def _tagged(self, document: Document) -> Document:
        language = self.language_of(document)
        return document if document.language == language else document.model_copy(update={"language": language})

    def __call__(self, document: Document | str) -> AnnotatedDocument:
        if isinstance(document, str):
            return self.process(document)
        document = self._tagged(document)
        return self.pipeline_for(document.language)(document)

    def _batch(self, batch: list[Document]) -> list[AnnotatedDocument]:
        """Each language's documents as one batch through its pipeline; input order kept.
        A document of an unsupported language fails the batch before any work (a run
        then takes the batch's documents one by one: that one is the error row)."""
        batch = [self._tagged(d) for d in batch]
        groups: dict[str, list[int]] = {}
        for k, d in enumerate(batch):
            groups.setdefault(d.language, []).append(k)
        pipelines = {language: self.pipeline_for(language) for language in groups}
        out: list[AnnotatedDocument | None] = [None] * len(batch)
        for language, idx in groups.items():
            results = pipelines[language]._batch([batch[k] for k in idx])
            for k, r in zip(idx, results):
                out[k] = r
        return out  # type: ignore[return-value]

    def describe(self) -> list[dict]:
        routed = [{"language": code, "config": str(path),
                   "stages": self._loaded[code].describe() if code in self._loaded else "not loaded (no document)"}
                  for code, path in self.routes.items()]
        return self.base.describe() + [{"factory": "languages", "detector": self.detector_name, "routes": routed,
                                        "fallback": self.fallback}]


def load_pipeline(source=None) -> Pipeline:
    """A config's pipeline (what :func:`pipeline.load` returns): its own stages, and when it
    has ``languages``, a document per language to that language's stages. Every document's
    language is checked (a config without ``languages`` refuses the others too), unless the
    config's ``fallback`` is its own language: then its stages read whatever comes."""
    cfg, path, _ = load_config(source)
    nlp = Pipeline.from_loaded(cfg, path)
    if cfg.languages or cfg.fallback != cfg.language:
        return MultilingualPipeline.wrap(nlp, cfg.languages, cfg.detector, path)
    return nlp
