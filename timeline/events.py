"""Events: typed diplomatic events with date, actors, place and source sentence.

Per sentence: trigger words from ``resources/<lang>/events.jsonl`` (matched on
spaCy lemmas, or on word forms where the pipeline has no lemmatizer), their
scope in the dependency tree, and the time expressions that govern them.

A sentence that lists several dates ("les 9 et 10 janvier, ... à Genève, le 12
janvier lors d'une réunion ..., et le 13 janvier sur le site de l'OSCE") is cut
into segments at each date; a segment with no trigger of its own repeats the
previous segment's event type (the verb is elided), and an enumerated series
keeps the first participant of the sentence's lead event as its pivot.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .actors import KnowledgeBase, actor_for, load_kb, place_for
from .data import DataFileError, read_jsonl, resource_text
from .model import Document, Event, EventDate, Mention, Participant, Place, Source, TimeMention
from .parse import Parsed, clause_tense, has, token_starts

NEGATORS = {"pas", "jamais", "plus", "not", "never", "n't", "no", "aucun", "aucune", "guère"}
BOUNDARY_WORDS = {"depuis", "since", "jusqu'", "jusqu’", "until", "till", "avant", "before", "après", "after"}
PRONOUNS = {"il", "elle", "he", "she", "ils", "they"}
CLAUSE_BREAKS = {",", ";"}  # "NATO and Russia met": a bare "and" joins actors, not clauses
LOCATIVE = {"à", "a", "in", "at", "en", "au", "near", "près", "dans", "to", "into"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj", "expl:subj"}


@functools.lru_cache(maxsize=None)
def load_triggers(lang: str) -> tuple[dict[str, dict], dict[str, dict]]:
    """Trigger rows by lemma (or listed form), and by inflected form of regular -er verbs.

    The second table catches verbs the small French model lemmatises wrongly
    ("insiste" read as an adjective with lemma "insist").
    """
    rows = read_jsonl(f"{lang}/events.jsonl", ("lemma", "type"))
    table, forms = {}, {}
    for row in rows:
        for form in row.get("forms", [row["lemma"]]):
            table[form.lower()] = row
    try:
        endings = json.loads(resource_text(f"{lang}/inflection.json"))["er_endings"]
    except DataFileError:
        endings = []
    for row in rows:
        lemma = row["lemma"]
        if "forms" not in row and lemma.endswith("er"):
            stem = lemma[:-2]
            stems = {stem}
            if stem.endswith("g"):
                stems.add(stem + "e")  # exiger: exigeons, exigeait
            if stem.endswith("c"):
                stems.add(stem[:-1] + "ç")  # menacer: menaçait
            for st in stems:
                for ending in endings:
                    forms.setdefault(st + ending, row)
    return table, forms


@dataclass
class _Trigger:
    token: Token
    row: dict
    anchor: Token  # the verb (or the trigger itself) whose subtree is the event's scope
    type: str
    negated: bool


@dataclass
class _Draft:
    """An event being built from one (segment, anchor) of a sentence."""

    triggers: list[_Trigger]
    tokens: set[int]  # token indices (in the chunk doc) in scope
    date_mentions: list[TimeMention] = field(default_factory=list)
    elliptical: bool = False
    type: str = ""


def nearest_anchor(sent: Span, anchors: set[int]) -> dict[int, int | None]:
    """For each token of a sentence, the nearest anchor at or above it in the parse (None: none).

    Each token is walked up once: paths are memoised, so the whole sentence costs
    linear time however deep or degenerate the parse.
    """
    memo: dict[int, int | None] = {}
    for tok in sent:
        path, t = [], tok
        while True:
            if t.i in memo:
                found = memo[t.i]
                break
            if t.i in anchors:
                found = t.i
                memo[t.i] = t.i
                break
            path.append(t.i)
            if t.head.i == t.i or not (sent.start <= t.head.i < sent.end):
                found = None
                break
            t = t.head
        for i in path:
            memo[i] = found
    return memo


def _is_negated(token: Token) -> bool:
    """"n'acceptera pas", and "ne peuvent pas accepter" where the negation sits on the modal."""
    heads = [token, token.head] if token.dep_ == "xcomp" else [token]
    return any(c.lower_ in NEGATORS for t in heads for c in t.children)


def _anchor(token: Token) -> Token:
    """The verb a trigger word hangs from: itself for verbs, its governing verb for nouns."""
    t = token
    if token.pos_ == "ADJ":  # "l'alliance est prête à": the adjective is the predicate
        return token
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" or t.head.i == t.i:
            return t
        t = t.head
    return t


def find_triggers(sent: Span, lang: str) -> list[_Trigger]:
    table, forms = load_triggers(lang)
    has_lemma = has(sent.doc, "LEMMA")
    out = []
    for tok in sent:
        key = (tok.lemma_ if has_lemma else tok.text).lower()
        row = table.get(key) or forms.get(tok.lower_)
        if row is None:
            continue
        if "with" in row and not any(t.lower_ == row["with"] for t in sent.doc[tok.i + 1:min(tok.i + 6, sent.end)]):
            continue  # "appeler ... à": the preposition within a few words
        if not has(sent.doc, "DEP") and tok.lower_ in row.get("noun_forms", ()) and out:
            continue  # without a parse: a noun after a verb trigger is its object ("rejected Russia's demands")
        if has(sent.doc, "DEP"):
            negated = _is_negated(tok)
        else:  # no parse: "will not withdraw", "did not accept", "won't accept"
            negated = any(t.lower_ in NEGATORS or t.lower_.endswith("n't")
                          for t in sent.doc[max(sent.start, tok.i - 3):tok.i])
        type_ = row.get("negated", row["type"]) if negated and "negated" in row else row["type"]
        out.append(_Trigger(tok, row, _anchor(tok) if has(sent.doc, "DEP") else tok, type_, negated))
    if has(sent.doc, "DEP") and len(out) > 1:
        trigger_ids = {t.token.i for t in out}
        kept = []
        for t in out:
            form = t.token.morph.get("VerbForm")
            if t.token.pos_ == "NOUN" and t.anchor.i in trigger_ids and t.anchor.i != t.token.i:
                continue  # "menacé de sanctions": the noun is what the verb is about
            # "n'acceptera pas de retirer", "prête à discuter": the infinitive is the content
            # of the trigger above it, not an event of its own; likewise "refusant", "limitant"
            # listing what a demand contains.
            if "Inf" in form and t.token.head.i in trigger_ids:
                continue
            if "Part" in form and "Pres" in t.token.morph.get("Tense"):
                continue
            kept.append(t)
        out = kept
    # A heading ("Négociations avec l'OTAN") has no verb: it reports no event.
    if has(sent.doc, "POS") and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return []
    return out


def _segments(sent: Span, base: int, dates: list[TimeMention]) -> list[tuple[int, int, TimeMention | None]]:
    """Cut a sentence at each dating expression: (start, end, leading date) in text offsets."""
    starts = []
    seen_groups = set()
    for m in dates:
        if m.group and m.group in seen_groups:
            continue
        if m.group:
            seen_groups.add(m.group)
        starts.append(m)
    s_start, s_end = base + sent.start_char, base + sent.end_char
    if len(starts) < 2:
        return [(s_start, s_end, None)]
    out = [(s_start, starts[0].start, None)]
    for i, m in enumerate(starts):
        end = starts[i + 1].start if i + 1 < len(starts) else s_end
        out.append((m.start, end, m))
    return out


def _dating(mentions: list[TimeMention], text: str) -> list[TimeMention]:
    """Time mentions that can date an event: placed on a calendar, not a boundary ("depuis 1997")."""
    out = []
    for m in mentions:
        if m.first is None or m.type not in ("DATE", "TIME"):
            continue
        before = text[max(0, m.start - 12):m.start].lower().split()
        if before and before[-1] in BOUNDARY_WORDS:
            continue
        out.append(m)
    return out


def _with_range(date: TimeMention, dates: list[TimeMention]) -> list[TimeMention]:
    """A date with the other half of its range ("les 9 et 10 janvier"), or alone."""
    return [x for x in dates if date.group and x.group == date.group] or [date]


def _event_date(mentions: list[TimeMention]) -> EventDate | None:
    if not mentions:
        return None
    # The two halves of a range, or the most precise of several mentions.
    if len({m.group for m in mentions}) == 1 and mentions[0].group:
        first = min(m.first for m in mentions)
        last = max(m.last for m in mentions)
        certainty = "explicit" if all(m.certainty == "explicit" for m in mentions) else "inferred"
        value = f"{first.isoformat()}/{last.isoformat()}" if first != last else first.isoformat()
        text = mentions[0].text + " … " + mentions[-1].text
        return EventDate(first, last, value, "day", certainty, text)
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    m = min(mentions, key=lambda x: (rank.get(x.granularity, 9), x.start))
    return EventDate(m.first, m.last, m.value, m.granularity, m.certainty, m.text)


class EventExtractor:
    def __init__(self, lang: str, kb: KnowledgeBase | None = None):
        self.lang = lang
        self.kb = kb or load_kb()

    def extract(self, parsed: Parsed, times: list[TimeMention], mentions: list[Mention]) -> list[Event]:
        doc = parsed.document
        events: list[Event] = []
        last_person: str | None = None
        prev_sentence_dates: list[TimeMention] = []
        names: dict[str, str] = {}
        for m in mentions:  # the first surface of each ref names it
            names.setdefault(m.ref, m.text)
        mention_starts = [m.start for m in mentions]  # mentions and times come sorted by start
        time_starts = [t.start for t in times]
        for base, sdoc in parsed.chunks:
            for sent in sdoc.sents:
                s_start, s_end = base + sent.start_char, base + sent.end_char
                sent_mentions = mentions[bisect_left(mention_starts, s_start):bisect_left(mention_starts, s_end)]
                sent_times = _dating(times[bisect_left(time_starts, s_start):bisect_left(time_starts, s_end)],
                                     doc.text)
                persons_before = last_person
                for m in sent_mentions:
                    if m.kind == "actor" and self._kind(m) == "person":
                        last_person = m.ref
                triggers = find_triggers(sent, self.lang)
                if triggers:
                    drafts = self._drafts(sent, base, triggers, sent_times)
                    events.extend(self._build(doc, sent, base, drafts, sent_mentions, sent_times,
                                              prev_sentence_dates, persons_before, names))
                prev_sentence_dates = sent_times
        return events

    def _kind(self, m: Mention) -> str:
        return self._kind_of(m.ref)

    def _kind_of(self, ref: str) -> str:
        if ref in self.kb.actors:
            return self.kb.actors[ref].kind
        return ref.split(":")[1] if ref.startswith("new:") else "place"

    def _drafts(self, sent: Span, base: int, triggers: list[_Trigger], dates: list[TimeMention]) -> list[_Draft]:
        """Drafts of events: per segment, the triggers grouped by anchor, with their scope.

        Linear in the sentence length: each token's scope owner (its nearest
        anchor above it in the parse) is found once, and segments are cut by
        bisection over token offsets.
        """
        has_dep = has(sent.doc, "DEP")
        # Without a parse (English here) dates follow their clause ("met in Brussels on 12 January,
        # and ... on Thursday"): no cutting at dates; _attach_following pairs each date with its trigger.
        segments = _segments(sent, base, dates) if has_dep else [(base + sent.start_char, base + sent.end_char, None)]
        drafts: list[_Draft] = []
        anchors = {t.anchor.i for t in triggers}
        owner = nearest_anchor(sent, anchors) if has_dep else {}
        starts = token_starts(sent.doc)  # offsets in the chunk; segments are in the whole text
        triggers = sorted(triggers, key=lambda t: t.token.i)
        trig_pos = [t.token.i for t in triggers]
        date_starts = [d.start for d in dates]
        for seg_start, seg_end, lead in segments:
            lo = bisect_left(starts, seg_start - base, sent.start, sent.end)
            hi = bisect_left(starts, seg_end - base, sent.start, sent.end)
            seg_tokens = set(range(lo, hi))
            in_seg = triggers[bisect_left(trig_pos, lo):bisect_left(trig_pos, hi)]
            seg_dates = dates[bisect_left(date_starts, seg_start):bisect_left(date_starts, seg_end)]
            made = len(drafts)
            by_anchor: dict[tuple[int, str], list[_Trigger]] = {}
            for t in in_seg:
                by_anchor.setdefault((t.anchor.i, t.type), []).append(t)
            owned: dict[int | None, set[int]] = {}
            for i in range(lo, hi):
                owned.setdefault(owner.get(i), set()).add(i)
            for (anchor_i, _), group in by_anchor.items():
                if has_dep:
                    # the anchor's subtree, less the subtrees of other anchors below it, in this segment
                    scope = owned.get(anchor_i, set()) | {t.token.i for t in group}
                else:
                    # no parse: a trigger's scope runs from the trigger before it to the one after
                    here = group[0].token.i
                    j = in_seg.index(group[0])
                    before = in_seg[j - 1].token.i if j > 0 else lo - 1
                    after = in_seg[j + 1].token.i if j + 1 < len(in_seg) else hi
                    # ... from the clause break after the previous trigger, up to the one before the next
                    # ("... met in Brussels on 12 January, and the OSCE met in Vienna")
                    for k in range(before + 1, here):
                        if k >= lo and sent.doc[k].lower_ in CLAUSE_BREAKS:
                            before = k
                    for k in range(after - 1, here, -1):
                        if k < hi and sent.doc[k].lower_ in CLAUSE_BREAKS:
                            after = k
                            break
                    scope = set(range(max(before + 1, lo), min(after, hi)))
                    scope.add(here)
                drafts.append(_Draft(group, scope, type=group[0].type))
            if not in_seg and lead is not None and drafts:
                # "et le 13 janvier sur le site de l'OSCE": the verb is elided.
                prev = drafts[-1]
                drafts.append(_Draft(prev.triggers, seg_tokens, elliptical=True, type=prev.type))
            # the segment's leading date goes to every draft made in this segment
            if lead is not None:
                for d in drafts[made:]:
                    d.date_mentions = _with_range(lead, seg_dates)
        if len(segments) == 1 and dates:
            self._attach_single(sent, base, drafts, dates)
        return drafts

    def _attach_single(self, sent: Span, base: int, drafts: list[_Draft], dates: list[TimeMention]) -> None:
        """One dated clause: each date goes to the nearest trigger above it in the parse."""
        if not has(sent.doc, "DEP"):
            self._attach_following(base, drafts, dates)
            return
        for date in dates:
            span = sent.doc.char_span(date.start - base, date.end - base, alignment_mode="expand")
            if span is None:
                continue
            best = None
            for d in drafts:
                anchor = d.triggers[0].anchor
                for tok in span:
                    if anchor.is_ancestor(tok) or anchor == tok:
                        depth = sum(1 for _ in tok.ancestors) - sum(1 for _ in anchor.ancestors)
                        if best is None or depth < best[0]:
                            best = (depth, d)
            if best is not None:
                target = best[1]
            else:
                # the date hangs outside every trigger: the nearest non-speech trigger
                candidates = [d for d in drafts if not d.triggers[0].row.get("speech")] or drafts
                target = min(candidates, key=lambda d: abs(base + d.triggers[0].token.idx - date.start))
            if not target.date_mentions:
                target.date_mentions = _with_range(date, dates)

    @staticmethod
    def _attach_following(base: int, drafts: list[_Draft], dates: list[TimeMention]) -> None:
        """No parse: a date goes to the nearest undated trigger before it; a date before every
        trigger goes to the nearest undated one after it. Each trigger takes one date."""
        def pos(d: _Draft) -> int:
            return base + d.triggers[0].token.idx
        firsts, seen = [], set()
        for m in dates:  # the halves of a range travel together
            if m.group is None or m.group not in seen:
                firsts.append(m)
                seen.add(m.group)
        left = []
        for date in firsts:
            before = [d for d in drafts if not d.date_mentions and pos(d) < date.start]
            if before:
                max(before, key=pos).date_mentions = _with_range(date, dates)
            else:
                left.append(date)
        for date in left:
            after = [d for d in drafts if not d.date_mentions and pos(d) > date.end]
            if after:
                min(after, key=pos).date_mentions = _with_range(date, dates)

    def _build(self, doc: Document, sent: Span, base: int, drafts: list[_Draft], mentions: list[Mention],
               dates: list[TimeMention], prev_dates: list[TimeMention], last_person: str | None,
               names: dict[str, str]) -> list[Event]:
        """Events of one sentence; ``names`` gives the surface of every ref in the document."""
        s_start = base + sent.start_char
        s_text = doc.text[s_start:base + sent.end_char]
        starts = token_starts(sent.doc)
        at_token: dict[int, list[Mention]] = {}  # token index -> mentions that start in it
        for m in mentions:
            at_token.setdefault(max(sent.start, bisect_right(starts, m.start - base, sent.start, sent.end) - 1),
                                []).append(m)
        has_dep = has(sent.doc, "DEP")
        out: list[Event] = []
        lead_participants: list[str] = []
        speaker: str | None = None
        for draft in drafts:
            trig = draft.triggers[0]
            in_scope = [m for i in sorted(draft.tokens) for m in at_token.get(i, ())]
            actors = [m for m in in_scope if m.kind == "actor"]
            places = [m for m in in_scope if m.kind == "place"]
            source_ids = []
            if has_dep and not draft.elliptical:
                subj_tokens = {t.i for c in trig.anchor.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
                source_ids = [m.ref for i in sorted(subj_tokens) for m in at_token.get(i, ()) if m.kind == "actor"
                              and m in actors]
                if not source_ids and any(c.dep_ in SUBJECT_DEPS and c.lower_ in PRONOUNS for c in trig.anchor.children):
                    if last_person:
                        source_ids = [last_person]
            elif not has_dep:
                source_ids = [m.ref for m in actors if m.start < base + trig.token.idx][-1:]
            if has_dep and not source_ids and not draft.elliptical and trig.token.pos_ in ("VERB", "AUX", "ADJ"):
                # A parse that lost the subject ("Moscou accuse l'OTAN..."): the actor right before the
                # verb, with no other trigger in between, is its subject.
                start = base + trig.token.idx
                before = [m for m in mentions[:bisect_left([m.start for m in mentions], start)]
                          if m.kind == "actor" and m.end <= start]
                lead = before[-1] if before else None
                between = doc.text[lead.end:start] if lead else ""
                if lead and len(between) < 200 and not re.search(r"[,;:«»\"]", between) and not any(
                        lead.end <= base + t.token.idx < start for d in drafts for t in d.triggers):
                    source_ids = [lead.ref]
                    actors = [lead] + [m for m in actors if m.ref != lead.ref]
            if draft.type == "STATEMENT":
                # What a statement says is content, not participants: keep the speaker and
                # the medium it was said to.
                if not source_ids:
                    source_ids = [m.ref for m in actors if self._kind(m) == "person"][:1]
                actors = [m for m in actors if m.ref in source_ids or self._kind(m) == "media"]
            participants: list[Participant] = []
            refs: list[str] = []  # mention refs of the participants, in order

            def add(ref: str, role: str, surface: str) -> None:
                if ref in refs:
                    return
                refs.append(ref)
                a = actor_for(ref, self.kb, surface)
                participants.append(Participant(a.id, a.name, role, a.kind))

            surfaces = names
            for ref in source_ids:
                add(ref, "source", surfaces.get(ref, ref))
            for m in actors:
                add(m.ref, "target" if source_ids else "participant", m.text)
            for m in actors:  # a forum's meeting involves its members
                for member in self.kb.members.get(m.ref, ()):
                    add(member, "participant", member)
            if draft.type == "CONSULT" and lead_participants and len(participants) < 2 and (draft.elliptical or not source_ids):
                add(lead_participants[0], "participant", surfaces.get(lead_participants[0], lead_participants[0]))
            # a verbal act; a negated one ("ne retirera pas") is a stance taken in words
            speech = bool(trig.row.get("speech") or (trig.negated and "negated" in trig.row))
            if speech and source_ids and self._kind_of(source_ids[0]) == "person":
                speaker = speaker or source_ids[0]
            if not lead_participants and len(participants) >= 2:
                lead_participants = list(refs)
            place: Place | None = None
            for p in places:  # "à Genève", not "d'Europe"
                before = doc.text[max(0, p.start - 8):p.start].lower().split()
                if before and before[-1] in LOCATIVE:
                    place = place_for(p.ref, self.kb, p.text)
                    break
            date = _event_date(draft.date_mentions)
            if date is None and speech and doc.published:
                date = EventDate(doc.published, doc.published, doc.published.isoformat(), "day", "reported")
            tense = clause_tense(trig.anchor) if has_dep else None
            if date is None and not speech and len(prev_dates) == 1 and not dates \
                    and tense == "past":
                p = prev_dates[0]
                date = EventDate(p.first, p.last, p.value, p.granularity, "inferred", p.text)
            if date is None and trig.token.pos_ == "NOUN" and tense in ("future", None) and has_dep:
                continue  # "la reprise des négociations en dépendra": a prospect, not an event
            trigger_text = " ".join(t.token.text for t in draft.triggers)
            confidence = 0.4 + (0.2 if date and date.certainty != "reported" else 0.1 if date else 0) \
                + (0.2 if source_ids else 0.1 if participants else 0) + (0.1 if place else 0) \
                + (0.1 if has_dep else 0) - (0.1 if draft.elliptical else 0)
            key = f"{doc.id}|{s_start}|{base + trig.token.idx}|{draft.type}|{draft.elliptical}|{min(draft.tokens)}"
            ev = Event(
                id="ev-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12],
                type=draft.type,
                summary="",
                date=date,
                actors=participants,
                location=place,
                sources=[Source(doc.id, s_text, s_start, s_start + len(s_text))],
                trigger=trigger_text,
                mode=trig.row.get("mode"),
                negated=trig.negated,
                confidence=min(1.0, confidence),
            )
            ev.summary = summarise(ev)
            out.append(ev)
        # A stance reported in the same sentence as a statement is the speaker's too.
        if speaker:
            for ev in out:
                a = actor_for(speaker, self.kb, names.get(speaker, speaker))
                if ev.type != "STATEMENT" and a.id not in {p.id for p in ev.actors}:
                    ev.actors.append(Participant(a.id, a.name, "speaker", a.kind))
                    ev.summary = summarise(ev)
        return out


def summarise(ev: Event) -> str:
    names = [p.name for p in ev.actors if p.role != "speaker"]
    verb = ev.type.lower() + (f" ({ev.mode})" if ev.mode else "")
    text = f"{', '.join(names) or 'unknown actor'}: {verb}"
    if ev.location:
        text += f" in {ev.location.name}"
    speakers = [p.name for p in ev.actors if p.role == "speaker"]
    if speakers:
        text += f", according to {', '.join(speakers)}"
    return text


@functools.lru_cache(maxsize=None)
def get_extractor(lang: str) -> EventExtractor:
    return EventExtractor(lang)


def extract_events(parsed: Parsed, times: list[TimeMention], mentions: list[Mention]) -> list[Event]:
    """Typed events of one parsed document."""
    return get_extractor(parsed.document.lang).extract(parsed, times, mentions)

