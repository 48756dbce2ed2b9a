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


def load(config=None, disable=()):
    """Load a pipeline from a YAML config path or an equivalent dict (default:
    ``configs/default.yaml``; ``configs/fast.yaml`` trades some accuracy for speed).
    ``disable``: stage names (of ``nlp.pipe_names``) to leave out; one that another
    stage needs is a :class:`~pipeline.config.ConfigError`."""
    from .multilingual import load_pipeline

    nlp = load_pipeline(config)
    return nlp.disable_stages(disable) if disable else nlp


def spacy_pipeline(config=None):
    """The same stages as a ``spacy.Language`` (a YAML config path or dict; default:
    ``configs/default.yaml``): ``doc.ents`` are the linked entities (``kb_id_`` their graph
    ids), ``doc._.claims`` the claims, ``doc.spans["claims"]`` their evidence; ``nlp.to_disk``
    then ``spacy.load`` gives the same pipeline back (docs/spacy.md)."""
    from .spacy_factories import spacy_pipeline as build

    return build(config)


__all__ = ["load", "spacy_pipeline", "__version__", "CONTRACT_VERSION"]
