"""The NER training and evaluation commands on tiny data (CI never retrains the real model)."""
import json

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.lang.kk.training.conll import iob2_spans, read_conll, split_by_sentence_number

TINY = """AID1 O
Дмитрий B-PERSON
Песков I-PERSON
Мәскеуге B-GPE
барды O
. O

BID1 O
Дмитрий B-PERSON
Песков I-PERSON
Мәскеуге B-GPE
барды O
. O

AID2 O
Ресей B-GPE
президенті B-POSITION
Владимир B-PERSON
Путин I-PERSON
Қытайға B-GPE
алғыс O
айтты O
. O
"""


def test_conll_reader_keeps_sentence_ids_and_spans(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    sents = read_conll(path)
    assert [s.sent_id for s in sents] == ["AID1", "BID1", "AID2"]
    assert sents[2].spans() == [(0, 1, "GPE"), (1, 2, "POSITION"), (2, 4, "PERSON"), (4, 5, "GPE")]
    assert iob2_spans(["I-PERSON", "I-PERSON", "O", "B-GPE"]) == [(0, 2, "PERSON"), (3, 4, "GPE")]


def test_conll_dev_split_keeps_versions_of_a_sentence_together(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY * 40, encoding="utf-8")
    train, dev = split_by_sentence_number(read_conll(path) * 1, dev_fraction=0.5, seed="x")
    assert not {s.number for s in train} & {s.number for s in dev}


def test_conll_bad_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Песков PERSON\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-ner", str(path)])
    assert result.exit_code == 2
    assert f"{path}:1: tag 'PERSON' is not IOB2" in result.output


def test_train_ner_smoke_and_evaluate_json(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    out = tmp_path / "model"
    result = CliRunner().invoke(app, ["train-ner", str(path), "--out", str(out), "--max-steps", "3",
                                      "--set", "components.tok2vec.model.encode.width=32",
                                      "--set", "components.tok2vec.model.embed.rows=[500,200,100,50,20]"])
    assert result.exit_code == 0, result.output
    config = (out / "config.cfg").read_text(encoding="utf-8").replace(" ", "")
    assert "width=32" in config and "rows=[500,200,100,50,20]" in config
    assert json.loads((out / "vocab" / "strings.json").read_text(encoding="utf-8")) == []
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "kk" and "ner" in meta["pipeline"]
    assert meta["sources"][0]["name"] == "KazNERD"
    result = CliRunner().invoke(app, ["evaluate-ner", str(path), "--model", str(out), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert set(scores) == {"overall", "per_label", "words_per_second"}
    assert set(scores["overall"]) == {"p", "r", "f"} and 0.0 <= scores["overall"]["f"] <= 1.0
    assert scores["words_per_second"] > 0


def test_train_ner_bad_set_option_is_one_line(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    result = CliRunner().invoke(app, ["train-ner", str(path), "--out", str(tmp_path / "m"), "--set", "width32"])
    assert result.exit_code == 2
    assert "--set 'width32': expected SECTION.KEY=VALUE" in result.output


def test_train_ner_with_feature_components_saves_a_self_contained_model(tmp_path):
    import spacy

    from pipeline.resources import CONFIGS_DIR

    path = tmp_path / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    out = tmp_path / "model"
    result = CliRunner().invoke(app, ["train-ner", str(path), "--out", str(out), "--max-steps", "2",
                                      "-c", str(CONFIGS_DIR / "ner_kk_features.cfg"),
                                      "--set", "components.tok2vec.model.encode.width=32",
                                      "--set", "corpora.train.augmenter=null"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "kk_gazetteer" / "gazetteers.json").read_text(encoding="utf-8"))["COUNTRY"]
    nlp = spacy.load(out)
    assert nlp.pipe_names[:2] == ["kk_stem_norm", "kk_gazetteer"]
    doc = nlp("Ол Кенияға барды")
    assert doc[1].norm_ == "кения" and doc[1].tag_ == "COUNTRY"
