"""Temporal tagging: find time expressions and normalise them to TIMEX3 values.

Candidates are found with patterns built from the word lists in
``resources/<lang>/time.json`` and normalised against the document's
publication date.  Written here rather than taken from dateparser because
dateparser's ``search_dates`` gives no offsets, reads common words ("sa",
"je") as dates and cannot split "les 9 et 10 janvier" (see issue 3); the
calendar arithmetic itself is the standard library's.

Spans follow the French TimeBank conventions: the determiner is inside the
span ("le 12 janvier"), prepositions are outside ("en", "depuis", "dans").

>>> import datetime as dt
>>> [(m.text, m.value) for m in find_dates("le 12 janvier", dt.date(2022, 1, 16))]
[('le 12 janvier', '2022-01-12')]
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Callable, Iterator

from .model import TimeMention

TenseAt = Callable[[int], "str | None"]  # offset -> "past" | "present" | "future" | None

_APOS = "[’'ʼ]"
_WS = r"[\s\u00a0\u202f]+"
TIMEX_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE)"
    r"|PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)"
    r"|\d{3}X|\d{2}XX"
    r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:WE|\d))?|-(?:SP|SU|FA|WI)|-Q[1-4])?"
    r"(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?)$"
)


SINCE_WORDS = {"depuis", "dès", "since"}
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_DIGIT = frozenset({"digit"})


class LexiconError(ValueError):
    """A language data file is missing or malformed."""


@dataclass(frozen=True)
class Lexicon:
    lang: str
    data: dict

    def words(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        return list(value.keys()) if isinstance(value, dict) else list(value)

    def alt(self, key: str) -> str:
        """A regex alternation of the words under ``key``, longest first."""
        return alternation(self.words(key))

    def lookup(self, key: str, word: str):
        table = self.data[key]
        return table[normalise_word(word)]


def normalise_word(word: str) -> str:
    word = re.sub(_WS, " ", word.lower())
    return re.sub(_APOS, "'", word).rstrip(".")


def alternation(words: list[str]) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w).replace("'", _APOS).replace(r"\ ", _WS).replace(" ", _WS)
        parts.append(p)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@functools.lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    name = f"resources/{lang}/time.json"
    try:
        raw = resources.files("timeline").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"no time lexicon for language {lang!r} ({name})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{name}: line {exc.lineno}: {exc.msg}") from None
    for key in ("months", "weekdays", "numbers", "units"):
        if not isinstance(data.get(key), dict):
            raise LexiconError(f"{name}: missing or malformed table {key!r}")
    return Lexicon(lang, data)


# --- calendar helpers ---------------------------------------------------------

def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def infer_year(month: int, day: int | None, anchor: dt.date, tense: str | None) -> int | None:
    """The year of a year-less date, from the publication date and the tense.

    Past tense: the latest such date on or before the anchor; future: the
    first on or after it; otherwise the nearest one (so "le 28 décembre" in an
    article of 3 January is the previous December).
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = day or 1
        if day is None:
            d = 1 if tense != "past" else calendar.monthrange(year, month)[1]
        if valid_day(year, month, d):
            candidates.append(dt.date(year, month, d))
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: (abs((c - anchor).days), c))
    chosen = _directed(candidates, anchor, tense, day)
    # A tense read off a distant verb must not throw a date most of a year away
    # when the same day falls within three months on the other side.
    if chosen is not None and abs((chosen - anchor).days) > 183 and abs((nearest - anchor).days) < 92:
        chosen = nearest
    return (chosen or nearest).year


def _directed(candidates: list[dt.date], anchor: dt.date, tense: str | None, day: int | None) -> dt.date | None:
    if tense == "past":
        past = [c for c in candidates if c <= anchor]
        return max(past) if past else None
    if tense == "future":
        future = [c for c in candidates if c >= anchor] if day else [
            c for c in candidates if (c.year, c.month) >= (anchor.year, anchor.month)]
        return min(future) if future else None
    return None


# --- the tagger ---------------------------------------------------------------

@dataclass
class _Candidate:
    start: int
    end: int
    mentions: list[TimeMention]


