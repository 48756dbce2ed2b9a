"""What spaCy's ``spacy_factories`` entry points load.

spaCy imports every installed package's factory entry points whenever it starts any Language,
so a claimgraph that cannot import its components must not break spaCy for every other
pipeline: it warns once, and the ``claimgraph_*`` factories are then unknown to spaCy."""
from __future__ import annotations

import warnings

try:
    from .spacy_factories import make_component
except ImportError as err:  # a broken or half-upgraded install
    _why = f"{type(err).__name__}: {err}"
    warnings.warn(f"claimgraph's spaCy components are unavailable ({_why}); other spaCy pipelines are not "
                  "affected", RuntimeWarning, stacklevel=2)

    def make_component(*args, **kwargs):
        raise ImportError(f"claimgraph's spaCy components could not be imported: {_why}")

__all__ = ["make_component"]
