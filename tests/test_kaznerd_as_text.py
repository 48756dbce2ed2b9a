"""Real Kazakh text does not crash a stage: a sample of KazNERD test rebuilt as
running text (benchmarks/kaznerd_as_text.py runs all of it)."""
import importlib.util

from conftest import REPO, SHARED, needs_shared

KAZNERD_TEST = SHARED / "corpora" / "kaznerd" / "IOB2_test.txt"
pytestmark = needs_shared(KAZNERD_TEST)


def _benchmark():
    spec = importlib.util.spec_from_file_location("kaznerd_as_text", REPO / "benchmarks" / "kaznerd_as_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_thirty_documents_of_kaznerd_test_as_text_run_without_a_stage_error(tmp_path):
    bench = _benchmark()
    docs = bench.documents(KAZNERD_TEST, per_doc=10)
    assert len(docs) > 1000 and all(d["text"] for d in docs)
    result = bench.run_benchmark(KAZNERD_TEST, tmp_path, per_doc=10, limit=30)
    assert result["documents"] == result["written"] == 30
    assert result["errors"] == [], result["errors_by_stage"]
    assert result["words"] > 2000


def test_the_text_is_rebuilt_with_running_text_spacing():
    bench = _benchmark()
    assert bench.detokenise(["Ол", "«", "Қазақстан", "»", "деді", ",", "(", "2024", ")", "."]) == \
        "Ол «Қазақстан» деді, (2024)."
