"""The arguments of a sentence's triggers: the names in it with their effective case
(a coordination inflected once on its last member, "X мен Y арасындағы" pairs), and
how fillers of one role are picked and joined (X мен Y, X, Y және Z).
"""
from __future__ import annotations

from ..lexicon import Lexicon, TriggerRule
from ..textview import Argument, SentenceView
from .case_frames_find import Hit

ARGUMENT_LABELS = {"PERSON", "ORG", "COUNTRY", "NORP", "GPE", "LOC", "FAC", "GROUP"}
TITLE_HOLDERS = {"ORG", "COUNTRY", "GPE"}  # whose title with no name stands for them (not "екі ел")


class ArgumentReader:
    def __init__(self, lex: Lexicon, reader):
        self.lex = lex
        self.reader = reader
        self.coordinators = set(lex.coordinators)
        self._pair_coordinators = set(lex.pair_coordinators)
        self._currency = tuple(lex.currency_words)

    def read(self, view: SentenceView, hits: list[Hit]) -> list[Argument]:
        """The names of the sentence that may fill a role, in order, with their effective case."""
        trigger_tokens = {k for h in hits for k in range(h.first, h.last + 1)}
        args = [self.reader.argument(view, m, trigger_tokens) for m in view.mentions
                if m.entity_id and m.label in ARGUMENT_LABELS]
        # "Қытайдың Қазақстандағы елшісі": an attributive locative modifies a noun, not the verb,
        # unless that noun is the event itself ("Қытайдағы кездесу": the meeting's place)
        trigger_starts = {h.first for h in hits}
        args = [a for a in args if not (a.case == "loc" and a.head is None and a.last + 1 not in trigger_starts and any(
            x.attributive for x in self.reader.analyser.analyses(view.tokens[a.last].lower)))]
        # "АҚШ долларына": a country naming a currency is no argument
        return self._group_inflection(view, [a for a in args if not (
            a.head is not None and view.tokens[a.head].lower.startswith(self._currency))])

    def title_subjects(self, view: SentenceView, args: list[Argument], hits: list[Hit], holder) -> list[Argument]:
        """"Қазақстан Президенті Түркияға алғыс айтты": a nominative title with no name after it is
        a subject standing for its holder: the person the document named before with that title of
        that country or organisation (``holder(entity, title word, offset)``), else the country or
        organisation itself (as "Ресей Сыртқы істер министрлігі ..." stands for Russia)."""
        out, trigger_starts = [], {h.first for h in hits}
        for a in args:
            if a.case == "title" and a.head is not None and a.mention.label in TITLE_HOLDERS and self._bare_title(
                    view, a, trigger_starts):
                person = holder(a.mention.entity_id, view.tokens[a.head].lower, a.mention.start)
                m = a.mention if person is None else a.mention.model_copy(update={"entity_id": person})
                # "Қазақстан мен Түркия Президенттері": the first member's head is after the second
                shared = any(view.mention_at(j) for j in range(a.last + 1, a.head))
                a = Argument(m, "nom", a.first, a.last, None if shared else a.head)
            out.append(a)
        return out

    def _bare_title(self, view: SentenceView, a: Argument, trigger_starts: set[int]) -> bool:
        """A nominative title head (Президенті) followed by no name, no other title and no noun it
        possesses (Президенті Әкімшілігі, Президенті жанындағы), not in apposition to a name
        before it (X, Қазақстан Президенті, ...)."""
        k = a.head
        if self.reader.case_of(view.tokens[k]) != "nom":
            return False
        before = view.mention_at(a.first - 2) if a.first >= 2 and view.tokens[a.first - 1].is_punct else None
        if before is not None and before.label == "PERSON":
            return False
        if k + 1 >= len(view) or view.tokens[k + 1].is_punct or k + 1 in trigger_starts:
            return True
        nxt = view.tokens[k + 1]
        after = view.mention_at(k + 1)
        if after is not None:
            return after.label != "PERSON"
        if self.reader.is_title(nxt.text) or nxt.text[:1] in "«\"“":
            return False
        return nxt.lower in self.lex.not_heads or not any(
            (x.possessive == "p3" or x.attributive) and len(x.stem) > 2
            for x in self.reader.analyser.analyses(nxt.lower))

    def _group_inflection(self, view: SentenceView, args: list[Argument]) -> list[Argument]:
        """Kazakh inflects a coordination once, on its last member: in
        "Қазақстан мен Қытайға" both are datives."""
        out = [self._pair_case(view, a) for a in sorted(args, key=lambda a: a.first)]
        for k in range(len(out) - 2, -1, -1):
            a, b = out[k], out[k + 1]
            between = [t.lower for t in view.tokens[a.last + 1:b.first]]
            if between and set(between) & self.coordinators:  # X және Президент Y-пен: a title between
                between = [w for w in between if w in self.coordinators or not self.reader.is_title(w)]
            if (a.case == "nom" and a.head is None and between and set(between) <= self.coordinators
                    and b.case not in ("nom", "title", "embedded", "post")):
                out[k] = Argument(a.mention, b.case, a.first, a.last, b.head)
            elif (a.case == "nom" and a.head is None and between and set(between) <= self.coordinators
                    and b.case in ("embedded", "title")):
                # "Ресей мен Түркия көшбасшыларының", "Қазақстан мен Қытай басшылары": both possess the head
                out[k] = Argument(a.mention, b.case, a.first, a.last, b.head)
        # "X мен Y арасындағы": X acts, Y is the partner
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            between = [t.lower for t in view.tokens[a.last + 1:b.first]]
            after = view.tokens[b.last + 1].lower if b.last + 1 < len(view) else ""
            if between and set(between) <= self.coordinators and after in self.lex.between_words:
                out[k] = Argument(a.mention, "nom", a.first, a.last, None, between=True)
                out[k + 1] = Argument(b.mention, "ins", b.first, b.last, None)
        return out

    def _pair_case(self, view: SentenceView, a: Argument) -> Argument:
        """"Иван Петров пен сарбазды", "ЕО мен халықаралық қауымдастықта": the last member,
        a common noun, carries the case."""
        if not (a.case == "nom" and a.head is None and a.last + 2 < len(view)
                and view.tokens[a.last + 1].lower in self._pair_coordinators):
            return a
        for nxt in range(a.last + 2, min(len(view), a.last + 5)):
            if view.mention_at(nxt) or view.tokens[nxt].is_punct:
                break
            case = self.reader.case_of(view.tokens[nxt], possessive=False)
            if case in ("acc", "dat", "abl", "loc", "ins"):
                return Argument(a.mention, case, a.first, a.last, nxt)
            if case != "nom":
                break
        return a

    def reason_roles(self, doc, rule: TriggerRule, window: list[Argument],
                     roles: dict[str, list[Argument]]) -> dict[str, list[Argument]]:
        """"X Y-ке Z-ті қолдағаны үшін алғыс айтты": the first dative name that may be an agent (Y, the
        one thanked) did it; a nominative (X) is the main verb's subject and no agent of the reason."""
        doer = next((a for a in window if a.case == "dat" and self.fits(doc, rule, "agent", a)), None)
        out = {role: [a for a in fillers if a is not doer and (role != "agent" or a.case != "nom")]
               for role, fillers in roles.items()}
        if doer is not None:
            out["agent"] = [doer]
        return {role: fillers for role, fillers in out.items() if fillers}

    @staticmethod
    def through_head(view: SentenceView, hit: Hit, role: str, a: Argument) -> bool:
        """A name that would fill the role only through the noun it possesses, where the trigger
        takes no possessor for that role ("Путиннің шақыруын қабылдады": accepted Putin's invitation)
        or that noun is no such filler ("Швейцария билігіне келді": came to power, not to Switzerland)."""
        rule = hit.rule
        if a.head is None or hit.first <= a.head <= hit.last:
            return False  # no head, or the trigger itself (X-тің кездесуі)
        head = view.tokens[a.head].lower
        return role in rule.direct_roles or bool(rule.excluded_heads) and head.startswith(rule.excluded_heads)

    @staticmethod
    def fits(doc, rule: TriggerRule, role: str, a: Argument) -> bool:
        allowed = rule.allowed_types(role)
        if allowed is None:
            return True
        ent = doc.entity(a.mention.entity_id)
        return ent is not None and ent.type in allowed

    def coordinated_before(self, view: SentenceView, fillers: list[Argument], last: Argument) -> list[Argument]:
        """``last`` and the fillers joined to it by coordinators before it (АҚШ, Ресей және Франциядан)."""
        fillers = sorted(fillers, key=lambda a: a.first)
        chain = [last]
        for a in reversed([f for f in fillers if f.last < last.first]):
            between = {t.lower for t in view.tokens[a.last + 1:chain[0].first]}
            if not between or not between <= self.coordinators:
                break
            chain.insert(0, a)
        return chain

    def pick(self, view: SentenceView, role: str, fillers: list[Argument]) -> list[Argument]:
        """The filler of a role: the subject comes first in a Kazakh clause, the
        other roles stand nearest the verb; fillers coordinated with it
        (X мен Y, X, Y және Z) come along."""
        fillers = sorted(fillers, key=lambda a: a.first)
        pick = 0 if role == "agent" else len(fillers) - 1
        chosen = [fillers[pick]]
        for step in (-1, 1):
            k = pick
            while 0 <= k + step < len(fillers):
                a, b = sorted((fillers[k], fillers[k + step]), key=lambda x: x.first)
                between = {t.lower for t in view.tokens[_end(a, b) + 1:b.first]}
                if not between or not between <= self.coordinators:
                    break
                k += step
                chosen.append(fillers[k])
        seen, out = set(), []
        for a in sorted(chosen, key=lambda x: x.first):
            if a.mention.entity_id not in seen:
                seen.add(a.mention.entity_id)
                out.append(a)
        return out

    def symmetric_pair(self, view: SentenceView, agents: list[Argument]) -> bool:
        """"A мен B кездесті": two agents joined by a pair coordinator are agent and partner."""
        a, b = agents
        return {t.lower for t in view.tokens[_end(a, b) + 1:b.first]} <= self._pair_coordinators

    def negated(self, view: SentenceView, a: Argument) -> bool:
        end = a.head if a.head is not None else a.last
        return end + 1 < len(view) and view.tokens[end + 1].lower in self.lex.polarity.negators


def _end(a: Argument, b: Argument) -> int:
    """The last word of ``a`` before ``b``: its head noun, unless both share a head after ``b``
    ("Тоқаев пен Си Цзиньпиннің кездесуі": the pair's meeting)."""
    return a.head if a.head is not None and a.head < b.first else a.last
