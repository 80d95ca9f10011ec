"""Command line: arguments in, a pipeline call, files out.  No logic lives here.

Exit codes: 0 all went well; 1 an error stopped the run (nothing was
written); 2 the command line is wrong; 3 outputs were written but some
documents were skipped (each one is named on stderr).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


class Failure(Exception):
    """An error that ends the run with one clear line."""


def _date_arg(value: str):
    from .read import InputError, parse_published

    try:
        return parse_published(value, "--published")
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return n


def _formats(value: str) -> list[str]:
    from .pipeline import OUTPUTS  # the one list of formats and their files

    formats = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in OUTPUTS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"unknown format(s) {', '.join(bad) or '(none)'}; "
                                         f"choose from {', '.join(OUTPUTS)}")
    return formats


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Turn news articles about diplomacy into a dated, sourced chronology of events.",
        epilog="Example: timeline build seeds/ --out output/",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build", help="read articles, write the HTML timeline, GraphML and events.json",
        description="Read articles (text with an optional NAME.meta.json sidecar, HTML, or JSONL with "
                    "id/text/published/lang/title/url) and write timeline.html, timeline.graphml and "
                    "events.json into the output folder.",
        epilog="Example: timeline build seeds/ --out output/\n"
               "         cat article.txt | timeline build - --published 2022-01-16 --lang fr",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, or - for standard input")
    b.add_argument("--out", default="output", type=Path, help="output folder (default: output/)")
    b.add_argument("--lang", choices=["fr", "en", "auto"], default=None,
                   help="language of inputs that do not say (default: auto)")
    b.add_argument("--published", type=_date_arg, default=None,
                   help="publication date (YYYY-MM-DD) for inputs that do not say")
    b.add_argument("--min-confidence", type=float, default=0.0, help="drop events below this confidence (0-1)")
    b.add_argument("--format", type=_formats, default=["html", "graphml", "json"],
                   help="comma-separated outputs among html, graphml, json, gexf, csv, timelinejs "
                        "(default: html,graphml,json)")
    b.add_argument("--title", default="Timeline", help="title of the HTML page")
    b.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="in directories, read only files matching GLOB (repeatable; default: .txt, .html, .jsonl...)")
    b.add_argument("--max-size", type=float, default=20, metavar="MB",
                   help="skip input files larger than this many megabytes (default: 20)")
    b.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: the number of cores); results are the same for any N")
    dask = b.add_mutually_exclusive_group()
    dask.add_argument("--dask-scheduler", metavar="ADDRESS",
                      help="run extraction on this Dask cluster (tcp://host:8786); needs timeline[dask]")
    dask.add_argument("--dask-local", action="store_true",
                      help="run extraction on a local Dask cluster of --jobs workers; needs timeline[dask]")
    b.set_defaults(func=cmd_build)

    x = sub.add_parser(
        "export", help="write exports from an existing events.json, without re-reading articles",
        description="Read an events.json written by 'timeline build' and write other formats from it: "
                    "html, graphml, json, gexf, csv (events.csv and event_actors.csv), timelinejs.",
        epilog="Example: timeline export output/events.json --format gexf,csv,timelinejs --out output/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    x.add_argument("events_json", type=Path, metavar="EVENTS_JSON", help="an events.json written by timeline build")
    x.add_argument("--out", default=None, type=Path, help="output folder (default: the folder of EVENTS_JSON)")
    x.add_argument("--format", type=_formats, default=["html", "graphml"],
                   help="comma-separated outputs (default: html,graphml)")
    x.add_argument("--title", default="Timeline", help="title of the HTML page and TimelineJS file")
    x.set_defaults(func=cmd_export)

    d = sub.add_parser(
        "dates", help="print the time expressions of texts as JSON",
        description="Find and normalise time expressions. With --jsonl, read JSON lines "
                    '{"id","text","lang","published"} from standard input and write one line '
                    '{"id","dates":[...]} per input line.',
        epilog="Example: timeline dates seeds/otan-russie-2022-01-16.fr.txt\n"
               "         echo '{\"id\":\"a\",\"text\":\"le 12 janvier\",\"lang\":\"fr\",\"published\":\"2022-01-16\"}' "
               "| timeline dates --jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    d.add_argument("files", nargs="*", metavar="FILE", help="text files (with optional .meta.json sidecars)")
    d.add_argument("--jsonl", action="store_true", help="read JSON lines from standard input")
    d.add_argument("--lang", choices=["fr", "en", "auto"], default=None, help="language when not given")
    d.add_argument("--published", type=_date_arg, default=None, help="publication date when not given")
    d.set_defaults(func=cmd_dates)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _defaults(args) -> dict:
    return {"lang": args.lang or "auto", "published": args.published.isoformat() if args.published else None}


def _progress(total_hint: int):
    """A progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=None if total_hint < 0 else total_hint, unit="doc", file=sys.stderr, leave=False)
    return bar.update, bar.close


