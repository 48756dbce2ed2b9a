"""One run over a mixed archive: each document goes to its language's pipeline.

A config with a ``languages`` key (``languages: {ru: russian.yaml}``) routes every
document whose language is one of those keys to that config's stages and all
others to its own. A document's language is the one it came with (a JSON Lines
``language`` field, ``claimgraph run --language``) or else the one the config's
``detector`` finds (:mod:`pipeline.langid`); it is written as the document's
``language`` (``inLanguage`` in the graph). A route's pipeline is loaded when its
first document comes, so a Kazakh-only run never loads the Russian models, and a
route whose packages are missing makes its documents errors, not the run.

It is a :class:`~pipeline.core.Pipeline`, so ``run`` (local, ``--workers N``,
dask) treats it like any other: workers rebuild it from the same config.
"""
from __future__ import annotations

from pathlib import Path

from .config import ConfigError, build_stages, dump_resolved, load_config
from .core import Pipeline
from .langid import get_detector
from .records import AnnotatedDocument, Document


class MultilingualPipeline(Pipeline):
    def __init__(self, base: Pipeline, routes: dict[str, Path], detector: str = "letters"):
        super().__init__(base.stages, base.config, base.config_path)
        self.base = base
        self.routes = dict(routes)
        self.detector_name = detector
        self.detector = get_detector(detector)
        self._loaded: dict[str, Pipeline] = {}

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
        return cls(base, resolved, detector)

    # -- routing ----------------------------------------------------------------
    def language_of(self, document: Document) -> str:
        return document.language or self.detector.detect(document.text) or self.base.language

    def pipeline_for(self, language: str) -> Pipeline:
        """The pipeline of a language (loaded on first use); the base one for others."""
        if language not in self.routes or language == self.base.language:
            return self.base
        if language not in self._loaded:
            cfg, path, _ = load_config(self.routes[language])
            self._loaded[language] = Pipeline(build_stages(cfg, path), dump_resolved(cfg), path)
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
        """Each language's documents as one batch through its pipeline; input order kept."""
        batch = [self._tagged(d) for d in batch]
        groups: dict[str, list[int]] = {}
        for k, d in enumerate(batch):
            groups.setdefault(d.language, []).append(k)
        out: list[AnnotatedDocument | None] = [None] * len(batch)
        for language, idx in groups.items():
            results = self.pipeline_for(language)._batch([batch[k] for k in idx])
            for k, r in zip(idx, results):
                out[k] = r
        return out  # type: ignore[return-value]

    def describe(self) -> list[dict]:
        routed = [{"language": code, "config": str(path),
                   "stages": self._loaded[code].describe() if code in self._loaded else "not loaded (no document)"}
                  for code, path in self.routes.items()]
        return self.base.describe() + [{"factory": "languages", "detector": self.detector_name, "routes": routed}]


def load_pipeline(source=None) -> Pipeline:
    """A config's pipeline (what :func:`pipeline.load` returns): its own stages, and when it
    has ``languages``, a document per language to that language's stages."""
    cfg, path, _ = load_config(source)
    nlp = Pipeline.from_loaded(cfg, path)
    if cfg.languages:
        return MultilingualPipeline.wrap(nlp, cfg.languages, cfg.detector, path)
    return nlp
