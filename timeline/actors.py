"""Actors and places: recognise them and give each one canonical identity.

The knowledge base is data (``resources/kb/*.jsonl`` for identities,
``resources/<lang>/aliases.jsonl`` for how each language names them), plus
every ISO 3166 country from pycountry with its English and French names.
Recognition runs the aliases through spaCy's PhraseMatcher, then keeps
names that spaCy's NER finds and the knowledge base does not know.
"""
from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass, field

import pycountry
from spacy.matcher import PhraseMatcher

from .data import DataFileError, read_jsonl, read_lines
from .model import Actor, Mention, Place
from .parse import Parsed, load_model

# Words spaCy's small French model takes for names in news layouts.
NER_STOPLIST = {"lire", "vidéo", "video", "photo", "photos", "selon", "négociations", "s’", "s'", "qu’", "qu'",
                "l’", "l'", "d’", "d'", "afp", "reuters", "le", "la", "les", "etat", "état", "parlement",
                "gouvernement", "state", "government"}
NAME_PARTICLES = {"de", "du", "des", "d'", "la", "le", "von", "van", "der", "al", "el", "bin", "ben", "di", "da", "dos"}
DEFINITE = {"l'", "l’", "le", "la", "les", "du", "the", "this"}
PLACE_PREPOSITIONS = {"à", "a", "in", "at", "en", "near", "près", "to", "from", "into"}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@dataclass(frozen=True)
class Role:
    person: str
    role: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    aliases: dict[str, list[dict]] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # forum -> member actors

    def holder(self, role: str, of: str | None, day: dt.date | None) -> str | None:
        """The person who held ``role`` (of ``of``) on ``day``, if exactly one did."""
        found = {r.person for r in self.roles if r.role == role and (of is None or r.of == of) and r.holds_on(day)}
        return found.pop() if len(found) == 1 else None


