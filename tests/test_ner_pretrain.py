"""Raw-text pretraining of the NER tok2vec: the text builder never uses dev or test
sentences, and the pretrain-ner / train-ner --init-tok2vec commands run on tiny data."""
import json

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.lang.kk.training.conll import read_conll, split_by_sentence_number
from pipeline.lang.kk.training.pretrain import build_pretraining_text, read_raw_texts


def _sentence(n: int) -> str:
    words = [f"Сөз{n}", "Алматыда", "жиналыс", "өтті", "деп", "хабарлады", "біздің", "тілші", f"нөмір{n}"]
    tags = ["O"] * len(words)
    tags[1] = "B-GPE"
    return f"AID{n} O\n" + "".join(f"{w} {t}\n" for w, t in zip(words, tags)) + "\n" + \
        f"BID{n} O\n" + "".join(f"{w} {t}\n" for w, t in zip(words[:-1] + [f"нөмірі{n}"], tags)) + "\n"


TEST_IOB = (
    "Бүгін O\nАстанада B-GPE\nүлкен O\nкеңес O\nболып O\nөтті O\nдеп O\nжазды O\nгазет O\n. O\n\n"
    "Қысқа O\nсөйлем O\nосында O\nтұр O\n. O\n\n"
)
RAW = (
    "Ертең ауа райы жылы болады деп күтілуде .\n"
    "Газет бүгін Астанада үлкен кеңес болып өтті деп жазды газет хабары бойынша .\n"
    "Бір кітапта қысқа сөйлем осында тұр деген жол бар .\n"
    "\n"
)


def _records(path):
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_builder_uses_only_the_training_part_and_no_test_text(tmp_path):
    conll = tmp_path / "ner.txt"
    conll.write_text("".join(_sentence(n) for n in range(1, 21)), encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text(TEST_IOB, encoding="utf-8")
    raw = tmp_path / "raw.txt"
    raw.write_text(RAW, encoding="utf-8")
    out = tmp_path / "pre" / "raw.jsonl"
    counts = build_pretraining_text(out, texts=[raw], conll=[conll], exclude=[test], dev_fraction=0.3)
    texts = _records(out)
    train, dev = split_by_sentence_number(read_conll(conll), 0.3)
    dev_numbers = {s.number for s in dev}
    assert dev_numbers and {s.number for s in train}  # both sides non-empty with this seed
    for n in dev_numbers:
        assert not [t for t in texts if f"Сөз{n} " in t], f"dev sentence {n} leaked"
    for s in train:
        assert " ".join(s.words) in texts
    # raw text: kept unless it contains a test sentence (8-word overlap, or a short one whole)
    assert "Ертең ауа райы жылы болады деп күтілуде ." in texts
    assert not [t for t in texts if "Астанада үлкен кеңес" in t]
    assert not [t for t in texts if "қысқа сөйлем осында" in t]
    assert counts["records"] == len(texts) == len(set(texts))


def test_raw_text_formats(tmp_path):
    (tmp_path / "a.conllu").write_text("# sent_id = 1\n# text = Ол келді.\n1\tОл\t_\n\n", encoding="utf-8")
    (tmp_path / "b.tagged.txt").write_text('"<Ол>"\n\t"ол" prn\n"<келді>"\n\t"кел" v\n"<.>"\n\t"." sent\n\n'
                                           '"<Иә>"\n\t"иә" ij\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("Бірінші құжат.\n\nЕкінші құжат.\n", encoding="utf-8")
    assert list(read_raw_texts(tmp_path)) == ["Ол келді.", "Ол келді .", "Иә", "Бірінші құжат.", "Екінші құжат."]


def test_pretrain_ner_then_train_ner_loads_the_weights(tmp_path):
    import numpy
    import spacy

    conll = tmp_path / "ner.txt"
    conll.write_text("".join(_sentence(n) for n in range(1, 7)), encoding="utf-8")
    raw = tmp_path / "raw.txt"
    raw.write_text(RAW, encoding="utf-8")
    small = ["--set", "components.tok2vec.model.encode.width=16", "--set", "components.ner.model.hidden_width=8"]
    pre = tmp_path / "pre"
    result = CliRunner().invoke(app, ["pretrain-ner", "--conll", str(conll), "--text", str(raw),
                                      "--config", "configs/ner_kk_features.cfg", "--out", str(pre),
                                      "--epochs", "1", "--set", "pretraining.objective.hidden_size=16", *small])
    assert result.exit_code == 0, result.output
    weights = pre / "model-last.bin"
    assert weights.exists() and (pre / "model0.bin").exists()

    def first_table(model_dir):
        tok2vec = spacy.load(model_dir).get_pipe("tok2vec").model
        return tok2vec, next(n for n in tok2vec.walk() if n.has_param("E")).get_param("E")

    # no learning, decay or averaging: the trained model's tok2vec must be exactly the pretrained one
    frozen = small + ["--set", "training.optimizer.learn_rate=0", "--set", "training.optimizer.L2=0",
                     "--set", "training.optimizer.use_averages=false", "--max-steps", "2"]
    out = tmp_path / "model"
    result = CliRunner().invoke(app, ["train-ner", str(conll), "--config", "configs/ner_kk_features.cfg",
                                      "--out", str(out), "--init-tok2vec", str(weights), *frozen])
    assert result.exit_code == 0, result.output
    tok2vec, trained = first_table(out)
    pretrained = tok2vec.copy().from_bytes(weights.read_bytes())
    expected = next(n for n in pretrained.walk() if n.has_param("E")).get_param("E")
    assert numpy.array_equal(trained, expected)
    assert json.loads((out / "meta.json").read_text())["claimgraph"]["init_tok2vec"] == str(weights)

    # and without --init-tok2vec it is not
    plain = tmp_path / "plain"
    result = CliRunner().invoke(app, ["train-ner", str(conll), "--config", "configs/ner_kk_features.cfg",
                                      "--out", str(plain), *frozen])
    assert result.exit_code == 0, result.output
    assert not numpy.array_equal(first_table(plain)[1], expected)


def test_train_ner_missing_weights_is_one_line(tmp_path):
    conll = tmp_path / "ner.txt"
    conll.write_text(_sentence(1), encoding="utf-8")
    result = CliRunner().invoke(app, ["train-ner", str(conll), "--out", str(tmp_path / "m"),
                                      "--init-tok2vec", str(tmp_path / "none.bin")])
    assert result.exit_code == 2
    assert "none.bin: pretrained tok2vec weights not found" in result.output
