"""A researcher who already uses spaCy: claimgraph's stages are spaCy components.

``pipeline.spacy_pipeline()`` is the default config as a ``spacy.Language``; a saved one loads
with a plain ``spacy.load`` in a fresh process and reads the sample as ``claimgraph run`` does;
a stage joins the researcher's own pipeline; displaCy draws entities and claims."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
import spacy
from spacy import displacy

import pipeline
from conftest import REPO
from pipeline.config import ConfigError
from pipeline.graph import ClaimsGraph
from pipeline.stage import BUILTIN_STAGES

SAMPLE = REPO / "corpora" / "sample"


@pytest.fixture(scope="module")
def spacy_nlp():
    return pipeline.spacy_pipeline()


def claim_rows(claims, names) -> set[tuple]:
    """A claim as its reader sees it: predicate, the names in its roles, how, and where in the text."""
    def name(eid):
        return names.get(eid, eid)

    return {(c.predicate, name(c.agent), name(c.recipient), name(c.theme) or c.theme_text, name(c.location),
             name(c.partner), c.polarity, c.modality, c.evidence.exact, c.date) for c in claims}


LOAD_AND_READ = r"""
import json, sys
from pathlib import Path
import spacy

nlp = spacy.load(sys.argv[1])       # nothing of claimgraph imported by hand: spaCy's entry points
rows = []
for path in sorted(Path(sys.argv[2]).glob("*.txt")):
    doc = nlp(path.read_text(encoding="utf-8"))
    names = {e.id: e.name for e in doc._.entities}
    rows.append({
        "persons": sorted({names[e.kb_id_] for e in doc.ents if e.label_ == "Person"}),
        "countries": sorted({e.kb_id_ for e in doc.ents if e.label_ == "Country"}),
        "claims": [c.model_dump(mode="json") for c in doc._.claims],
        "names": names,
    })
