"""claimgraph: Kazakh news text to a claims graph, exported as JSON-LD.

>>> import pipeline
>>> nlp = pipeline.load()                      # the default configuration
>>> result = nlp.process("Франция Германияға алғыс айтты.", date="2024-03-01")
>>> [e.name for e in result.entities]
['Франция', 'Германия']
"""
from __future__ import annotations

__version__ = "0.1.0"
CONTRACT_VERSION = "1.0"

from .lang.kk import register as _register_kazakh  # noqa: E402

_register_kazakh()


def load(config=None):
    """Load a pipeline from a YAML config path or an equivalent dict (default:
    ``configs/default.yaml``; ``configs/fast.yaml`` trades some accuracy for speed)."""
    from .core import Pipeline

    return Pipeline.from_config(config)


__all__ = ["load", "__version__", "CONTRACT_VERSION"]
