"""Who took part in an event written as a noun (read by :mod:`pipeline.stages.event_nouns`).

The parties stand in the noun's phrase, or, when the noun is the object of a light verb or
frames the sentence (``... барысында``), in the sentence's subject:

- the genitive possessor, or a bare name right before the possessed noun, is the agent
  (``Жапонияның инвестициясы``, ``Қазақстан серіктестігі``);
- ``X мен Y`` before the noun, or ``X мен Y арасындағы``, are the agent and the recipient of
  a symmetric event (both agents of another);
- a dative, instrumental or locative name in the phrase fills the role the noun's frame gives
  its case (``министрдің Берлинге сапары``: the destination).

Every lookup goes through the sentence's arguments by token position (one dict a sentence).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..textview import Argument, SentenceView

MAX_MODIFIERS = 2  # plain words (adjectives) between a name and the noun of its phrase
CLOSING_QUOTES = ("»", "”", '"')


class SentenceArgs:
    """A sentence's arguments indexed by token position (made once a sentence)."""

    def __init__(self, args: list[Argument]):
        self.args = sorted(args, key=lambda a: a.first)
        self.firsts = [a.first for a in self.args]
        self.by_last = {a.last: a for a in self.args}
        self.by_first = {a.first: a for a in self.args}
        self.by_head: dict[int, list[Argument]] = {}
        for a in self.args:
            if a.head is not None:
                self.by_head.setdefault(a.head, []).append(a)
        self.subjects = [a for a in self.args if a.case == "nom" and a.head is None]
        self.subject_firsts = [a.first for a in self.subjects]

    def after(self, k: int) -> list[Argument]:
        return self.args[bisect_right(self.firsts, k):]


