"""Loading the verb tables (``data/verbs/*.yaml``) into morphemes and slots."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..resources import kk_data
from .lists import word_list_file

Feats = tuple[tuple[str, str | None], ...]  # None removes a feature set earlier


@dataclass(frozen=True)
class Morph:
    name: str
    form: str  # archiphoneme string; "|" separates alternatives
    feats: Feats = ()
    then: tuple[str, ...] = ()
    final: bool = True
    neg: str | None = None  # "forbid" / "require" / None (either)
    cost: float = 0.0


@dataclass(frozen=True)
class Voice:
    name: str
    feats: Feats
    strip: bool  # the lemma is the stem without this voice (UD KTB: сатыл- -> сат)
    cost: float
    alternants: tuple[tuple[re.Pattern | None, str], ...]
    then_voice: tuple[str, ...] = ()  # a voice that may follow (causative + passive)
    rank_first: bool = False  # at equal cost, readings with this voice rank first


@dataclass
class VerbTables:
    phonology: dict
    letter_classes: dict[str, str]
    voices: list[Voice]
    negation: Morph
    tam: list[Morph]
    slots: dict[str, list[Morph]]
    progressive: dict[str, Morph]  # posture stem -> its present-continuous ending
    copula_stem: str
    copula_upos: str
    copula_tam: list[Morph]
    auxiliaries: frozenset[str]
    guess: dict
    stems: list[str]
    stem_counts: dict[str, int]  # corpus tokens a stem's forms spell (ranks homographs)
    elided: frozenset[str]  # қорық -> қорқ- before a vowel
    source: dict = field(default_factory=dict)


def _feats(raw: dict | None) -> Feats:
    return tuple((str(k), None if v is None else str(v)) for k, v in (raw or {}).items())


def _morph(raw: dict, default_name: str = "") -> Morph:
    return Morph(
        name=str(raw.get("name", default_name)),
        form=str(raw.get("form", "")),
        feats=_feats(raw.get("feats")),
        then=tuple(raw.get("then", ())),
        final=bool(raw.get("final", True)),
        neg=raw.get("neg"),
        cost=float(raw.get("cost", 0)),
    )


def _slots(raw: dict) -> dict[str, list[Morph]]:
    slots: dict[str, list[Morph]] = {}
    for name, entries in raw.items():
        slots[name] = [_morph(e, name) for e in entries if "slot" not in e]
    # {slot: other} inside a slot includes that slot's morphemes (nominal = plural | possessive | case)
    for name, entries in raw.items():
        for e in entries:
            if "slot" in e:
                slots[name].extend(slots[e["slot"]])
    return slots


def parse_stems(block: str) -> dict[str, int]:
    """One stem a line, optionally followed by a count; text after '#' is a comment."""
    out: dict[str, int] = {}
    for line in block.splitlines():
        parts = line.split("#", 1)[0].split()
        if parts:
            out[parts[0]] = int(parts[1]) if len(parts) > 1 else 0
    return out


def load_tables(endings: str = "verbs/endings.yaml", lexicon: str = "verbs/lexicon.yaml",
                stems: str | None = "verbs/stems.yaml") -> VerbTables:
    """The shipped tables; ``stems=None`` leaves the stem list empty (for the
    script that makes it)."""
    spec = kk_data(endings)
    lex = kk_data(lexicon)
    stem_file = word_list_file(stems) if stems else {}
    classes = kk_data(spec["phonology"]["classes_from"])["phonology"]["letter_classes"]
    phon = dict(spec["phonology"], archiphonemes=spec["archiphonemes"], junctions=spec["junctions"])

    def expand(pattern: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: f"[{classes[m.group(1)]}]", pattern)

    voices = [
        Voice(
            name=v["name"],
            feats=_feats(v.get("feats")),
            strip=v.get("lemma", "strip") == "strip",
            cost=float(v.get("cost", 0)),
            then_voice=tuple(v.get("then_voice", ())),
            rank_first=bool(v.get("rank_first", False)),
            alternants=tuple(
                (re.compile(f"(?:{expand(a['after'])})$") if a.get("after") else None, str(a["form"]))
                for a in v["alternants"]
            ),
        )
        for v in spec["voice"]
    ]
    prog = spec["progressive"]
    progressive = {
        stem: Morph(name="progressive", form=str(form), feats=_feats(prog["feats"]),
                    then=tuple(prog.get("then", ())), cost=float(prog.get("cost", 0)))
        for stem, form in prog["stems"].items()
    }
    copula = lex["copula"]
    stem_counts = parse_stems(stem_file.get("stems", ""))
    for extra in lex.get("extra_stems", ()) if stems else ():
        stem_counts.setdefault(str(extra), 0)
    return VerbTables(
        phonology=phon,
        letter_classes=classes,
        voices=voices,
        negation=_morph(spec["negation"], "negation"),
        tam=[_morph(m) for m in spec["tam"]],
        slots=_slots(spec["slots"]),
        progressive=progressive,
        copula_stem=str(copula["stem"]),
        copula_upos=str(copula.get("upos", "AUX")),
        copula_tam=[_morph(m) for m in copula["endings"]],
        auxiliaries=frozenset(lex.get("auxiliaries", ())),
        guess=dict(lex.get("guess", {})),
        stems=list(stem_counts),
        stem_counts=stem_counts,
        elided=frozenset(parse_stems(stem_file.get("elided", "") or "")),
        source=dict(stem_file.get("source", {})),
    )
