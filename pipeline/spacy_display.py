"""displaCy views of a Doc a claimgraph pipeline read: the linked entities (displaCy's own
``style="ent"``, coloured by :data:`pipeline.spacy_bridge.ENTITY_COLORS`) and the claims over
their evidence, one colour per predicate."""
from __future__ import annotations

import zlib

from spacy.tokens import Doc

from .spacy_bridge import CLAIMS_KEY

# displaCy's claims view: a colour per predicate (crc32: the same colour in every process)
_PALETTE = ("#7aecec", "#bfeeb7", "#feca74", "#ff9561", "#aa9cfc", "#c887fb", "#9cc9cc", "#ffeb80",
            "#e4e7d2", "#ff8197")


def render_claims(doc: Doc, **kwargs):
    """displaCy's span view of the claims, each predicate in its own colour (keyword arguments
    go to ``displacy.render``: ``jupyter=True``, ``page=True``, ``options={...}``)."""
    from spacy import displacy

    # the claims' spans stand in the claims' order (pipeline.spacy_bridge)
    spans = doc.spans[CLAIMS_KEY] if CLAIMS_KEY in doc.spans else ()
    colors = {span.label_: _PALETTE[zlib.crc32(claim.predicate.encode("utf-8")) % len(_PALETTE)]
              for claim, span in zip(doc._.claims, spans)}
    options = {"spans_key": CLAIMS_KEY, "colors": colors, **kwargs.pop("options", {})}
    return displacy.render(doc, style="span", options=options, **kwargs)
