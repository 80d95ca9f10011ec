"""Reading articles: plain text (with an optional sidecar), HTML and JSONL.

A text file ``NAME.txt`` may have a sidecar ``NAME.meta.json`` holding the
facts the text does not carry: ``{"id", "title", "published", "lang", "url"}``.
JSONL files hold one article per line with the same fields plus ``text``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import dateparser

from .model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be read; the message names the input."""


@dataclass(frozen=True)
class Problem:
    """A document that was skipped, and why."""

    source: str
    reason: str


def parse_published(value, where: str) -> dt.date | None:
    """A publication date from metadata: ISO dates, timestamps or written dates.

    dateparser reads the many forms scrapers produce ("2022-01-16T08:00:00Z",
    "16 janvier 2022", "Jan 16, 2022"); a value it cannot read is an error,
    never a guess.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: publication date must be a string, not {type(value).__name__}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]) else _dateparser_date(text, where)
    except ValueError:
        raise InputError(f"{where}: cannot read publication date {value!r}") from None


def _dateparser_date(text: str, where: str) -> dt.date:
    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                              "RELATIVE_BASE": dt.datetime(2000, 1, 1)})
    if parsed is None:
        raise InputError(f"{where}: cannot read publication date {text!r}")
    return parsed.date()


def clean_text(text: str) -> str:
    """Drop what must never reach XML or HTML: control characters and lone surrogates.

    Tabs and newlines stay; every other C0/C1 control becomes a space so that
    offsets into the text keep their meaning after cleaning.
    """
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\t\n\r":
            out.append(ch)
        elif cat == "Cc" or cat == "Cs" or ch in "\ufffe\uffff":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def doc_id_for(source: str, text: str) -> str:
    """A stable id: the file's stem made NMTOKEN-safe, or a hash of the text."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(source).name.split(".")[0]).strip("-.")
    if stem and source != "-":
        return stem
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def decode(data: bytes, where: str) -> str:
    if b"\x00" in data and not (data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff")):
        raise InputError(f"{where}: binary file (NUL bytes), not a text article")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Latin-1 text is the common case in French news archives; cp1252 is its superset.
        return data.decode("cp1252", errors="replace")


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and publication date of an HTML page (lxml)."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    title = (root.findtext(".//title") or "").strip() or None
    published = None
    for xpath in ('//meta[@property="article:published_time"]/@content', '//meta[@name="date"]/@content',
                  '//meta[@itemprop="datePublished"]/@content', "//time/@datetime"):
        found = root.xpath(xpath)
        if found:
            published = found[0]
            break
    blocks = []
    for el in root.xpath("//h1|//h2|//h3|//p|//li|//blockquote"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    if not blocks:
        body = root.find(".//body")
        blocks = [" ".join((body if body is not None else root).text_content().split())]
    return "\n".join(blocks), title, published


def _document(text: str, source: str, meta: dict, defaults: dict, where: str) -> Document:
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{where}: empty document")
    published = parse_published(meta.get("published") or defaults.get("published"), where)
    lang = meta.get("lang") or defaults.get("lang") or "auto"
    if lang == "auto":
        lang = guess_lang(text)
    if lang not in ("fr", "en"):
        raise InputError(f"{where}: unsupported language {lang!r} (fr or en)")
    doc_id = meta.get("id") or doc_id_for(source, text)
    doc_id = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(doc_id)).strip("-") or doc_id_for("-", text)
    return Document(id=doc_id, text=text, source=source, published=published, lang=lang,
                    title=meta.get("title"), url=meta.get("url"))


_FR_WORDS = re.compile(r"\b(?:le|la|les|des|est|une|dans|pour|avec|qui|que|du|au)\b", re.I)
_EN_WORDS = re.compile(r"\b(?:the|and|of|is|in|to|with|that|for|was|on|by)\b", re.I)


def guess_lang(text: str) -> str:
    sample = text[:5000]
    return "fr" if len(_FR_WORDS.findall(sample)) >= len(_EN_WORDS.findall(sample)) else "en"


def read_path(path: Path, defaults: dict, max_bytes: int = MAX_BYTES) -> Iterator[Document | Problem]:
    """Documents of one file; bad JSONL lines come out as Problems."""
    where = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    if size > max_bytes:
        raise InputError(f"{where}: file of {size} bytes is larger than the limit of {max_bytes}")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(decode(data, where), where, defaults)
        return
    text = decode(data, where)
    meta = {}
    sidecar = path.with_suffix(".meta.json")
    if sidecar.exists():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{sidecar}: unreadable metadata: {exc}") from None
        if not isinstance(meta, dict):
            raise InputError(f"{sidecar}: metadata must be a JSON object")
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and re.match(r"\s*<(?:!doctype|html)", text, re.I)):
        text, title, published = html_to_text(text)
        meta.setdefault("title", title)
        if published and not meta.get("published"):
            meta["published"] = published
    yield _document(text, where, meta, defaults, where)


def read_jsonl(content: str, where: str, defaults: dict) -> Iterator[Document | Problem]:
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise InputError(f"{here}: a line must be a JSON object")
            if not isinstance(row.get("text"), str):
                raise InputError(f"{here}: missing or non-string field 'text'")
            yield _document(row["text"], here, row, defaults, here)
        except json.JSONDecodeError as exc:
            yield Problem(here, f"{here}: invalid JSON ({exc.msg})")
        except InputError as exc:
            yield Problem(here, str(exc))


def expand_inputs(inputs: Iterable[str]) -> list[Path | str]:
    """Files in a stable order; directories are read recursively."""
    out: list[Path | str] = []
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE
                           and not p.name.endswith(".meta.json"))
            if not files:
                raise InputError(f"{path}: directory with no readable document (.txt, .html, .jsonl)")
            out.extend(files)
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return out


def read_inputs(inputs: Iterable[str], defaults: dict | None = None,
                stdin=None) -> Iterator[Document | Problem]:
    """Every document of every input, in input order; unreadable files become Problems."""
    defaults = defaults or {}
    for item in expand_inputs(inputs):
        if item == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read()
            text = decode(data, "<stdin>")
            if text.lstrip().startswith("{"):
                yield from read_jsonl(text, "<stdin>", defaults)
            else:
                try:
                    yield _document(text, "-", {}, defaults, "<stdin>")
                except InputError as exc:
                    yield Problem("<stdin>", str(exc))
            continue
        try:
            yield from read_path(item, defaults)
        except InputError as exc:
            yield Problem(str(item), str(exc))
