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


def decode(data: bytes, where: str) -> tuple[str, str | None]:
    """Text of a file, and the encoding when it had to be guessed (None when declared or UTF-8).

    A byte-order mark decides; then UTF-8; then charset-normalizer chooses among
    Windows-1252, ISO 8859-15 and Latin-1, the usual encodings of French news archives.
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), None
    if b"\x00" in data:
        raise InputError(f"{where}: binary file (NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # French and English news come in Western European code pages; left free, the
    # detector reads short French text as Central European (cp1250: "ŕ" for "à").
    best = from_bytes(data, cp_isolation=["cp1252", "iso8859_15", "latin_1"]).best()
    if best is None:
        raise InputError(f"{where}: binary file or unknown encoding, not a text article")
    return str(best), best.encoding


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and publication date of a news page.

    trafilatura finds the article body and the page's metadata (menus, footers
    and reader comments left out); a page it finds no article in falls back to
    every heading, paragraph and list item.
    """
    import lxml.etree
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return "", None, None
    # Navigation is never the story, even on a page too small for trafilatura's own heuristics.
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    try:
        found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on still gets the plain fallback
        found = None
    if found is not None:
        found = found if isinstance(found, dict) else found.as_dict()
        if (found.get("text") or "").strip():
            return found["text"], found.get("title"), found.get("date")
    return _html_blocks(tree)


def _html_blocks(root) -> tuple[str, str | None, str | None]:
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


def _document(text: str, source: str, meta: dict, defaults: dict, where: str,
              encoding: str | None = None) -> Document:
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
    title = meta.get("title")
    return Document(id=doc_id, text=text, source=source, published=published, lang=lang,
                    title=clean_text(title) if isinstance(title, str) else None,
                    url=meta.get("url") if isinstance(meta.get("url"), str) else None, encoding=encoding)


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
        yield from read_jsonl(decode(data, where)[0], where, defaults)
        return
    text, encoding = decode(data, where)
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
    yield _document(text, where, meta, defaults, where, encoding)


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
            for key in ("id", "published", "lang", "title", "url"):
                if row.get(key) is not None and not isinstance(row[key], str):
                    raise InputError(f"{here}: field '{key}' must be a string")
            yield _document(row["text"], here, row, defaults, here)
        except json.JSONDecodeError as exc:
            yield Problem(here, f"{here}: invalid JSON ({exc.msg})")
        except InputError as exc:
            yield Problem(here, str(exc))


def expand_inputs(inputs: Iterable[str], include: Iterable[str] = ()) -> list[Path | str]:
    """Files in a stable order; directories are read recursively.

    In directories, ``include`` globs ("*.txt", "2022-*/*.html") pick the files;
    by default every .txt, .text, .md, .html, .htm, .xhtml, .jsonl and .ndjson.
    """
    out: list[Path | str] = []
    include = list(include)
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            if include:
                files = sorted({p for pattern in include for p in path.rglob(pattern) if p.is_file()
                                and not p.name.endswith(".meta.json")})
            else:
                files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE
                               and not p.name.endswith(".meta.json"))
            if not files:
                wanted = ", ".join(include) if include else ".txt, .html, .jsonl"
                raise InputError(f"{path}: directory with no readable document ({wanted})")
            out.extend(files)
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return out


def read_inputs(inputs: Iterable[str], defaults: dict | None = None, stdin=None, include: Iterable[str] = (),
                max_bytes: int = MAX_BYTES) -> Iterator[Document | Problem]:
    """Every document of every input, in input order; unreadable files become Problems."""
    defaults = defaults or {}
    for item in expand_inputs(inputs, include):
        if item == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Problem("<stdin>", f"<stdin>: larger than the limit of {max_bytes} bytes")
                continue
            try:
                text, _ = decode(data, "<stdin>")
            except InputError as exc:
                yield Problem("<stdin>", str(exc))
                continue
            if text.lstrip().startswith("{"):
                yield from read_jsonl(text, "<stdin>", defaults)
            else:
                try:
                    yield _document(text, "-", {}, defaults, "<stdin>")
                except InputError as exc:
                    yield Problem("<stdin>", str(exc))
            continue
        try:
            yield from read_path(item, defaults, max_bytes)
        except InputError as exc:
            yield Problem(str(item), str(exc))
        except OSError as exc:
            yield Problem(str(item), f"{item}: cannot read ({exc.strerror or exc})")
