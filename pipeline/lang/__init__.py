"""Languages. Each language is a folder ``pipeline/lang/<code>/`` holding its data
(YAML) and the few classes that know its grammar; the config's ``language`` picks
one, and stages ask their load context for it (:meth:`LoadContext.language_pack`),
never importing a language module themselves. Adding a language is a folder, a
:class:`~pipeline.lang.base.LanguagePack` subclass and a config.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from importlib.metadata import entry_points

from .base import LanguageDataMissing, LanguagePack, Tokenizer

# The language of a config that names none (configs/*.yaml name theirs): the one default.
DEFAULT_LANGUAGE = "kk"

# code -> "module:Class"; third-party languages come through the
# ``claimgraph.languages`` entry point group.
BUILTIN_LANGUAGES = {
    "kk": "pipeline.lang.kk:KazakhLanguage",
    "ru": "pipeline.lang.ru:RussianLanguage",
}


def _plugin_languages() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group="claimgraph.languages")}


def known_languages() -> list[str]:
    return sorted(set(BUILTIN_LANGUAGES) | set(_plugin_languages()))


@lru_cache(maxsize=None)
def get_language(code: str) -> LanguagePack:
    """The language pack for ``code`` (one instance per process); KeyError if unknown."""
    target = BUILTIN_LANGUAGES.get(code) or _plugin_languages().get(code)
    if target is None:
        raise KeyError(code)
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)()


__all__ = ["DEFAULT_LANGUAGE", "LanguageDataMissing", "LanguagePack", "Tokenizer", "get_language",
           "known_languages", "BUILTIN_LANGUAGES"]
