"""Names of the layers and capabilities stages require and provide (one place,
so that a config in the wrong order fails at load, not silently mid-run)."""
from __future__ import annotations

DOCUMENT = "document"  # what a document has before any stage runs
TOKENS = "tokens"
SENTENCES = "sentences"
COUNTRY_MENTIONS = "country_mentions"
ORG_MENTIONS = "org_mentions"
NER_MENTIONS = "ner_mentions"
GROUP_MENTIONS = "group_mentions"
ENTITIES = "entities"
LINKED_MENTIONS = "linked_mentions"
ROLE_CLAIMS = "role_claims"
SPEECH_CLAIMS = "speech_claims"
RELATION_CLAIMS = "relation_claims"

GIVEN = (DOCUMENT,)
