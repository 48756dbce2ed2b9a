"""The Russian stages (``ru_*.v1`` in :data:`pipeline.stage.BUILTIN_STAGES`), one per
module: ``ru_sentences.v1`` (:mod:`.sentences`), ``ru_gazetteer.v1`` (:mod:`.gazetteer`),
``ru_ner.v1`` (:mod:`.ner`), ``ru_linker.v1`` (:mod:`.linker`), ``ru_relations.v1``
(:mod:`.relations`, reading the tree with :mod:`.tree`, :mod:`.roles`, :mod:`.speech`)."""
