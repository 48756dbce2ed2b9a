"""CAMEO-style actor codes (CAMEO 1.1b3, ch. 3; GDELT's ``Actor1Code``, ``Actor1CountryCode``,
``Actor1Type1Code``): the ISO 3166-1 alpha-3 code of the actor's country and the sector of a
person's office or an organisation's kind (``KAZGOV``); a person through their affiliation. The
sector words are each language's ``sectors.yaml``, read through its language pack.

>>> from pipeline.records import Entity
>>> kz = Entity(id="country:KZ", type="Country", name="Kazakhstan", identifier="KZ")
>>> actor_code(kz, {"country:KZ": kz}).code
'KAZ'
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from ..lang import get_language, known_languages
from ..records import Entity
from .coding import coding_table


class ActorCode(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: Optional[str] = None  # country + sector (KAZGOV), the country alone, or the sector (IGO)
    country: Optional[str] = None  # ISO 3166-1 alpha-3
    sector: Optional[str] = None  # CAMEO sector (GOV, MIL, ...)


class SectorWords(BaseModel):
    """Sector -> word stems, for titles and organisation names, in the order tried."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    titles: dict[str, list[str]] = {}
    organisations: dict[str, list[str]] = {}


@lru_cache(maxsize=None)
def alpha3_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> alpha-3, from CLDR's territory aliases (babel), withdrawn codes left out."""
    from babel.core import get_global

    withdrawn = set(coding_table().withdrawn_alpha3)
    return {targets[0]: alias for alias, targets in get_global("territory_aliases").items()
            if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and alias not in withdrawn}


@lru_cache(maxsize=None)
def sector_patterns() -> dict[str, list[tuple[str, re.Pattern]]]:
    """kind (titles, organisations) -> (sector, pattern) in order, over every language that has a
    ``sectors.yaml``; a stem matches at the start of a word."""
    known = set(coding_table().sectors)
    out: dict[str, list[tuple[str, re.Pattern]]] = {"titles": [], "organisations": []}
    for code in known_languages():
        pack = get_language(code)
        if not (pack.data_dir / "sectors.yaml").exists():
            continue
        words = SectorWords.model_validate(pack.data("sectors.yaml"))
        for kind in out:
            for sector, stems in getattr(words, kind).items():
                if sector not in known:
                    raise ValueError(f"{pack.data_dir / 'sectors.yaml'}: {sector!r} is not a CAMEO sector")
                alternatives = "|".join(re.escape(s.lower()) for s in sorted(stems, key=len, reverse=True))
                out[kind].append((sector, re.compile(rf"\b(?:{alternatives})")))
    return out


def sector_of(words: str | None, kind: str) -> Optional[str]:
    """The first sector (in the YAML's order) one of whose stems begins a word of ``words``."""
    text = (words or "").lower()
    return next((sector for sector, pattern in sector_patterns()[kind] if text and pattern.search(text)), None)


def _country(entity: Entity | None) -> Optional[str]:
    if entity is None or entity.type != "Country" or not entity.identifier:
        return None
    return alpha3_codes().get(entity.identifier.upper())


def actor_code(entity: Entity | None, entities: dict[str, Entity]) -> ActorCode:
    """The actor code of an entity: a country's alpha-3; an organisation's country (its
    affiliation) and kind; a person's country and sector through their title and affiliation."""
    if entity is None:
        return ActorCode()
    if entity.type == "Country":
        country = _country(entity)
        return ActorCode(code=country, country=country)
    affiliation = entities.get(entity.affiliation or "")
    country, sector = _country(affiliation), None
    if entity.type == "Organization":
        sector = sector_of(" ".join([entity.name, *entity.alternate_names]), "organisations")
    elif entity.type == "Person":
        sector = sector_of(entity.job_title, "titles")
        if affiliation is not None and affiliation.type == "Organization":
            through = actor_code(affiliation, entities)
            country, sector = country or through.country, sector or through.sector
    if sector == "IGO":
        country = None  # an intergovernmental body is no country's (CAMEO codes it IGO...)
    code = (country or "") + (sector or "")
    return ActorCode(code=code or None, country=country, sector=sector)
