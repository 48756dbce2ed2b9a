"""The modality of a trigger (shared by the speech, role and case-frame stages through
:class:`~pipeline.lang.kk.frames.FrameReader`): the words of its verb group (тиіс, мүмкін,
жоспарлап), its verb's mood and tense, and the stretch of its clause (a conditional is
hypothetical, a clause-final verb of intention makes it intended).

The methods read the reader's lexicon (``self.lex``), its verb group and verb readings.
"""
from __future__ import annotations

from ...textview import SentenceView

CLAUSE_REACH = 12  # words after a trigger read for its clause's modality, at most


class ModalityReader:
    def reading_modality(self, feats: dict[str, str]) -> str | None:
        """The modality a verb's mood or tense gives (conditional: hypothetical; desiderative,
        optative, future: intended), from the lexicon's ``modality.moods`` / ``tenses``."""
        mod = self.lex.modality
        return mod.moods.get(feats.get("Mood", "")) or mod.tenses.get(feats.get("Tense", ""))

    def clause_modality(self, view: SentenceView, trigger: tuple[int, int]) -> str | None:
        """What the trigger's stretch of the clause (between punctuation or clause conjunctions) says of
        it: hypothetical in a conditional ("Егер X ... шабуыл жасаса", its verb group in the conditional
        mood, "... жасаған жағдайда"); intended when a verb of intention ends the clause after it, past
        the verb group (X Y-мен ынтымақтастықты дамытуды жоспарлап отыр, ... бармақ)."""
        mod = self.lex.modality
        stops = set(self.lex.clause_conjunctions)
        k = trigger[0] - 1
        while k >= 0 and not view.tokens[k].is_punct and view.tokens[k].lower not in stops:
            if view.tokens[k].lower in mod.conditional_words:
                return "hypothetical"
            k -= 1
        group = self.verb_group(view, trigger[1])
        for i, k in enumerate(group):
            nxt = view.tokens[group[i + 1]].lower if i + 1 < len(group) else ""
            if nxt in mod.concessive:
                break  # "кездескен болса да": although it happened
            if view.tokens[k].lower in mod.conditional_phrases or any(
                    r.feats.get("Mood") == "Cnd" for r in self.verb_readings(view.tokens[k])):
                return "hypothetical"
        after, k = [], trigger[1] + 1
        participle = tuple(self.lex.roles.participle_endings)
        while k < len(view) and not view.tokens[k].is_punct and view.tokens[k].lower not in stops:
            if len(after) == CLAUSE_REACH:
                return None  # no clause end in reach
            word = view.tokens[k].lower
            if word.endswith(participle) and k + 1 < len(view) and not view.tokens[k + 1].is_punct and not any(
                    r.lemma in self.lex.polarity.auxiliaries for r in self.verb_readings(view.tokens[k + 1])):
                return None  # a participle qualifying a later word (жасаған елдермен): its clause is its own
            after.append(word)
            k += 1
        if any(w in mod.intended for w in after) or (
                after and len(after[-1]) > 5 and after[-1].endswith(tuple(mod.intended_suffixes))):
            return "intended"
        return None

    def modality(self, view: SentenceView, trigger: tuple[int, int], stems: tuple[str, ...]) -> str | None:
        mod = self.lex.modality
        group = self.verb_group(view, trigger[1])
        words = [view.tokens[k].lower for k in [trigger[1]] + group]
        for name in ("obligation", "possible", "intended"):
            entries = getattr(mod, name)
            if any(w in entries for w in words[1:]):
                return name
            # before the trigger: "кез келген келіссөз" (any talks) is a possibility
            for entry in entries:
                n = len(entry.split())
                if n > 1 and trigger[0] >= n and " ".join(
                        t.lower for t in view.tokens[trigger[0] - n:trigger[0]]) == entry:
                    return name
        # a verbal noun that is the topic of something: "көмек беру туралы келісті"
        end = trigger[1]
        if (mod.topic_markers and end + 1 < len(view) and view.tokens[end + 1].lower in mod.topic_markers
                and view.tokens[end].lower.endswith(tuple(self.lex.verbal_noun_endings))):
            return "intended"
        # a clause-final verb in the intention mood after the trigger: "көмек беру туралы келіспек"
        if group and (group[-1] + 1 >= len(view) or view.tokens[group[-1] + 1].is_punct):
            final = view.tokens[group[-1]].lower
            if len(final) > 5 and final.endswith(tuple(mod.intended_suffixes)):
                return "intended"
        last_tok = words[0]
        for stem in stems:
            if last_tok.startswith(stem) and last_tok[len(stem):].startswith(tuple(mod.intended_suffixes)):
                return "intended"
        return None