print(json.dumps(rows, ensure_ascii=False))
"""


def test_a_saved_spacy_pipeline_reads_the_sample_as_claimgraph_run_does(spacy_nlp, tmp_path):
    spacy_nlp.to_disk(tmp_path / "kk_claimgraph")
    loaded = subprocess.run([sys.executable, "-c", LOAD_AND_READ, str(tmp_path / "kk_claimgraph"), str(SAMPLE)],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    docs = json.loads(loaded.stdout)

    run = subprocess.run([sys.executable, "-m", "pipeline", "run", str(SAMPLE), "-o", str(tmp_path / "out"), "-q"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    graph = ClaimsGraph.from_jsonld(tmp_path / "out" / "graph.jsonld")
    entities = graph.entity_records()
    names = {eid: e.name for eid, e in entities.items()}

    assert sorted({p for d in docs for p in d["persons"]}) == sorted(e.name for e in entities.values() if e.type == "Person")
    assert sorted({c for d in docs for c in d["countries"]}) == sorted(i for i, e in entities.items() if e.type == "Country")
    from pipeline.records import Claim

    spacy_claims = set().union(*(claim_rows([Claim.model_validate(c) for c in d["claims"]], d["names"]) for d in docs))
    run_claims = claim_rows(graph.claim_records(), names)
    assert len(run_claims) >= 10
    assert spacy_claims == run_claims


def test_every_stage_is_a_spacy_factory_with_its_layers():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    from pipeline.spacy_factories import factory_name

    ours = {k for k in declared["spacy_factories"] if k.startswith("claimgraph_")}
    assert ours == {factory_name(s) for s in BUILTIN_STAGES}
    meta = spacy.language.Language.get_factory_meta("claimgraph_case_frames_v1")
    assert "token.morph" in meta.requires and "doc.ents" in meta.requires
    assert {"doc._.claims", "doc.spans", "doc._.claimgraph"} <= set(meta.assigns)


def test_the_spacy_doc_carries_linked_entities_claims_sentences_and_lemmas(spacy_nlp):
    doc = spacy_nlp("date 2024-05-02\nЖапония Қазақстанға көмек жіберуге уәде етті. Қытай Ресейге алғыс айтты.")
    ents = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("Жапония", "Country", "country:JP") in ents and ("Қазақстанға", "Country", "country:KZ") in ents
    claims = {c.predicate: c for c in doc._.claims}
    assert claims["pledge"].agent == "country:JP" and claims["thank"].recipient == "country:RU"
    spans = doc.spans["claims"]  # the claims' evidence, in the same order
    assert [s.id_ for s in spans] == [c.id for c in doc._.claims]
    thank = spans[[c.predicate for c in doc._.claims].index("thank")]
    assert thank.label_ == "thank · Қытай → Ресей"
    assert thank.text == "Қытай Ресейге алғыс айтты."  # offsets shifted past the date line
    assert doc._.claimgraph.document.date.isoformat() == "2024-05-02"
    assert [s.text.strip() for s in doc.sents][-2:] == ["Жапония Қазақстанға көмек жіберуге уәде етті.",
                                                        "Қытай Ресейге алғыс айтты."]
    ресейге = next(t for t in doc if t.text == "Ресейге")
    assert ресейге.morph.get("Case") == ["Dat"]


def test_the_doc_keeps_its_claims_through_bytes_and_two_processes(spacy_nlp):
    texts = ["Франция Германияға алғыс айтты.", "Жапония Қытаймен кездесті.", "Түркия Иранға шабуыл жасады."]
    one = [(tuple(c.predicate for c in d._.claims), k) for d, k in spacy_nlp.pipe(zip(texts, "abc"), as_tuples=True)]
    two = [(tuple(c.predicate for c in d._.claims), k)
           for d, k in spacy_nlp.pipe(zip(texts, "abc"), as_tuples=True, n_process=2, batch_size=1)]
    assert one == two and [k for _, k in two] == ["a", "b", "c"] and one[0][0] == ("thank",)
    doc = spacy_nlp(texts[0])
    back = spacy.tokens.Doc(spacy_nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.claims == doc._.claims and [e.kb_id_ for e in back.ents] == ["country:FR", "country:DE"]


def test_a_claimgraph_stage_joins_the_researchers_own_pipeline():
    nlp = spacy.blank("kk")

    @spacy.language.Language.component("researcher_marks_length")
    def marks_length(doc):
        doc.user_data["chars"] = len(doc.text)
        return doc

    nlp.add_pipe("researcher_marks_length")
    for name in ("claimgraph_kazakh_sentences_v1", "claimgraph_country_gazetteer_v1", "claimgraph_entity_linker_v1"):
        nlp.add_pipe(name)
    doc = nlp("Қазақстан мен Моңғолия келісімге қол қойды.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Қазақстан", "country:KZ"), ("Моңғолия", "country:MN")]
    assert doc.user_data["chars"] == len(doc.text)
    assert nlp.analyze_pipes(pretty=False)["problems"]["claimgraph_entity_linker_v1"] == []

    wrong = spacy.blank("kk")
    wrong.add_pipe("claimgraph_country_gazetteer_v1")  # needs the tokens of the sentence stage
    with pytest.raises(ValueError, match="claimgraph_country_gazetteer_v1 needs tokens.*"
                                         "add claimgraph_kazakh_sentences_v1 \\(tokens"):
        wrong("Қазақстан")


def test_displacy_draws_entities_and_claims(spacy_nlp):
    doc = spacy_nlp("Франция Германияға алғыс айтты.")
    entities = displacy.render(doc, style="ent")
    assert "Германияға" in entities and "Country" in entities
    claims = displacy.render(doc, style="span", options={"spans_key": "claims"})
    assert "thank · Франция → Германия" in claims


def test_a_bad_config_is_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("stages:\n  - factory: country_gazetteer.v1\n  - factory: kazakh_sentences.v1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml: stages: stages\[0\] \(country_gazetteer.v1\) needs tokens") as err:
        pipeline.spacy_pipeline(bad)
    assert "\n" not in str(err.value)
    bad.write_text("stages:\n  - factory: kazakh_sentences.v1\n    colour: red\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"stages\[0\] \(kazakh_sentences.v1\).colour: unknown key"):
        pipeline.spacy_pipeline(bad)


def test_a_component_pickles_as_its_config(spacy_nlp):
    """Where worker processes start by spawn (macOS, Windows), spaCy pickles the components:
    each is rebuilt from its config, whatever caches or models its stage holds."""
    import pickle

    for name, component in spacy_nlp.pipeline:
        copy = pickle.loads(pickle.dumps(component))
        assert copy.name == name and type(copy.stage) is type(component.stage)
        assert copy.stage.settings == component.stage.settings


def test_the_russian_config_is_a_russian_spacy_pipeline():
    from conftest import needs_extra

    needs_extra("natasha", "ru")
    nlp = pipeline.spacy_pipeline(REPO / "configs" / "russian.yaml")
    doc = nlp("Франция поблагодарила Германию за помощь.")
    assert nlp.lang == "ru" and [e.kb_id_ for e in doc.ents] == ["country:FR", "country:DE"]
    assert [(c.predicate, c.agent, c.recipient) for c in doc._.claims] == [("thank", "country:FR", "country:DE")]


def test_a_doc_keeps_the_id_date_and_source_the_researcher_gives(spacy_nlp):
    from pipeline.spacy_bridge import make_doc

    doc = spacy_nlp(make_doc(spacy_nlp, "Кеше Қытай Ресейге алғыс айтты.", doc_id="2024-05-02-a", date="2024-05-02",
                             source="archive/a.txt"))
    document = doc._.claimgraph.document
    assert (document.id, document.source, document.language) == ("2024-05-02-a", "archive/a.txt", "kk")
    assert [(c.id, c.date) for c in doc._.claims] == [("claim:2024-05-02-a-thank-19-0", "2024-05-01")]


def test_the_claims_view_colours_each_predicate(spacy_nlp):
    from pipeline.spacy_display import render_claims

    doc = spacy_nlp("Франция Германияға алғыс айтты. Жапония Қытаймен кездесті. Италия Испанияға алғыс айтты.")
    html = render_claims(doc)
    colour = {label: re.search(r"background: (#[0-9a-f]+)", html[html.index(label) - 600:html.index(label)]).group(1)
              for label in ("thank · Франция → Германия", "meet · Жапония → Қытай", "thank · Италия → Испания")}
    assert colour["thank · Франция → Германия"] == colour["thank · Италия → Испания"] != "#ddd"


def test_a_long_text_keeps_every_sentence_start(spacy_nlp):
    text = " ".join(["Жапония Қазақстанға көмек берді. Қытай Ресейге алғыс айтты."] * 300)
    doc = spacy_nlp(text)
    assert len(list(doc.sents)) == len(doc._.claimgraph.sentences) == 600
    assert len(doc._.claims) == 600


def test_a_claimgraph_that_cannot_import_its_components_never_breaks_spacy(tmp_path):
    """spaCy imports every package's factory entry points when it starts any Language: a broken
    claimgraph install warns, and other spaCy pipelines go on working."""
    script = ("import sys, warnings\n"
              "sys.modules['pipeline.spacy_bridge'] = None  # as if it could not be imported\n"
              "import spacy\n"
              "with warnings.catch_warnings(record=True) as seen:\n"
              "    warnings.simplefilter('always')\n"
              "    nlp = spacy.blank('en')\n"
              "print(len(nlp('It works.')), any('spaCy components are unavailable' in str(w.message) for w in seen))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.split() == ["3", "True"]
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert {v for k, v in declared["spacy_factories"].items() if k.startswith("claimgraph_")} == {
        "pipeline.spacy_entry:make_component"}
