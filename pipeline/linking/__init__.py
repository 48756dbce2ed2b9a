"""The entity linker's helpers: mention repair (:mod:`.repair`: model spans cut,
joined, relabelled), names the model missed (:mod:`.missed`), person coreference
(:mod:`.persons`), the language's name data (:mod:`.data`) and span utilities
(:mod:`.text`). The stage itself (``pipeline/stages/linker.py``) calls them in order
and links what is left."""
