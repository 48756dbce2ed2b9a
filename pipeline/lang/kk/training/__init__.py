"""Training and evaluation of the Kazakh models claimgraph ships (the NER model, its
tok2vec pretraining, the gazetteers and word lists it reads). The command line reaches
them through the language pack (``get_language("kk").ner_training``), never by path."""
from __future__ import annotations

from .conll import ConllFormatError
from .ner import DEFAULT_TRAIN_CONFIG, evaluate_ner, train_ner
from .pretrain import DEFAULT_PRETRAIN_CONFIG, build_pretraining_text, pretrain_tok2vec

__all__ = ["ConllFormatError", "DEFAULT_TRAIN_CONFIG", "DEFAULT_PRETRAIN_CONFIG", "build_pretraining_text",
           "evaluate_ner", "pretrain_tok2vec", "train_ner"]
