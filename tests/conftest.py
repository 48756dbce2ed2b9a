from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_ARTICLE = SHARED / "corpora" / "000_f722416dd5b1ba88.txt"


def needs_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (../shared beside the checkout)")


def has_module(module: str) -> bool:
    """Whether an optional module imports."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def needs_extra(module: str, extra: str):
    """An optional extra's module, or skip the test saying which extra is missing."""
    return pytest.importorskip(module, reason=f"the {extra} extra is not installed (no module {module!r}): "
                                              f"pip install 'claimgraph[{extra}]'")


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def ru():
    """The Russian pipeline (configs/russian.yaml), loaded once: its models take seconds."""
    import pipeline

    needs_extra("natasha", "ru")
    return pipeline.load(REPO / "configs" / "russian.yaml")


@pytest.fixture(scope="session")
def gazetteer_only():
    """A pipeline without the NER model: countries only (fast)."""
    import pipeline

    return pipeline.load({"stages": [
        {"factory": "kazakh_sentences.v1"},
        {"factory": "country_gazetteer.v1"},
        {"factory": "entity_linker.v1"},
    ]})


@pytest.fixture
def splitter():
    from pipeline.stage import LoadContext
    from pipeline.lang.kk.stages.sentences import KazakhSentenceSplitter, Settings

    return KazakhSentenceSplitter(Settings(), LoadContext(language="kk"))


def annotate(stage, text: str):
    from pipeline.records import AnnotatedDocument, Document

    return stage(AnnotatedDocument(document=Document(id="t", source="t", text=text)))


def hand_pipeline(persons=(), orgs=(), places=(), positions=(), fallback=None):
    """The default relation stages with a hand-written 'NER' (no model): the
    given names are tagged wherever they occur (with any ending). ``fallback="kk"``
    reads text of any language with them (else other languages are refused)."""
    import re

    import pipeline
    from pipeline.records import Mention
    from pipeline.stage import Stage, register_stage

    names = ([(n, "PERSON") for n in persons] + [(n, "ORG") for n in orgs] + [(n, "LOC") for n in places]
             + [(n, "POSITION") for n in positions])

    @register_stage("hand_ner.v1", replace=True)
    class HandNER(Stage):
        requires = ("tokens",)
        provides = ("ner_mentions",)

        def __call__(self, doc):
            found = list(doc.mentions)
            for name, label in names:
                for m in re.finditer(re.escape(name) + r"[\w-]*", doc.text):
                    found.append(Mention(id=f"m{m.start()}-{m.end()}", start=m.start(), end=m.end(), text=m.group(),
                                         label=label, source="hand_ner.v1"))
            return doc.with_layers(mentions=found)

    lex = {"lexicon": str(REPO / "configs" / "relations_kk.yaml")}
    return pipeline.load({"language": "kk", **({"fallback": fallback} if fallback else {}), "stages": [
        {"factory": "kazakh_sentences.v1"},
        {"factory": "kazakh_morphology.v1"},
        {"factory": "country_gazetteer.v1"},
        {"factory": "org_gazetteer.v1", "lexicon": str(REPO / "configs" / "organisations_kk.yaml")},
        {"factory": "hand_ner.v1"},
        {"factory": "quantified_groups.v1", **lex},
        {"factory": "entity_linker.v1"},
        {"factory": "roles.v1", **lex},
        {"factory": "speech.v1", **lex},
        {"factory": "case_frames.v1", **lex},
    ]})


def claims_of(result, keep=("predicate", "agent", "recipient", "theme", "location", "source", "partner",
                            "polarity", "modality", "author", "date", "text")):
    """Claims as dicts of names (entity ids replaced by canonical names), None values dropped."""
    names = {e.id: e.name for e in result.entities}
    out = []
    for c in result.claims:
        d = {}
        for k in keep:
            v = getattr(c, k)
            if v is None:
                continue
            d[k] = names.get(v, v) if k in ("agent", "recipient", "theme", "location", "source", "partner",
                                            "author") else v
        out.append(d)
    return out


class EventTable:
    """Tables of Kazakh sentences and the events they give, read by :func:`hand_pipeline`
    (built on first use): ``events(text)`` is the set of (predicate, agent name, recipient or
    location name, polarity, modality), ``say`` and ``has_role`` left out; ``check(table)``
    fails listing every row whose sentence gives another set."""

    def __init__(self, persons, places, orgs=()):
        self._names = (persons, places, orgs)
        self._nlp = None

    def events(self, text: str) -> set[tuple]:
        if self._nlp is None:
            persons, places, orgs = self._names
            self._nlp = hand_pipeline(persons=persons, places=places, orgs=orgs)
        r = self._nlp.process(text, date="2024-03-06", doc_id="t")
        names = {e.id: e.name for e in r.entities}
        return {(c.predicate, names.get(c.agent, c.agent), names.get(c.recipient or c.location),
                 c.polarity, c.modality) for c in r.claims if c.predicate not in ("say", "has_role")}

    def check(self, table: list[tuple[str, set]]) -> None:
        wrong = [(text, got, want) for text, want in table if (got := self.events(text)) != want]
        assert not wrong, "\n".join(f"{t}\n   got  {sorted(g, key=str)}\n   want {sorted(w, key=str)}"
                                    for t, g, w in wrong)


def load_error(tmp_path, yaml_text: str) -> str:
    """The one-line ConfigError ``pipeline.load`` gives for a config of ``yaml_text``, after its
    file's path (checked: it names the file, is one line and shows no Python exception)."""
    import pipeline
    from pipeline.config import ConfigError

    path = tmp_path / "pipe.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        pipeline.load(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: ") and "\n" not in msg and "KeyError" not in msg
    return msg[len(f"{path}: "):]
