"""The entity linker's helpers: mention repair (:mod:`.repair`), person
coreference (:mod:`.persons`) and span utilities (:mod:`.text`). The stage itself
(``pipeline/stages/linker.py``) calls them in order and links what is left."""
