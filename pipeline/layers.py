"""Names of the layers stages require and provide (one place, so that a config in
the wrong order fails at load, not mid-run).

Two kinds of names:
- a *field* is a typed field of :class:`~pipeline.records.AnnotatedDocument`, named
  by its constant here (tokens, sentences, the Russian parse ...);
- a *capability* names the part of a field one kind of stage fills: the mentions a
  gazetteer or the NER model found, the claims of the speech stage, the job titles the
  roles stage sets on persons. Stages require and provide these, so that "the linker
  needs the NER mentions" is said and checked.
"""
from __future__ import annotations

# -- fields of AnnotatedDocument ------------------------------------------------------
DOCUMENT = "document"  # what a document has before any stage runs
TOKENS = "tokens"  # tuple[Token, ...]: the tokenizer's tokens, with offsets
SENTENCES = "sentences"  # tuple[Sentence, ...]
MENTIONS = "mentions"  # tuple[Mention, ...]: see the mention capabilities
ENTITIES = "entities"  # tuple[Entity, ...]: also the linker's capability (every mention's entity)
CLAIMS = "claims"  # tuple[Claim, ...]: see the claim capabilities
RU_PARSE = "ru_parse"  # RussianParse | None: razdel + slovnet morphology and dependency syntax

FIELDS = (DOCUMENT, TOKENS, SENTENCES, MENTIONS, ENTITIES, CLAIMS, RU_PARSE)

# -- capabilities: parts of a field --------------------------------------------------
COUNTRY_MENTIONS = "country_mentions"  # countries and demonyms, with their ids
ORG_MENTIONS = "org_mentions"  # organisations of a gazetteer, with their ids
NER_MENTIONS = "ner_mentions"  # the NER model's spans, not yet linked
GROUP_MENTIONS = "group_mentions"  # "26 ел": a Group mention and its Group entity
LINKED_MENTIONS = "linked_mentions"  # every mention, linked to an entity (the whole field)
JOB_TITLES = "job_titles"  # persons' job titles and affiliations, on their entities
ROLE_CLAIMS = "role_claims"  # has_role
SPEECH_CLAIMS = "speech_claims"  # say, with the offsets of what was said
RELATION_CLAIMS = "relation_claims"  # the relation lexicon's predicates
MORPHOLOGY = "morphology"  # every token's lemma, pos (UD UPOS) and morph (UD features)
PLACE_COORDINATES = "place_coordinates"  # GeoNames ids and coordinates on places and countries

CAPABILITIES = (COUNTRY_MENTIONS, ORG_MENTIONS, NER_MENTIONS, GROUP_MENTIONS, LINKED_MENTIONS, JOB_TITLES,
                ROLE_CLAIMS, SPEECH_CLAIMS, RELATION_CLAIMS, MORPHOLOGY, PLACE_COORDINATES)

GIVEN = (DOCUMENT,)