def _date_or_none(value, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DataFileError(f"{where}: bad date {value!r}") from None


def _country_rows() -> list[tuple[str, str, list[str], list[str]]]:
    """(alpha-3, English name, English names, French names) of every ISO 3166 country."""
    try:
        fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        fr = gettext.NullTranslations()
    try:
        fr_old = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        fr_old = gettext.NullTranslations()
    rows = []
    # Former states (USSR, Yugoslavia...) keep their ISO 3166-3 codes: archives speak of them.
    for c in pycountry.historic_countries:
        if len(c.alpha_3) == 3 and c.alpha_3 not in {x.alpha_3 for x in pycountry.countries}:
            en = c.name.split(", ")[0]
            fr_name = fr_old.gettext(c.name).split(", ")[0]
            rows.append((c.alpha_3, en, sorted({en}), sorted({fr_name})))
    for c in pycountry.countries:
        en_names = {c.name, getattr(c, "common_name", c.name)}
        for n in list(en_names):
            if ", " in n:
                en_names.add(n.split(", ")[0])
        fr_full = fr.gettext(c.name)
        fr_names = {fr_full}
        if ", " in fr_full:  # "Russie, Fédération de" -> "Russie" and "Fédération de Russie"
            head, tail = fr_full.split(", ", 1)
            fr_names = {head, f"{tail} {head}" if not tail.endswith("'") else f"{tail}{head}"}
        name = getattr(c, "common_name", None) or c.name.split(", ")[0]
        rows.append((c.alpha_3, name, sorted(en_names), sorted(fr_names)))
    return rows


@functools.lru_cache(maxsize=None)
def load_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    country_aliases: dict[str, list[dict]] = {"en": [], "fr": []}
    for alpha3, name, en_names, fr_names in _country_rows():
        kb.actors[alpha3] = Actor(alpha3, name, "state", tuple(sorted(set(en_names) | set(fr_names))))
        country_aliases["en"] += [{"pattern": n, "actor": alpha3} for n in en_names]
        country_aliases["fr"] += [{"pattern": n, "actor": alpha3} for n in fr_names]
    for row in read_jsonl("kb/actors.jsonl", ("id", "name", "kind")):
        where = f"resources/kb/actors.jsonl:{row['_line']}"
        old = kb.actors.get(row["id"])
        aliases = old.aliases if old else ()
        kb.actors[row["id"]] = Actor(row["id"], row["name"], row["kind"], aliases, row.get("affiliation"))
        for r in row.get("roles", []):
            kb.roles.append(Role(row["id"], r["role"], r["of"], _date_or_none(r.get("from"), where),
                                 _date_or_none(r.get("to"), where)))
    for row in read_jsonl("kb/forums.jsonl", ("id", "members")):
        unknown = [a for a in [row["id"], *row["members"]] if a not in kb.actors]
        if unknown:
            raise DataFileError(f"resources/kb/forums.jsonl:{row['_line']}: unknown actor id(s) {unknown}")
        kb.members[row["id"]] = tuple(row["members"])
    for row in read_jsonl("kb/places.jsonl", ("id", "name")):
        kb.places[row["id"]] = Place(row["id"], row["name"])
    for lang in ("fr", "en"):
        rows = read_jsonl(f"{lang}/aliases.jsonl", ("pattern",)) + _role_phrases(lang, kb)
        for row in rows:
            where = f"resources/{lang}/{row.get('_file', 'aliases.jsonl')}:{row['_line']}"
            if not any(k in row for k in ("actor", "place", "role")):
                raise DataFileError(f"{where}: a row needs 'actor', 'place' or 'role'")
            for key, table in (("actor", kb.actors), ("place", kb.places)):
                if key in row and row[key] not in table:
                    raise DataFileError(f"{where}: unknown {key} id {row[key]!r}")
        kb.aliases[lang] = country_aliases[lang] + rows
    # Record every alias on its actor so exports can list them.
    extra: dict[str, set[str]] = {}
    for rows in kb.aliases.values():
        for row in rows:
            if "actor" in row:
                extra.setdefault(row["actor"], set()).add(row["pattern"].replace("’", "'"))
    for aid, names in extra.items():
        a = kb.actors[aid]
        kb.actors[aid] = Actor(a.id, a.name, a.kind, tuple(sorted(set(a.aliases) | names)), a.affiliation)
    return kb


def _role_phrases(lang: str, kb: KnowledgeBase) -> list[dict]:
    """Aliases made from role templates x nationality adjectives ("ministre russe des Affaires étrangères")."""
    demonyms: list[tuple[str, str]] = []
    for number, line in enumerate(read_lines(f"{lang}/demonyms.tsv"), 1):
        code, _, forms = line.partition("\t")
        if code not in kb.actors or not forms:
            raise DataFileError(f"resources/{lang}/demonyms.tsv: bad row {line!r} (a known ISO code, a tab, forms)")
        demonyms += [(code, f.strip()) for f in forms.split(",") if f.strip()]
    # "les Américains", "the Russians": a capitalised plural demonym is the country
    rows = [{"pattern": form[:1].upper() + form[1:], "actor": code, "_line": 0, "_file": "demonyms.tsv"}
            for code, form in demonyms if form.endswith("s") and form[:1].islower()]
    for t in read_jsonl(f"{lang}/roles.jsonl", ("template",)):
        if "{dem}" not in t["template"] or not ("role" in t or t.get("actor")):
            raise DataFileError(f"resources/{lang}/roles.jsonl:{t['_line']}: a template needs {{dem}} and a role or actor")
        for code, form in demonyms:
            pattern = t["template"].replace("{dem}", form)
            row = {"pattern": pattern, "actor": code} if t.get("actor") else \
                {"pattern": pattern, "role": t["role"], "of": code}
            rows.append(dict(row, _line=t["_line"], _file="roles.jsonl"))
    return rows


class ActorFinder:
    """Finds actor and place mentions in parsed documents of one language."""

    def __init__(self, lang: str, kb: KnowledgeBase | None = None):
        self.lang = lang
        self.kb = kb or load_kb()
        self.nlp = load_model(lang)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.rows = self.kb.aliases[lang]
        patterns: dict[str, list] = {}
        for i, row in enumerate(self.rows):
            p = row["pattern"]
            variants = {p, p.replace("'", "’"), p.replace("’", "'"), strip_accents(p)}
            # typographic variants news sites use: non-breaking hyphen, hyphen, non-breaking space
            for v in list(variants):
                if "-" in v:
                    variants |= {v.replace("-", "\u2011"), v.replace("-", "\u2010")}
                if " " in v:
                    variants.add(v.replace(" ", "\u00a0"))
            patterns[str(i)] = [self.nlp.make_doc(v) for v in sorted(variants)]
        for key, docs in patterns.items():
            self.matcher.add(key, docs)

    def match(self, parsed: Parsed) -> list[tuple[int, int, dict, str]]:
        """Raw alias matches: (start, end, alias row, preceding word), longest first wins.

        A match inside a longer person name is not the place or country it names
        ("Dominique" in "Dominique de Villepin", "Washington" in "George Washington").
        """
        found = []
        for base, doc in parsed.chunks:
            person_of = {i: (e.start, e.end) for e in doc.ents if e.label_ == "PER" for i in range(e.start, e.end)}
            spans = []
            for key, s, e in self.matcher(doc):
                spans.append((s, e, self.rows[int(self.nlp.vocab.strings[key])]))
            spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
            taken = set()
            for s, e, row in spans:
                if taken & set(range(s, e)):
                    continue
                if row["pattern"][:1].isupper() and not doc[s].text[:1].isupper():
                    continue  # "réunion" the meeting is not "Réunion" the island
                names_a_state = "place" in row or (row.get("actor") in self.kb.actors
                                                    and self.kb.actors[row["actor"]].kind == "state")
                ps, pe = person_of.get(s, (s, s))
                if names_a_state and ps <= s and e <= pe and pe - ps > e - s:
                    continue
                taken |= set(range(s, e))
                prev = doc[s - 1].lower_ if s > 0 else ""
                found.append((base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text), row, prev))
        found.sort(key=lambda x: x[0])
        return found

    def find(self, parsed: Parsed) -> list[Mention]:
        doc = parsed.document
        text = doc.text
        mentions: list[Mention] = []
        seen: set[str] = set()
        last_person_by_role: dict[str, str] = {}
        for start, end, row, prev in self.match(parsed):
            surface = text[start:end]
            if "role" in row:
                person = self.kb.holder(row["role"], row.get("of"), doc.published)
                if row.get("of") is None:
                    person = last_person_by_role.get(row["role"])
                if person:
                    mentions.append(Mention(start, end, surface, person, "actor", explicit=False))
                    seen.add(person)
                continue
            if "context" in row:
                if row["context"] not in seen or prev not in DEFINITE:
                    continue
            if "place" in row and ("actor" not in row or prev in PLACE_PREPOSITIONS):
                mentions.append(Mention(start, end, surface, row["place"], "place"))
                continue
            actor = row["actor"]
            mentions.append(Mention(start, end, surface, actor, "actor", explicit="place" not in row))
            seen.add(actor)
            if actor in self.kb.actors and self.kb.actors[actor].affiliation:
                seen.add(self.kb.actors[actor].affiliation)  # Stoltenberg brings NATO into focus
            for r in self.kb.roles:
                if r.person == actor and r.holds_on(doc.published):
                    last_person_by_role[r.role] = actor
        mentions.extend(self._unknown_names(parsed, mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _unknown_names(self, parsed: Parsed, known: list[Mention]) -> list[Mention]:
        """Names spaCy's NER finds that the knowledge base does not know."""
        out: list[Mention] = []
        taken = bytearray(len(parsed.document.text))  # characters already named: linear overlap checks
        for k in known:
            taken[k.start:k.end] = b"\x01" * (k.end - k.start)

        def free(start: int, end: int) -> bool:
            return taken.find(1, start, end) == -1

        def keep(mention: Mention) -> None:
            out.append(mention)
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)

        # "Durand" after "Marie Durand" is the same person, whatever label the NER gives it.
        people: dict[str, str] = {}
        for _, sdoc in parsed.chunks:
            for ent in sdoc.ents:
                words = ent.text.split()
                if ent.label_ == "PER" and len(words) > 1 and all(w[:1].isupper() for w in words):
                    people.setdefault(words[-1], slug(ent.text))
        for base, sdoc in parsed.chunks:
            for ent in sdoc.ents:
                if ent.label_ not in ("PER", "ORG", "LOC"):
                    continue
                start, end = base + ent.start_char, base + ent.end_char
                surface = ent.text
                # "l’Élysée": the article is not part of the name
                m = re.match(r"^(?:l[’']|d[’']|les?\s+|la\s+)", surface, re.I)
                if m:
                    start += m.end()
                    surface = surface[m.end():]
                surface = surface.strip()
                if (len(re.sub(r"\W", "", surface)) < 3 or not surface[:1].isupper()
                        or surface.lower() in NER_STOPLIST or re.search(r"[<>{}\[\]|]", surface)
                        or not free(start, end)):
                    continue
                if surface in people:
                    keep(Mention(start, start + len(surface), surface, f"new:person:{people[surface]}", "actor"))
                    continue
                if ent.label_ == "PER" and not all(w[:1].isupper() or w in NAME_PARTICLES for w in surface.split()):
                    continue  # "ministre russe ... Lavrov": a role phrase, not a name
                if ent.label_ == "LOC":
                    keep(Mention(start, start + len(surface), surface, "place:" + slug(surface), "place"))
                    continue
                ident = slug(surface)
                kind = "person" if ent.label_ == "PER" else "organisation"
                keep(Mention(start, start + len(surface), surface, f"new:{kind}:{ident}", "actor"))
        # "Durand" alone after "Marie Durand": the NER does not always tag the surname again.
        if people:
            text = parsed.document.text
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(people, key=len, reverse=True))
                                 + r")(?!\w)")
            for m in pattern.finditer(text):
                if parsed.in_boilerplate(m.start()) or not free(m.start(), m.end()):
                    continue
                keep(Mention(m.start(), m.end(), m.group(), f"new:person:{people[m.group()]}", "actor"))
        return out


@functools.lru_cache(maxsize=None)
def get_finder(lang: str) -> ActorFinder:
    return ActorFinder(lang)


def find_mentions(parsed: Parsed) -> list[Mention]:
    """Actor and place mentions of a parsed document, resolved to canonical ids."""
    return get_finder(parsed.document.lang).find(parsed)


def actor_for(ref: str, kb: KnowledgeBase, surface: str) -> Actor:
    """The Actor behind a mention's ref; names unknown to the knowledge base get one of their own."""
    if ref in kb.actors:
        return kb.actors[ref]
    _, kind, ident = ref.split(":", 2)
    return Actor(ident, surface, kind, (surface,))


def place_for(ref: str, kb: KnowledgeBase, surface: str) -> Place:
    if ref in kb.places:
        return kb.places[ref]
    return Place(ref.split(":", 1)[1], surface)