class Tagger:
    """Time-expression finder for one language; build once, call many times."""

    def __init__(self, lang: str = "fr"):
        self.lex = lex = load_lexicon(lang)
        self.lang = lang
        L = lex.alt
        day = r"(?:1er|1ᵉʳ|[12]\d|3[01]|0?[1-9])"
        year = r"(?:1[6-9]\d\d|20\d\d)"
        month = L("months") + r"\.?"
        wday = L("weekdays")
        det = alternation(lex.words("determiners"))
        nxt, last, this = L("next"), L("last"), L("this")
        mod = f"(?:{nxt}|{last})"
        num = rf"(?:\d+(?:[,.]\d+)?|{L('numbers')}(?:-{L('numbers')})?|{L('vague_numbers')})"
        unit = L("units")
        pod = L("parts_of_day")
        b, e = r"(?<![\w-])", r"(?![\w-])"
        ws = _WS
        joiner = alternation(lex.words("range_joiners"))
        yy = r"(?:'?\d\d)"
        approx = L("approximators")
        clock = r"(?P<h>[01]?\d|2[0-3])\s?h(?:eures?)?(?:\s?(?P<mi>[0-5]\d))?"
        dayword = rf"(?:{L('relative_days')}|{wday})"
        self.rules: list[tuple[re.Pattern, Callable]] = [
            # les 9 et 10 janvier / du 9 au 12 janvier / 9-10 January / les 6 et 13 avril prochains
            (rf"{b}(?:(?P<det>{det}){ws})?(?P<d1>{day})\s*{joiner}\s*(?:(?P<det2>{det}){ws})?(?P<d2>{day}){ws}(?P<m>{month})(?:,?{ws}(?P<y>{year}))?(?:{ws}(?P<mod>{mod}))?{e}",
             self._day_range),
            # January 9-10, 2022
            (rf"{b}(?P<m>{month}){ws}(?P<d1>{day})\s*{joiner}\s*(?P<d2>{day})(?:,?{ws}(?P<y>{year}))?{e}",
             self._day_range),
            # (le) (jeudi) 12 janvier (2022|93) (prochain) / January 12, 2022
            (rf"{b}(?:(?P<det>{det}){ws})?(?:(?P<wd>{wday}),?{ws})?(?P<d>{day}){ws}(?P<m>{month})(?:,?{ws}(?:(?P<y>{year})|(?P<yy>{yy})(?![\d,.]\d)))?(?:{ws}(?P<mod>{mod}))?{e}",
             self._full_date),
            (rf"{b}(?:(?P<det>{det}){ws})?(?:(?P<wd>{wday}),?{ws})?(?P<m>{month}){ws}(?P<d>{day})(?:st|nd|rd|th)?(?:,?{ws}(?P<y>{year}))?{e}",
             self._full_date),
            (r"(?<![\d/.])(?P<d>[0-3]?\d)[/.](?P<mn>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?![\d/.])", self._numeric_date),
            # (le mois de) septembre (2021|98) (prochain); mars-avril
            (rf"{b}(?:(?P<det>{det}){ws})?(?:(?P<prefix>{this}|mois{ws}d[e’']\s*|month{ws}of)(?:{ws})?)?(?P<m>{month})(?:,?{ws}(?:(?P<y>{year})|(?P<yy>{yy})(?![\d,.]\d)))?(?:{ws}(?P<mod>{mod}))?{e}",
             self._month),
            # mars-avril: two months
            (rf"{b}(?P<m>{month})-(?P<m2>{month}){e}", self._month_pair),
            # years: 1997, l'an 2000, 1982-1990, en 97
            (rf"(?<![\w,.€$£-])(?:(?P<det>l{_APOS}an|l{_APOS}année|the{ws}year){ws})?(?P<y>{year})(?![\w%€$]|[,.]\d|-(?!{year})|{ws}(?:%|euros?|dollars?|francs?|personnes|people|soldats|troops|km|kilomètres|habitants|tonnes))",
             self._year),
            (rf"(?<=-)(?P<y>{year})(?![\w%€$-]|[,.]\d)", self._year),
            (rf"(?<=\ben\s)(?P<yy>[4-9]\d)(?=[\s,.;)])", self._short_year),
            # hier soir, aujourd'hui, demain matin, aujourd'hui vendredi
            (rf"{b}(?P<rel>{L('relative_days')})(?:{ws}(?P<pod>{pod}))?(?:{ws}(?P<wd>{wday}))?{e}", self._relative_day),
            # ce soir, cette nuit, la soirée, le matin même, le lendemain matin, la veille
            (rf"{b}(?P<det>{this}|la|le|l{_APOS}|this|the|tonight)(?:{ws}|(?<={_APOS}))?(?:(?P<shift>{L('day_after')}|{L('day_before')})(?:{ws}(?:au{ws})?(?P<pod>{pod}))?|(?P<podonly>{pod}))(?:{ws}(?P<meme>même))?{e}",
             self._this_part_of_day),
            # (le/ce) lundi (matin) (prochain|dernier) / next Tuesday / tous les jeudis
            (rf"{b}(?:(?P<pre>{det}|{mod}){ws})?(?P<wd>{wday})(?:{ws}(?P<pod>{pod}))?(?:{ws}(?P<mod>{mod}))?{e}",
             self._weekday),
            # la semaine prochaine, l'année dernière, cette semaine, ce week-end, next week
            (rf"{b}(?:(?P<det>{det}|{this})(?:{ws})?(?<=\w|[’' ]))?(?:(?P<pre>{mod}|{this}){ws})?(?P<unit>semaine|mois|année|an|week-end|week|month|year|weekend)(?:{ws}(?P<mod>{mod}))?{e}",
             self._relative_period),
            # (la) fin de l'année (dernière), début de semaine, fin janvier, mi-2021, early this week
            (rf"{b}(?:(?P<det0>la|le|the){ws})?(?P<pos>{L('period_position')})(?:-|{ws})(?:(?:de|d{_APOS}|du|des|of|this)\s*(?:(?:la|l{_APOS}|the|cette|ce|this)(?:{ws})?)?)?(?:(?P<pre>{mod}){ws})?(?P<what>semaine|mois|année|week|month|year|{month}(?:{ws}{year})?|{year})(?:{ws}(?P<mod>{mod}))?{e}",
             self._period_position),
            # le premier trimestre 2022, the first quarter of 2022, Q1 2022
            (rf"{b}(?:(?:le|la|the){ws})?(?P<ord>{L('ordinals')}){ws}(?:{L('quarters')})(?:{ws}(?:de|of){ws})?(?:(?:{ws})?(?P<y>{year}))?{e}", self._quarter),
            (rf"{b}Q(?P<q>[1-4]){ws}(?P<y>{year}){e}", self._quarter),
            # the 1990s, the '90s
            (rf"{b}(?:the{ws})?(?P<dec>(?:19|20)?\d0|'\d0)s{e}", self._decade),
            # les années 60, (au) début des années 90
            (rf"{b}(?:(?P<pos>{L('period_position')}){ws}des{ws}|les{ws})années{ws}(?P<dec>(?:19|20)?[0-9]0){e}", self._decade),
            # la fin du XIXe siècle, le XXe siècle
            (rf"{b}(?:(?:la|le){ws})?(?:(?P<pos>{L('period_position')}){ws}du{ws})?(?P<c>[XVI]+)e{ws}siècle{e}", self._century),
            # il y a deux jours / two days ago / dans un mois / environ deux mois / dix ans / 8 à 24 mois
            (rf"{b}(?:(?P<ago_pre>{L('ago_before')}){ws})?(?:(?P<approx>{approx}){ws})?(?P<n>{num})(?:\s*{joiner}\s*(?P<n2>{num}))?{ws}(?P<unit>{unit})(?:{ws}(?P<ago_post>{L('ago_after')}))?{e}",
             self._quantity),
            (rf"{b}(?P<named>{L('named_durations')}){e}", self._named_duration),
            (rf"{b}(?P<every>{L('every')}){ws}(?P<unit>{unit}|{wday}s?){e}", self._set),
            (rf"{b}(?P<per>{L('per')}){ws}(?P<unit>an|jour|semaine|mois|year|day|week|month){e}", self._set),
            (rf"{b}(?P<adj>{L('set_adjectives')}){e}", self._set_adjective),
            # 20 h 30; hier à 10 h; 4 h mardi; midi
            (rf"{b}(?P<rel>{dayword})(?:{ws}(?:à|at){ws}|,{ws}|{ws}){clock}(?![\w])", self._clock),
            (rf"(?<![\w,.]){clock}(?:,?{ws}(?P<rel>{dayword}))?(?![\w])", self._clock),
            (rf"{b}(?P<cw>{L('clock_words')}){e}", self._clock_word),
            (rf"{b}(?P<w>{L('present_ref')}|{L('past_ref')}|{L('future_ref')}){e}", self._ref),
            (rf"{b}(?:(?P<det>l{_APOS}|cet|the|this|en|in|d{_APOS})\s*)?(?P<s>{L('seasons')})(?:{ws}(?P<y>{year}))?{e}", self._season),
            # "le 45 mars": a number before a month that no rule above read as a day
            (rf"{b}(?:{det}{ws})?\d+{ws}{month}{e}", lambda m: []),
        ]
        # Which kinds of word a rule's match must hold (any of them): a window without
        # one of those kinds is not searched with that rule.
        needs = {"_day_range": {"months"}, "_full_date": {"months"}, "_numeric_date": {"digit"},
                 "_month": {"months"}, "_month_pair": {"months"}, "_year": {"digit"}, "_short_year": {"digit"},
                 "_relative_day": {"relative_days"}, "_this_part_of_day": {"parts_of_day", "day_after", "day_before"},
                 "_weekday": {"weekdays"}, "_relative_period": {"period"},
                 "_period_position": {"period", "months", "digit"}, "_decade": {"period", "digit"}, "_century": {"century"},
                 "_quantity": {"units"}, "_named_duration": {"named_durations"}, "_set": {"units", "weekdays"},
                 "_set_adjective": {"set_adjectives"}, "_clock": {"digit"}, "_clock_word": {"clock_words"},
                 "_ref": {"present_ref", "past_ref", "future_ref"}, "_season": {"seasons"},
                 "_quarter": {"quarters", "digit"}}
        self.rules = [(re.compile(p, re.IGNORECASE), f, frozenset(needs.get(getattr(f, "__name__", ""), {"months"})))
                      for p, f in self.rules]
        # Every rule's match holds a digit or a lexicon word: find those first, then run
        # the rules only in windows around them (most of a text holds no time expression).
        content = ("months", "weekdays", "units", "seasons", "parts_of_day", "relative_days", "present_ref",
                   "past_ref", "future_ref", "clock_words", "set_adjectives", "named_durations",
                   "day_after", "day_before", "quarters")
        classes: dict[str, set[str]] = {}
        skip = {"de", "d", "la", "le", "l", "du", "des", "les", "un", "une", "a", "the", "of", "in", "en",
                "à", "pour", "après", "avant", "nos", "at", "for", "y", "il"}
        for key in content:
            for w in lex.words(key):
                for part in re.split(r"[\s'’-]+", normalise_word(w)):
                    if part and part not in skip:
                        classes.setdefault(part, set()).add(key)
        for w in ("semaine", "mois", "année", "an", "week", "weekend", "month", "year", "années"):
            classes.setdefault(w, set()).add("period")
        classes.setdefault("siècle", set()).add("century")
        self.anchor_classes = {w: frozenset(c) for w, c in classes.items()}

    # -- driver

    def find(self, text: str, published: dt.date | None = None,
             tense_at: TenseAt | None = None) -> list[TimeMention]:
        self._text, self._anchor = text, published
        self._tense_at = tense_at or (lambda _offset: None)
        self._pending: dict[tuple[int, int], tuple] = {}
        self._reyear: set[tuple[int, int]] = set()
        candidates: list[_Candidate] = []
        windows = self._windows(text)
        for pattern, build, needs in self.rules:
            for match in (m for lo, hi, kinds in windows if kinds & needs for m in pattern.finditer(text, lo, hi)):
                mentions = build(match)
                if mentions and None in mentions:  # a value outside the TIMEX3 grammar
                    mentions = [x for x in mentions if x is not None] or None
                # None: not a time expression; []: an invalid date ("31 février")
                # that still claims its span, so no shorter rule reads part of it.
                if mentions is not None:
                    candidates.append(_Candidate(match.start(), match.end(), mentions))
        # Longest candidate wins; ties go to the earlier rule (stable sort).
        candidates.sort(key=lambda c: (-(c.end - c.start), c.start))
        taken = bytearray(len(text))  # 1 where a chosen candidate stands: linear, not quadratic
        chosen: list[TimeMention] = []
        for cand in candidates:
            if taken.find(1, cand.start, cand.end) != -1:
                continue
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.extend(cand.mentions)
        chosen.sort(key=lambda m: (m.start, m.end))
        return self._anchor_to_context(chosen)

    @staticmethod
    def _with_year(m: TimeMention, year: int) -> TimeMention:
        if m.granularity == "month":
            first, last = month_bounds(year, m.first.month)
            return replace(m, value=f"{year}-{m.first.month:02d}", first=first, last=last)
        if not valid_day(year, m.first.month, m.first.day):
            return m
        d = dt.date(year, m.first.month, m.first.day)
        return replace(m, value=d.isoformat(), first=d, last=d)

    def _windows(self, text: str, margin: int = 24) -> list[tuple[int, int, frozenset]]:
        """Merged stretches of text around digits and time words, ending on white space,
        with the kinds of word each holds."""
        out: list[tuple[int, int, frozenset]] = []
        classes = self.anchor_classes
        digit = _DIGIT
        for m in _TOKEN.finditer(text):
            tok = m.group().lower()
            if tok[0].isdigit():
                kinds = digit
            else:
                kinds = classes.get(tok) or (classes.get(tok[:-1]) if len(tok) > 4 else None)
                if kinds is None:
                    continue
            lo = max(0, m.start() - margin)
            hi = min(len(text), m.end() + margin)
            while hi < len(text) and not text[hi].isspace():
                hi += 1
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(hi, out[-1][1]), out[-1][2] | kinds)
            else:
                out.append((lo, hi, kinds))
        return out

    def _anchor_to_context(self, mentions: list[TimeMention]) -> list[TimeMention]:
        """Clock times and "la nuit", "le lendemain": the day is the one the text just named.

        The reference is the last day-level date before the mention in the same
        paragraph (within 300 characters), else the publication date.
        """
        out: list[TimeMention] = []
        reference: TimeMention | None = None
        year_ref: TimeMention | None = None
        for m in mentions:
            if m.granularity == "year" and m.certainty == "explicit":
                year_ref = m
            elif (m.start, m.end) in self._reyear and year_ref is not None \
                    and m.start - year_ref.end <= 80 and not re.search(r"[.!?\n]", self._text[year_ref.end:m.start]):
                # "deux ruptures en 97 (en janvier ..., en octobre ...)": the year just named
                m = self._with_year(m, year_ref.first.year)
            pending = self._pending.get((m.start, m.end))
            if reference and ("\n" in self._text[reference.end:m.start] or m.start - reference.end > 300):
                reference = None
            if pending is None:
                out.append(m)
                if m.granularity == "day" and m.first and m.first == m.last:
                    reference = m
                continue
            kind, code, shift = pending
            day = reference.first if reference else self._anchor
            certainty = "inferred"
            if day is None:
                if kind == "clock":
                    out.append(replace(m, value=f"XXXX-XX-XXT{code}", certainty="explicit"))
                continue
            day = day + dt.timedelta(days=shift)
            if code is None:
                new = replace(m, type="DATE", value=day.isoformat(), certainty=certainty, granularity="day",
                              first=day, last=day)
            else:
                new = replace(m, type="TIME", value=f"{day.isoformat()}T{code}", certainty=certainty,
                              granularity="day", first=day, last=day)
            out.append(new)
            if shift:
                reference = new
        return out

    # -- helpers for builders

    def _mention(self, start: int, end: int, type_: str, value: str, certainty: str = "explicit",
                 granularity: str | None = None, first: dt.date | None = None,
                 last: dt.date | None = None, group=None) -> TimeMention | None:
        # Trim spaces and trailing punctuation the pattern may have taken.
        text = self._text
        while end > start and text[end - 1] in " \u00a0\u202f,.":
            end -= 1
        if not TIMEX_VALUE.match(value):
            return None
        return TimeMention(start, end, text[start:end], type_, value, certainty,
                           granularity, first, last if last else first, group)

    def _tense(self, offset: int) -> str | None:
        return self._tense_at(offset)

    def _day_value(self, m: re.Match, day: int, month: int, year_text: str | None,
                   start: int, end: int, mod: str | None = None, group=None) -> TimeMention | None:
        if not valid_day(2000, month, day):  # 2000 is a leap year: 29 February may be valid
            return None
        if year_text:
            year = int(year_text)
            if not valid_day(year, month, day):
                return None
            d = dt.date(year, month, day)
            return self._mention(start, end, "DATE", d.isoformat(), "explicit", "day", d, d, group)
        if self._anchor is None:
            return self._mention(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", "explicit", "day",
                                 None, None, group)
        tense = self._mod_tense(mod) or self._tense(start)
        year = infer_year(month, day, self._anchor, tense)
        if year is None:
            return None
        d = dt.date(year, month, day)
        mention = self._mention(start, end, "DATE", d.isoformat(), "inferred", "day", d, d, group)
        if mention is not None and not mod and group is None:
            self._reyear.add((mention.start, mention.end))
        return mention

    def _mod_tense(self, mod: str | None) -> str | None:
        if not mod:
            return None
        w = normalise_word(mod)
        if w in self.lex.words("next"):
            return "future"
        if w in self.lex.words("last"):
            return "past"
        return None

    @staticmethod
    def _day_number(text: str) -> int:
        return int(re.sub(r"\D", "", text))

    # -- builders: each returns a list of mentions or None

    def _day_range(self, m: re.Match):
        month = self.lex.lookup("months", m["m"])
        d1, d2 = self._day_number(m["d1"]), self._day_number(m["d2"])
        if d2 <= d1:
            return None
        group = (m.start(), m.end())
        first_start = m.start("det") if m["det"] else m.start("d1")
        second_start = m.start("det2") if m["det2"] else m.start("d2")
        mod = m.groupdict().get("mod")
        if m.start("m") < m.start("d1"):  # "January 9-10": the month belongs to the first day
            first = self._day_value(m, d1, month, m["y"], m.start("m"), m.end("d1"), mod, group=group)
            second = self._day_value(m, d2, month, m["y"], m.start("d2"), m.end(), mod, group=group)
        else:
            first = self._day_value(m, d1, month, m["y"], first_start, m.end("d1"), mod, group=group)
            second = self._day_value(m, d2, month, m["y"], second_start, m.end(), mod, group=group)
        if not first or not second:
            return None
        if first.first and second.first and second.first < first.first:
            return None
        # Both halves share one year: the first day follows the second's inference.
        if first.first and second.first and first.first.year != second.first.year and not m["y"]:
            d = dt.date(second.first.year, month, d1)
            first = self._mention(first.start, first.end, "DATE", d.isoformat(), "inferred", "day", d, d, group)
        return [first, second]

    def _full_date(self, m: re.Match):
        month = self.lex.lookup("months", m["m"])
        start = m.start("det") if m["det"] else m.start()
        day = self._day_number(m["d"])
        if not valid_day(2000, month, day):
            return []
        year_text = m["y"] or self._expand_short_year(m.groupdict().get("yy"))
        if m["wd"] and not year_text and self._anchor is not None:
            # "dimanche 29 août": the year in which that day is a Sunday, nearest the anchor
            wd = self.lex.lookup("weekdays", m["wd"])
            years = [y for y in range(self._anchor.year - 1, self._anchor.year + 2)
                     if valid_day(y, month, day) and dt.date(y, month, day).isoweekday() == wd]
            if years:
                d = min((dt.date(y, month, day) for y in years), key=lambda x: abs((x - self._anchor).days))
                return [self._mention(start, m.end(), "DATE", d.isoformat(), "inferred", "day", d, d)]
        mention = self._day_value(m, day, month, year_text, start, m.end(), m.groupdict().get("mod"))
        return [mention] if mention else None

    def _expand_short_year(self, yy: str | None) -> str | None:
        """'93 or 93 after a month: the century that puts it at or before the anchor."""
        if not yy:
            return None
        n = int(yy.lstrip("'"))
        ref = self._anchor.year if self._anchor else 2000
        year = (ref // 100) * 100 + n
        if year > ref + 1:
            year -= 100
        return str(year)

    def _short_year(self, m: re.Match):
        year = int(self._expand_short_year(m["yy"]))
        return [self._mention(m.start(), m.end(), "DATE", str(year), "explicit", "year",
                              dt.date(year, 1, 1), dt.date(year, 12, 31))]

    def _numeric_date(self, m: re.Match):
        d, mo, y = int(m["d"]), int(m["mn"]), int(m["y"])
        if self.lang == "en" and d <= 12:  # 01/02/2022 is ambiguous in English: month first
            d, mo = mo, d
        if not (1 <= mo <= 12) or not valid_day(y, mo, d):
            return None
        day = dt.date(y, mo, d)
        return [self._mention(m.start(), m.end(), "DATE", day.isoformat(), "explicit", "day", day, day)]

    def _month(self, m: re.Match):
        word = normalise_word(m["m"])
        if self.lang == "en" and word in ("may", "mar", "jun", "jan", "dec", "oct", "nov", "sep", "aug", "apr", "feb", "jul"):
            if not m["y"] and not m["prefix"]:
                return None  # "may" the verb, abbreviations alone: too ambiguous without a year
        month = self.lex.lookup("months", m["m"])
        start = m.start("det") if m["det"] else (m.start("prefix") if m["prefix"] else m.start("m"))
        year_text = m["y"] or self._expand_short_year(m.groupdict().get("yy"))
        if year_text:
            year = int(year_text)
            first, last = month_bounds(year, month)
            return [self._mention(start, m.end(), "DATE", f"{year}-{month:02d}", "explicit", "month", first, last)]
        if self._anchor is None:
            return [self._mention(start, m.end(), "DATE", f"XXXX-{month:02d}", "explicit", "month")]
        year = infer_year(month, None, self._anchor, self._mod_tense(m["mod"]) or self._tense(start))
        first, last = month_bounds(year, month)
        mention = self._mention(start, m.end(), "DATE", f"{year}-{month:02d}", "inferred", "month", first, last)
        if mention is not None and not m["mod"]:
            self._reyear.add((mention.start, mention.end))
        return [mention]

    def _month_pair(self, m: re.Match):
        out = []
        for group in ("m", "m2"):
            month = self.lex.lookup("months", m[group])
            if self._anchor is None:
                out.append(self._mention(m.start(group), m.end(group), "DATE", f"XXXX-{month:02d}"))
                continue
            year = infer_year(month, None, self._anchor, self._tense(m.start()))
            first, last = month_bounds(year, month)
            out.append(self._mention(m.start(group), m.end(group), "DATE", f"{year}-{month:02d}", "inferred",
                                     "month", first, last))
        return out

    def _year(self, m: re.Match):
        year = int(m["y"])
        start = m.start("det") if m.groupdict().get("det") else m.start("y")
        return [self._mention(start, m.end(), "DATE", str(year), "explicit", "year",
                              dt.date(year, 1, 1), dt.date(year, 12, 31))]

    def _pod_code(self, word: str | None) -> str | None:
        return self.lex.lookup("parts_of_day", word) if word else None

    def _relative_day(self, m: re.Match):
        pod = self._pod_code(m["pod"])
        if self._anchor is None:
            return None
        offset = self.lex.lookup("relative_days", m["rel"])
        day = self._anchor + dt.timedelta(days=offset)
        if offset == 0 and not pod and not m["wd"] and self.lex.data.get("today_is_present_ref"):
            # "aujourd'hui" alone is the present in the French TimeBank (TIME PRESENT_REF);
            # it still places an event on the publication day.
            return [self._mention(m.start(), m.end(), "TIME", "PRESENT_REF", "inferred", "day", day, day)]
        if pod:
            return [self._mention(m.start(), m.end(), "TIME", f"{day.isoformat()}T{pod}", "inferred", "day", day, day)]
        return [self._mention(m.start(), m.end(), "DATE", day.isoformat(), "inferred", "day", day, day)]

    def _this_part_of_day(self, m: re.Match):
        det = normalise_word(m["det"])
        pod = self._pod_code(m["pod"] or m["podonly"])
        shift_word = normalise_word(m["shift"]) if m["shift"] else None
        if pod is None and shift_word is None:
            return None
        shift = 0
        if shift_word:
            shift = 1 if shift_word in [normalise_word(w) for w in self.lex.words("day_after")] else -1
        if det in self.lex.words("this") or det == "tonight":
            if self._anchor is None or shift:
                return None
            day = self._anchor
            return [self._mention(m.start(), m.end(), "TIME", f"{day.isoformat()}T{pod}", "inferred", "day", day, day)]
        # "la nuit", "le lendemain matin", "la veille": relative to the day the text just named
        mention = self._mention(m.start(), m.end(), "TIME" if pod else "DATE", "PRESENT_REF")
        if mention is None:
            return None
        self._pending[(mention.start, mention.end)] = ("pod", pod, shift)
        return [mention]

    def _weekday(self, m: re.Match):
        wd = self.lex.lookup("weekdays", m["wd"])
        pre = normalise_word(m["pre"]) if m["pre"] else None
        mod = m["mod"] or (pre if pre and (pre in self.lex.words("next") or pre in self.lex.words("last")) else None)
        start = m.start("pre") if m["pre"] else m.start("wd")
        if self._anchor is None:
            return None
        tense = self._mod_tense(mod)
        strict = tense is not None
        before = self._text[max(0, start - 10):start].lower().split()
        if tense is None and before and before[-1] in SINCE_WORDS:
            tense = "past"  # "depuis vendredi", "dès mardi soir"
        tense = tense or self._tense(start)
        anchor = self._anchor
        delta = (wd - anchor.isoweekday()) % 7
        if tense == "past":
            back = (anchor.isoweekday() - wd) % 7
            if strict and back == 0:
                back = 7
            day = anchor - dt.timedelta(days=back)
        else:
            if strict and delta == 0:
                delta = 7
            day = anchor + dt.timedelta(days=delta)
        pod = self._pod_code(m["pod"])
        if pod:
            return [self._mention(start, m.end(), "TIME", f"{day.isoformat()}T{pod}", "inferred", "day", day, day)]
        return [self._mention(start, m.end(), "DATE", day.isoformat(), "inferred", "day", day, day)]

    def _unit_kind(self, word: str) -> str:
        w = normalise_word(word)
        if w in ("semaine", "week"):
            return "W"
        if w in ("week-end", "weekend"):
            return "WE"
        if w in ("mois", "month"):
            return "M"
        return "Y"

    def _relative_period(self, m: re.Match):
        det = normalise_word(m["det"]) if m["det"] else None
        pre = normalise_word(m["pre"]) if m["pre"] else None
        shift = None
        for word in (m["mod"], m["pre"]):
            tense = self._mod_tense(word)
            if tense:
                shift = 1 if tense == "future" else -1
        if shift is None and (det in self.lex.words("this") or pre in self.lex.words("this")):
            shift = 0
        if shift is None or self._anchor is None:
            return None
        start = m.start("det") if m["det"] else (m.start("pre") if m["pre"] else m.start("unit"))
        kind = self._unit_kind(m["unit"])
        if kind == "WE" and shift == 0 and self._tense(start) == "past" and self._anchor.isoweekday() < 6:
            shift = -1  # "ce week-end" told in the past on a weekday: the one just gone
        return [self._period(start, m.end(), kind, shift)]

    def _period(self, start: int, end: int, kind: str, shift: int) -> TimeMention | None:
        a = self._anchor
        if kind in ("W", "WE"):
            monday, sunday = week_bounds(a + dt.timedelta(weeks=shift))
            if kind == "WE":
                sat = monday + dt.timedelta(days=5)
                return self._mention(start, end, "DATE", iso_week(monday) + "-WE", "inferred", "week", sat, sunday)
            return self._mention(start, end, "DATE", iso_week(monday), "inferred", "week", monday, sunday)
        if kind == "M":
            y, mo = add_months(a, shift)
            first, last = month_bounds(y, mo)
            return self._mention(start, end, "DATE", f"{y}-{mo:02d}", "inferred", "month", first, last)
        y = a.year + shift
        return self._mention(start, end, "DATE", str(y), "inferred", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))

    def _period_position(self, m: re.Match):
        what = m["what"]
        word = normalise_word(what)
        year_match = re.search(r"\d{4}", what)
        start = m.start("det0") if m["det0"] else m.start("pos")
        if word in ("semaine", "week", "mois", "month", "année", "year"):
            if self._anchor is None:
                return None
            shift = {"future": 1, "past": -1}.get(self._mod_tense(m["mod"] or m["pre"]), 0)
            return [self._period(start, m.end(), self._unit_kind(what), shift)]
        month_word = re.split(_WS, what)[0]
        if normalise_word(month_word) in self.lex.data["months"]:
            month = self.lex.lookup("months", month_word)
            if year_match:
                year, certainty = int(year_match.group()), "explicit"
            elif self._anchor is not None:
                year, certainty = infer_year(month, None, self._anchor, self._tense(m.start())), "inferred"
            else:
                return [self._mention(m.start(), m.end(), "DATE", f"XXXX-{month:02d}", "explicit", "month")]
            first, last = month_bounds(year, month)
            return [self._mention(start, m.end(), "DATE", f"{year}-{month:02d}", certainty, "month", first, last)]
        if year_match:
            year = int(year_match.group())
            return [self._mention(start, m.end(), "DATE", str(year), "explicit", "year",
                                  dt.date(year, 1, 1), dt.date(year, 12, 31))]
        return None

    def _quarter(self, m: re.Match):
        q = int(m["q"]) if m.groupdict().get("q") else self.lex.lookup("ordinals", m["ord"])
        if not 1 <= q <= 4:
            return None
        if m["y"]:
            year, certainty = int(m["y"]), "explicit"
        elif self._anchor is not None:
            year, certainty = self._anchor.year, "inferred"
        else:
            return [self._mention(m.start(), m.end(), "DATE", f"XXXX-Q{q}")]
        first = dt.date(year, 3 * q - 2, 1)
        last = month_bounds(year, 3 * q)[1]
        return [self._mention(m.start(), m.end(), "DATE", f"{year}-Q{q}", certainty, "month", first, last)]

    def _decade(self, m: re.Match):
        dec = m["dec"].lstrip("'")
        if len(dec) == 4:
            value = f"{dec[:3]}X"
        else:  # "les années 60": the latest such decade that has begun by the anchor
            ref = self._anchor.year if self._anchor else 1999
            start = (ref // 100) * 100 + int(dec)
            if start > ref:
                start -= 100
            value = f"{start // 10}X"
        return [self._mention(m.start(), m.end(), "DATE", value)]

    def _century(self, m: re.Match):
        n = roman(m["c"])
        if not 1 <= n <= 21:
            return None
        return [self._mention(m.start(), m.end(), "DATE", f"{n - 1:02d}XX")]

    def _named_duration(self, m: re.Match):
        return [self._mention(m.start(), m.end(), "DURATION", self.lex.lookup("named_durations", m["named"]))]

    def _set_adjective(self, m: re.Match):
        return [self._mention(m.start(), m.end(), "SET", self.lex.lookup("set_adjectives", m["adj"]))]

    def _clock_word(self, m: re.Match):
        if not m["cw"][:1].islower():
            return None  # "le Midi" is a region
        mention = self._mention(m.start(), m.end(), "TIME", "PRESENT_REF")
        self._pending[(mention.start, mention.end)] = ("clock", self.lex.lookup("clock_words", m["cw"]), 0)
        return [mention]

    def _number(self, text: str) -> float | None:
        w = normalise_word(text)
        if w in self.lex.words("vague_numbers"):
            return None
        if re.fullmatch(r"\d+(?:[,.]\d+)?", w):
            return float(w.replace(",", "."))
        total = 0
        for part in w.split("-"):
            if part not in self.lex.data["numbers"]:
                return None
            total += self.lex.data["numbers"][part]
        return total

    def _is_age(self, m: re.Match) -> bool:
        """"Jean, 87 ans," "un chauffeur de 38 ans", "âgée de 24 ans": ages are not time expressions."""
        if self.lex.lookup("units", m["unit"]) != "Y" or m["ago_pre"] or m["ago_post"]:
            return False
        before = self._text[max(0, m.start() - 40):m.start()]
        if re.search(r"[,(]\s*$", before) and not m["approx"]:
            return True
        words = re.findall(r"[\w’'-]+", before.lower())
        markers = [normalise_word(w) for w in self.lex.words("age_markers")]
        if " ".join(words[-2:]) in markers and words[-2:] != ["de"] * 2:
            return True
        if words and words[-1] in markers:
            head = words[-2] if len(words) > 1 else ""
            return head not in self.lex.words("duration_heads") and not m["approx"]
        return False

    def _quantity(self, m: re.Match):
        unit = self.lex.lookup("units", m["unit"])
        if m["n2"]:
            first = self._number(m["n"])
            if first is None or self._is_age(m):
                return None
            # "de 8 à 24 mois": two durations, the first borrowing the unit
            amount = str(int(first)) if float(first).is_integer() else str(first)
            prefix = "PT" if unit in ("H", "S") or (unit == "M" and normalise_word(m["unit"]).startswith("minute")) else "P"
            one = self._mention(m.start("n"), m.end("n"), "DURATION", f"{prefix}{amount}{unit}")
            rest = self._quantity_value(m, m.start("n2"), self._number(m["n2"]), unit)
            return [x for x in [one, *(rest or [])] if x] or None
        if self._is_age(m):
            return None
        start = m.start("approx") if m["approx"] else m.start()
        if m["ago_pre"]:
            start = m.start()
        return self._quantity_value(m, start, self._number(m["n"]), unit)

    def _shifted(self, start: int, end: int, unit: str, k: int) -> TimeMention | None:
        """The publication date moved by k days, weeks, months or years ("il y a deux jours",
        "dans un mois"). A week back is a day, as the French TimeBank has "il y a une semaine"."""
        if unit == "D" or (unit == "W" and k < 0):
            d = self._anchor + dt.timedelta(days=k if unit == "D" else 7 * k)
            return self._mention(start, end, "DATE", d.isoformat(), "inferred", "day", d, d)
        return self._period(start, end, unit, k)

    def _quantity_value(self, m: re.Match, start: int, n, unit: str):
        ago = m["ago_pre"] or m["ago_post"]
        if m["n"].lower() in ("a", "an", "des") and not ago:
            return None  # "a year" alone is too often not a time expression
        if ago:
            if self._anchor is None or n is None or unit not in ("D", "W", "M", "Y"):
                return None
            return [self._shifted(start, m.end(), unit, -int(n))]
        if n is not None and n > 1000:
            return None
        amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
        # "dans un mois": a point in the future at month granularity
        before = self._text[max(0, start - 6):start].lower().rstrip()
        if self._anchor is not None and n is not None and before.endswith(tuple(self.lex.words("in_future"))) \
                and unit in ("D", "W", "M") and float(n).is_integer():
            return [self._shifted(start, m.end(), unit, int(n))]
        if unit in ("H", "S") or (unit == "M" and normalise_word(m["unit"]).startswith("minute")):
            return [self._mention(start, m.end(), "DURATION", f"PT{amount}{unit}")]
        if unit == "DE":
            return [self._mention(start, m.end(), "DURATION",
                                  f"P{amount}DE" if amount == "X" else f"P{int(float(amount) * 10)}Y")]
        if unit == "CE":
            return [self._mention(start, m.end(), "DURATION",
                                  f"P{amount}CE" if amount == "X" else f"P{int(float(amount) * 100)}Y")]
        return [self._mention(start, m.end(), "DURATION", f"P{amount}{unit}")]

    def _set(self, m: re.Match):
        word = normalise_word(m["unit"])
        start = m.start("unit") if m.groupdict().get("per") else m.start()  # "par an": the span is "an"
        if word.rstrip("s") in self.lex.data["weekdays"]:
            return [self._mention(start, m.end(), "SET", f"XXXX-WXX-{self.lex.data['weekdays'][word.rstrip('s')]}")]
        unit = self.lex.lookup("units", m["unit"])
        prefix = "PT" if unit in ("H", "S") else "P"
        return [self._mention(start, m.end(), "SET", f"{prefix}1{unit}")]

    def _clock(self, m: re.Match):
        h, mi = int(m["h"]), int(m["mi"] or 0)
        code = f"{h:02d}:{mi:02d}"
        if m["rel"]:
            # "hier à 10 h", "4 h mardi": the day named with the time
            day_mentions = (self._relative_day_of(m["rel"], m.start("rel")) if self._anchor else None)
            if day_mentions:
                d = day_mentions
                return [self._mention(m.start(), m.end(), "TIME", f"{d.isoformat()}T{code}", "inferred", "day", d, d)]
            return None
        mention = self._mention(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{code}")
        self._pending[(mention.start, mention.end)] = ("clock", code, 0)
        return [mention]

    def _relative_day_of(self, word: str, offset: int) -> dt.date | None:
        w = normalise_word(word)
        if w in self.lex.data["relative_days"]:
            return self._anchor + dt.timedelta(days=self.lex.data["relative_days"][w])
        if w in self.lex.data["weekdays"]:
            wd = self.lex.data["weekdays"][w]
            if self._tense(offset) == "past":
                return self._anchor - dt.timedelta(days=(self._anchor.isoweekday() - wd) % 7)
            return self._anchor + dt.timedelta(days=(wd - self._anchor.isoweekday()) % 7)
        return None

    def _ref(self, m: re.Match):
        w = normalise_word(m["w"])
        if w in [normalise_word(x) for x in self.lex.words("present_ref")]:
            value = "PRESENT_REF"
        elif w in [normalise_word(x) for x in self.lex.words("past_ref")]:
            value = "PAST_REF"
        else:
            value = "FUTURE_REF"
        start = m.start()
        # "à l'avenir": the preposition stays outside the span.
        lead = re.match(rf"(?:à|in){_WS}", m["w"], re.IGNORECASE)
        if lead and value == "FUTURE_REF" and self.lang == "fr":
            start += lead.end()
        return [self._mention(start, m.end(), "TIME", value)]

    def _season(self, m: re.Match):
        det = normalise_word(m["det"]) if m["det"] else None
        code = self.lex.lookup("seasons", m["s"])
        # "été" is also the past participle of "être": bare, only with a capital ("Eté").
        if det is None and code == "SU" and self.lang == "fr" and not m["s"][:1].isupper():
            return None
        start = m.start("s") if det in (None, "en", "in", "d'") else m.start()
        year = m["y"] or "XXXX"
        return [self._mention(start, m.end(), "DATE", f"{year}-{code}")]


def roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


@functools.lru_cache(maxsize=None)
def get_tagger(lang: str) -> Tagger:
    return Tagger(lang)


def find_dates(text: str, published: dt.date | None = None, lang: str = "fr",
               tense_at: TenseAt | None = None) -> list[TimeMention]:
    """All time expressions of ``text``, normalised against ``published``.

    ``tense_at`` maps a character offset to the tense of the clause it stands
    in ("past", "present", "future" or None); it decides which Thursday
    "jeudi" is.  Without a publication date, year-less dates stay year-less.
    """
    return get_tagger(lang).find(text, published, tense_at)


def iter_examples(lang: str) -> Iterator[dict]:
    """The executable examples kept in the language's data file."""
    yield from load_lexicon(lang).data.get("examples", [])
