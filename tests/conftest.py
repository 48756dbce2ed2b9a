from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_ARTICLE = SHARED / "corpora" / "000_f722416dd5b1ba88.txt"


def needs_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (../shared beside the checkout)")


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


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
    from pipeline.stages.sentences import KazakhSentenceSplitter, Settings

    return KazakhSentenceSplitter(Settings(), LoadContext())


def annotate(stage, text: str):
    from pipeline.records import AnnotatedDocument, Document

    return stage(AnnotatedDocument(document=Document(id="t", source="t", text=text)))
