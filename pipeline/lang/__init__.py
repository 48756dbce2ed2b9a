"""spaCy language classes defined by claimgraph."""