class PartyReader:
    def __init__(self, reader, coordinators, pair_coordinators, between_words, frame_words, object_verbs):
        self.reader = reader  # the language's frame reader (cases, titles)
        self.coordinators = frozenset(coordinators)
        self.pair = frozenset(pair_coordinators)
        self.between = frozenset(between_words)
        self.frame_words = frozenset(frame_words)
        self.object_verbs = tuple(object_verbs)

    def phrase(self, view: SentenceView, args: SentenceArgs, n: int, frame: dict[str, str], symmetric: bool,
               possessed: bool) -> dict[str, list[Argument]]:
        """Role -> names in the phrase of the event noun at token ``n`` (``possessed``: the noun
        carries a possessive ending)."""
        by_last = args.by_last
        k = self._before_modifiers(view, n - 1)
        if k >= 0 and view.tokens[k].lower in self.between:  # X мен Y арасындағы (экономикалық) N
            y = by_last.get(self._skip_quotes(view, k - 1))
            x = self._coordinated(view, by_last, y) if y is not None else None
            # one name "between", or an event that is not mutual: no parties
            return {"agent": [x], "recipient": [y]} if x is not None and symmetric else {}
        # the possessor: a genitive whose head is the noun, or a bare name before the possessed noun
        possessor = next((a for a in args.by_head.get(n, ()) if a.case == "gen" or (a.case == "nom" and possessed)),
                         None)
        roles: dict[str, list[Argument]] = {}
        # walk left over the phrase: names in a case of the frame, then the genitive possessor
        while k >= 0 and (possessor is None or k > possessor.last):
            a = by_last.get(self._skip_quotes(view, k))
            if a is None:
                break
            if a.case == "gen" and possessor is None:
                possessor = a
                break
            role = frame.get(a.case)
            if a.head is not None or role in (None, "agent"):
                break
            roles.setdefault(role, []).insert(0, a)
            k = self._before_modifiers(view, a.first - 1)
            before = by_last.get(self._skip_quotes(view, k - 1)) if k > 0 else None
            if k > 0 and view.tokens[k].lower in self.coordinators and before is not None and before.case == a.case:
                k -= 1  # "Қазақстан мен Қытайға": both in the case of the last
        if possessor is None:
            return roles
        x = self._coordinated(view, by_last, possessor)
        if x is None:
            roles["agent"] = [possessor]
        elif symmetric:  # Қазақстан мен Моңғолия серіктестігі
            roles["agent"] = [x]
            roles.setdefault("recipient", []).insert(0, possessor)
        else:
            roles["agent"] = [x, possessor]
        return roles

    def subject(self, view: SentenceView, args: SentenceArgs, n: int, used: list[Argument], frame: dict[str, str],
                symmetric: bool) -> dict[str, list[Argument]]:
        """The sentence's subject as the agent, where the noun is the object of a light verb
        (X ... сапар жасады) or frames the sentence (Кездесу барысында X пен Y ...; Қолдау
        аясында X Y-ке ...: then the first name after the subject in a case of the frame too)."""
        nxt = view.tokens[n + 1].lower if n + 1 < len(view) else ""
        framing = nxt in self.frame_words
        if not framing and not (nxt and nxt.startswith(self.object_verbs)):
            return {}
        taken = {id(a) for a in used}
        # framing: the subject after the frame word first (Кездесу барысында X ...); else the first before the noun
        at = bisect_left(args.subject_firsts, n + 2)
        after = [a for a in args.subjects[at:at + len(taken) + 1] if id(a) not in taken] if framing else []
        after = [a for a in after[:1] if self._right_after(view, n + 2, a)]
        before = [a for a in args.subjects[:len(taken) + 1] if a.last < n and id(a) not in taken]
        found = after[:1] or before[:1]
        if not found:
            return {}
        subject = found[0]
        k = subject.last + 1
        partner = args.by_first.get(k + 1) if k + 1 < len(view) and view.tokens[k].lower in self.pair else None
        # "X пен Y ...": Y in any case that is no role of its own (Y's head may be the verb's object)
        if partner is None or partner.case not in ("nom", "gen", "acc", "title") or id(partner) in taken:
            roles = {"agent": [subject]}
        elif symmetric:
            return {"agent": [subject], "recipient": [partner]}
        else:
            roles = {"agent": [subject, partner]}
        if framing and not used:
            other = next((a for a in args.after(roles["agent"][-1].last) if a.head is None
                          and frame.get(a.case) not in (None, "agent")), None)
            if other is not None:
                roles[frame[other.case]] = [other]
        return roles

    def _right_after(self, view: SentenceView, start: int, a: Argument) -> bool:
        """Does ``a`` open the clause at ``start``: nothing before it but commas and its title
        (Кездесу барысында, Мемлекет басшысы Тоқаев ...), not a later clause's subject?"""
        words = [t for t in view.tokens[start:a.first] if not t.is_punct]
        return not words or (len(words) <= 3 and self.reader.is_title(words[-1].text))

    def _coordinated(self, view: SentenceView, by_last: dict[int, Argument], a: Argument) -> Argument | None:
        """X in "X мен A": a bare name joined to ``a`` by a pair coordinator."""
        k = a.first - 1
        if k < 1 or view.tokens[k].lower not in self.pair:
            return None
        x = by_last.get(self._skip_quotes(view, k - 1))
        # bare, or in the case of the last (Kazakh inflects "X мен Y-ға" once, on Y)
        return x if x is not None and x.case in ("nom", a.case) and x.head is None else None

    @staticmethod
    def _skip_quotes(view: SentenceView, k: int) -> int:
        while k >= 0 and view.tokens[k].text in CLOSING_QUOTES:
            k -= 1
        return k

    def _before_modifiers(self, view: SentenceView, k: int) -> int:
        """The token before the plain words (adjectives) that end at ``k``; -1 if more than
        MAX_MODIFIERS of them stand there or the sentence starts."""
        for _ in range(MAX_MODIFIERS):
            if k < 0 or not self._plain(view, k):
                return k
            k -= 1
        return k if k < 0 or not self._plain(view, k) else -1

    def _plain(self, view: SentenceView, k: int) -> bool:
        """A lower-case word that is no name, coordinator, possessor or title (экономикалық, ресми)."""
        tok = view.tokens[k]
        if view.mention_at(k) or tok.is_punct or not tok.text[:1].islower():
            return False
        if tok.lower in self.between or tok.lower in self.coordinators or self.reader.is_title(tok.text):
            return False
        return not any(a.case == "gen" and len(a.stem) > 2 for a in self.reader.analyser.analyses(tok.lower))
