"""The stanza backend of the NER stage, for users who have stanza's models of the
config's language on disk (Kazakh: ``<model_dir>/kk/...``). It never downloads:
``download_method=None`` and a missing model is a clear error. Install with
``pip install claimgraph[stanza]``."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .records import AnnotatedDocument

if TYPE_CHECKING:
    from .lang.base import LanguagePack


def stanza_entities(stanza_doc, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, label) char spans from a stanza Document's entities,
    shifted by ``offset`` (the position of the text stanza saw in ours)."""
    return [(offset + ent.start_char, offset + ent.end_char, ent.type) for ent in stanza_doc.ents]


class StanzaBackend:
    def __init__(self, model_dir: Path, language: LanguagePack, use_gpu: bool = False):
        try:
            import stanza
        except ImportError:
            raise ValueError("backend 'stanza' needs the stanza package: pip install 'claimgraph[stanza]'") from None
        code = language.code
        if not (Path(model_dir) / code).exists() and not any(Path(model_dir).glob("**/*ner*.pt")):
            raise ValueError(f"model_dir: no stanza {language.name} NER model under {model_dir} "
                             f"(expected {model_dir}/{code}/...)")
        self.model_dir = Path(model_dir)
        self.language = code
        self.nlp = stanza.Pipeline(lang=code, dir=str(model_dir), processors="tokenize,ner",
                                   download_method=None, use_gpu=use_gpu, logging_level="WARN")

    def entities(self, doc: AnnotatedDocument) -> list[tuple[int, int, str]]:
        found = []
        for s in doc.sentences:  # per sentence: our splitter, stanza's NER
            found += stanza_entities(self.nlp(doc.text[s.start:s.end]), offset=s.start)
        return found

    def describe(self) -> dict:
        return {"model": f"stanza {self.language} ner", "model_dir": str(self.model_dir)}
