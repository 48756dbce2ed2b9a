"""Kazakh morphology beyond nominal endings: the verb analyser (:mod:`.verbs`)."""
from .verbs import VerbAnalyser, VerbAnalysis, analyse_verb, default_verb_analyser

__all__ = ["VerbAnalyser", "VerbAnalysis", "analyse_verb", "default_verb_analyser"]
