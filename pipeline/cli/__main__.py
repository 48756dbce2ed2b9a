"""``python -m pipeline.cli``, as ``claimgraph``."""
from . import main

main()
