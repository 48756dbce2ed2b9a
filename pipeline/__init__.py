"""claimgraph: Kazakh news text to a claims graph, exported as JSON-LD.

>>> import pipeline
>>> nlp = pipeline.load()                      # the default configuration
>>> result = nlp.process("Франция Германияға алғыс айтты.", date="2024-03-01")
>>> [e.name for e in result.entities]
['Франция', 'Германия']
"""
from __future__ import annotations

from .version import CONTRACT_VERSION, __version__

# spaCy finds the Kazakh language class ("kk") through this package's spacy_languages entry
# point, so importing the package registers nothing and imports neither spaCy nor a language.


def load(config=None):
    """Load a pipeline from a YAML config path or an equivalent dict (default:
    ``configs/default.yaml``; ``configs/fast.yaml`` trades some accuracy for speed)."""
    from .multilingual import load_pipeline

    return load_pipeline(config)


__all__ = ["load", "__version__", "CONTRACT_VERSION"]
