"""Any text, any script: no stage crashes and every offset stays inside the text."""
from conftest import hand_pipeline, needs_extra

needs_extra("hypothesis", "test")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KAZAKH_WORDS = ["Украинаға", "Ресейдің", "АҚШ-тың", "алғыс", "айтты", "«", "»", "деді", ".", ",", "26", "ел",
                "Песков", "мен", "емес", "сәрсенбі", "күні", "\n", "—", "уәде", "етті", "Кимге:", "?!"]
text_strategy = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(KAZAKH_WORDS), max_size=60).map(" ".join),
)
NLP = hand_pipeline(persons=["Песков"], fallback="kk")  # any script through the Kazakh stages


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_properties_offsets_stay_inside_the_text(text):
    r = NLP.process(text, date="2025-09-05")
    n = len(text)
    for s in r.sentences:
        assert 0 <= s.start < s.end <= n
    for m in r.mentions:
        assert 0 <= m.start < m.end <= n and text[m.start:m.end] == m.text
    for c in r.claims:
        assert 0 <= c.evidence.start <= c.evidence.end <= n
        assert text[c.evidence.start:c.evidence.end] == c.evidence.exact
    ids = {e.id for e in r.entities}
    for c in r.claims:
        for role in (c.agent, c.recipient, c.location, c.partner, c.source, c.author):
            assert role is None or role in ids
