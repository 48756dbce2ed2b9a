"""The stanza backend of the NER stage, for users who have stanza's Kazakh
models on disk. It never downloads: ``download_method=None`` and a missing model
is a clear error. Install with ``pip install claimgraph[stanza]``."""
from __future__ import annotations

from pathlib import Path

from .records import AnnotatedDocument


def stanza_entities(stanza_doc, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, label) char spans from a stanza Document's entities,
    shifted by ``offset`` (the position of the text stanza saw in ours)."""
    return [(offset + ent.start_char, offset + ent.end_char, ent.type) for ent in stanza_doc.ents]


class StanzaBackend:
    def __init__(self, model_dir: Path, use_gpu: bool = False):
        try:
            import stanza
        except ImportError:
            raise ValueError("backend 'stanza' needs the stanza package: pip install 'claimgraph[stanza]'") from None
        if not (Path(model_dir) / "kk").exists() and not any(Path(model_dir).glob("**/*ner*.pt")):
            raise ValueError(f"model_dir: no stanza Kazakh NER model under {model_dir} (expected {model_dir}/kk/...)")
        self.model_dir = Path(model_dir)
        self.nlp = stanza.Pipeline(lang="kk", dir=str(model_dir), processors="tokenize,ner",
                                   download_method=None, use_gpu=use_gpu, logging_level="WARN")

    def entities(self, doc: AnnotatedDocument) -> list[tuple[int, int, str]]:
        found = []
        for s in doc.sentences:  # per sentence: our splitter, stanza's NER
            found += stanza_entities(self.nlp(doc.text[s.start:s.end]), offset=s.start)
        return found

    def describe(self) -> dict:
        return {"model": "stanza kk ner", "model_dir": str(self.model_dir)}