@contextlib.contextmanager
def _dask_client(args):
    """A dask.distributed client when asked for; merging and rendering stay here."""
    if not (args.dask_scheduler or args.dask_local):
        yield None
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise Failure("Dask is not installed: pip install 'timeline[dask]'") from None
    if args.dask_local:
        with LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(args.dask_scheduler, timeout="20s")
        except OSError as exc:
            raise Failure(f"cannot reach the Dask scheduler at {args.dask_scheduler}: {exc}") from None
        with client:
            yield client


def cmd_build(args) -> int:
    from .pipeline import check_writable, run, write_outputs
    from .read import expand_inputs, read_inputs

    try:
        check_writable(args.out)
    except OSError as exc:
        raise Failure(f"cannot write to output folder {args.out}: {exc.strerror or exc}") from None
    files = expand_inputs(args.inputs, args.include)
    update, close = _progress(len(files)) if len(files) > 3 else (None, None)
    try:
        with _dask_client(args) as client:
            items = read_inputs(args.inputs, _defaults(args), include=args.include,
                                max_bytes=int(args.max_size * 1024 * 1024))
            result = run(items, args.min_confidence, progress=update, jobs=args.jobs,
                         executor_factory=(lambda: client) if client is not None else None)
    finally:
        if close:
            close()
    for warning in sorted(set(result.warnings)):
        print(f"Warning: {warning}", file=sys.stderr)
    for problem in result.problems:
        print(f"Skipped: {problem.reason}", file=sys.stderr)
    if not result.documents:
        raise Failure(f"no readable document among the inputs ({_why(result.problems)})")
    written = write_outputs(result, args.out, args.format, args.title)
    dated = sum(1 for e in result.events if e.date)
    skipped = f"{len(result.problems)} skipped ({_why(result.problems)})" if result.problems else "0 skipped"
    print(f"{len(result.documents)} document(s) read, {skipped}; "
          f"{len(result.events)} events ({dated} dated); wrote {', '.join(str(p) for p in written)}",
          file=sys.stderr)
    return EXIT_SKIPPED if result.problems else EXIT_OK


REASONS = (("binary", "binary"), ("empty", "empty"), ("publication date", "bad publication date"),
           ("larger than", "too large"), ("JSON", "bad JSON line"), ("field", "missing or wrong field"),
           ("language", "unsupported language"), ("duplicate", "duplicate id"), ("cannot read", "unreadable"),
           ("internal error", "internal error"))


def _why(problems) -> str:
    """'2 binary, 1 empty': the reasons documents were skipped, counted."""
    counts: dict[str, int] = {}
    for p in problems:
        label = next((name for key, name in REASONS if key in p.reason), "other")
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{n} {label}" for label, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))) or "none"


def cmd_export(args) -> int:
    from .pipeline import check_writable, from_events_json, write_outputs

    out = args.out or args.events_json.parent
    try:
        check_writable(out)
    except OSError as exc:
        raise Failure(f"cannot write to output folder {out}: {exc.strerror or exc}") from None
    result = from_events_json(args.events_json)
    written = write_outputs(result, out, args.format, args.title)
    print(f"{len(result.events)} events; wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    return EXIT_OK


def cmd_dates(args) -> int:
    from .dates import find_dates
    from .parse import parse
    from .read import Problem, read_inputs, read_jsonl

    if args.jsonl:
        items = read_jsonl(sys.stdin.read(), "<stdin>", _defaults(args))
    elif args.files:
        items = read_inputs(args.files, _defaults(args))
    else:
        raise Failure("give FILE arguments, or --jsonl to read JSON lines from standard input")
    status = EXIT_OK
    out = []
    for item in items:
        if isinstance(item, Problem):
            print(f"Skipped: {item.reason}", file=sys.stderr)
            status = EXIT_SKIPPED
            continue
        if item.published is None:
            print(f"Warning: {item.source}: no publication date; dates without a year stay without one",
                  file=sys.stderr)
        parsed = parse([item])[0]
        mentions = [m.as_dict() for m in find_dates(item.text, item.published, item.lang, parsed.tense_at)]
        if args.jsonl:
            print(json.dumps({"id": item.id, "dates": mentions}, ensure_ascii=False))
        else:
            out.append({"id": item.id, "source": item.source, "dates": mentions})
    if not args.jsonl:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return status


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # also during start-up imports
        print("Error: interrupted; outputs written before were left as they were", file=sys.stderr)
        return 130


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .data import DataFileError
    from .dates import LexiconError
    from .export import ExportError
    from .parse import ModelError
    from .read import InputError

    try:
        return args.func(args)
    except (Failure, InputError, DataFileError, LexiconError, ModelError, ExportError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
