"""Loading the data files under ``timeline/resources``.

Every data file starts with ``#`` header lines (source, licence, format);
a malformed row is reported with the file name and line number.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Iterator


class DataFileError(ValueError):
    """A data file is missing or malformed; the message names the file and line."""


def resource_text(relpath: str) -> str:
    try:
        return resources.files("timeline").joinpath("resources", relpath).read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise DataFileError(f"resources/{relpath}: no such data file") from None


def _content_lines(relpath: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(resource_text(relpath).splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, stripped


def read_lines(relpath: str) -> list[str]:
    """The non-comment lines of a text data file."""
    return [line for _, line in _content_lines(relpath)]


def read_jsonl(relpath: str, required: tuple[str, ...] = ()) -> list[dict]:
    """The rows of a JSONL data file, each checked for the ``required`` keys."""
    rows = []
    for number, line in _content_lines(relpath):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"resources/{relpath}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise DataFileError(f"resources/{relpath}:{number}: a row must be a JSON object")
        missing = [k for k in required if k not in row]
        if missing:
            raise DataFileError(f"resources/{relpath}:{number}: missing field(s) {', '.join(missing)}")
        row["_line"] = number
        rows.append(row)
    return rows
