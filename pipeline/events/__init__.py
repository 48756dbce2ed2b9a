"""Event data from a claims graph: CAMEO and PLOVER coding (:mod:`.coding`), CAMEO-style actor
codes (:mod:`.actors`), one event per happening across documents (:mod:`.happenings`) and the
tables in GDELT 2.0 names and POLECAT-style JSON Lines (:mod:`.tables`). See docs/event-data.md."""
