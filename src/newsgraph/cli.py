"""The `newsgraph` command: analyse articles, print the output schema, score against gold."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from newsgraph import __version__
from newsgraph.collect.command import add_collect_parser, run_collect
from newsgraph.commands import claims as claims_command
from newsgraph.commands import corpus as corpus_commands
from newsgraph.commands import events as events_export
from newsgraph.commands import export as export_command
from newsgraph.commands import queries as store_queries
from newsgraph.commands import serve as serve_command
from newsgraph.commands import store as store_commands
from newsgraph.commands import stories as stories_command
from newsgraph.ingest import INPUT_FORMATS, IngestError, ReadOptions, read_inputs
from newsgraph.ingest.decode import is_text_encoding
from newsgraph.ingest.document import DEFAULT_MAX_CHARS
from newsgraph.ingest.sources import STDIN, expand, format_of
from newsgraph.model import Analysis, json_schema
from newsgraph.output import AnalysisWriter, OutputFormat
from newsgraph.progress import Reporter
from newsgraph.spark import command as spark_command

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

DESCRIPTION = """\
newsgraph reads news articles and finds who claims what, about whom, when and where, and on
whose authority. Every item it finds points at the exact characters of the article."""

ANALYZE_EPILOG = """\
inputs:
  PATH may be a file, a folder (searched for .txt .html .jsonl .warc[.gz]), a glob in quotes
  ("news/**/*.html") or - for standard input. Plain text may start with a crawl header line
  such as "date 2025-09-15 Via The Cradle".

examples:
  newsgraph analyze examples/articles/2023-11-20-sahel-menaka-ceasefire.txt
  newsgraph analyze examples/ -o out/examples.jsonl
  newsgraph analyze feed.jsonl --stages temporal --published 2025-01-31 -o out.jsonl
  cat article.txt | newsgraph analyze - --published 2025-09-15

exit status: 0 all documents analysed; 1 some failed (each reported on stderr, the rest
written); 2 bad command line; 130 interrupted (output left as FILE.partial)."""

EVALUATORS = {
    "time": "newsgraph.evaluate.time",
    "entities": "newsgraph.evaluate.entities",
    "attribution": "newsgraph.evaluate.attribution",
    "extraction": "newsgraph.evaluate.extraction",
    "events": "newsgraph.evaluate.events",
    "claims": "newsgraph.evaluate.claims",
    "copies": "newsgraph.evaluate.copies",
    "stories": "newsgraph.evaluate.stories",
}


class _TopLevelParser(argparse.ArgumentParser):
    """The `newsgraph` parser: an error at this level also names the commands there are."""

    command_names: Sequence[str] = ()

    def error(self, message: str) -> NoReturn:
        choices = ", ".join(self.command_names)
        super().error(f"{message}; commands: {choices} (`newsgraph COMMAND --help` for each)")


def build_parser() -> argparse.ArgumentParser:
    parser = _TopLevelParser(
        prog="newsgraph",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    # Not `required`: argparse would then say only that a command is missing, even for an
    # unknown option given instead of one; main() asks for the command itself.
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=argparse.ArgumentParser
    )

    analyze = commands.add_parser(
        "analyze",
        help="analyse articles and write JSON/JSONL",
        description="Analyse articles and write one JSON object per document.",
        epilog=ANALYZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Errors found after parsing are reported with the usage of the command they belong to.
    analyze.set_defaults(command_parser=analyze)
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs or -")
    analyze.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here instead of standard output"
    )
    analyze.add_argument(
        "--format",
        choices=["json", "jsonl"],
        help="json: one indented object (an array for several documents); jsonl: one object a "
        "line. Default: from FILE's suffix, else json for a single article file, jsonl otherwise",
    )
    analyze.add_argument(
        "--stages",
        metavar="A,B",
        help="run only these stages (and what they need); see `newsgraph stages`",
    )
    analyze.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help="analyse in N worker processes, each running the whole pipeline (default 1)",
    )
    analyze.add_argument(
        "--batch-size", type=_positive_int, default=16, metavar="N", help=argparse.SUPPRESS
    )
    add_reading_options(analyze)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the output",
        description="Print the JSON Schema "
        "that every object written by `newsgraph analyze` conforms to.",
    )
    schema.add_argument("-o", "--output", type=Path, metavar="FILE")

    commands.add_parser("stages", help="list the analysis stages", description="List the stages.")

    summarize = commands.add_parser(
        "summarize",
        help="print a short readable summary of analyze output",
        description="Print what was found in each document of a JSON or JSONL output file.",
    )
    summarize.add_argument("file", type=Path, metavar="FILE")

    evaluate = commands.add_parser(
        "evaluate",
        help="score a stage against gold annotations",
        description="Score a stage against gold data; `newsgraph evaluate KIND --help` for each.",
        add_help=True,
    )
    evaluate.add_argument("kind", choices=sorted(EVALUATORS), help="what to score")
    evaluate.add_argument("rest", nargs=argparse.REMAINDER, help="arguments for that scorer")
    events = commands.add_parser(
        "events", help=events_export.HELP, description=events_export.DESCRIPTION
    )
    events_export.add_arguments(events)
    events.set_defaults(run=events_export.run)
    add_collect_parser(commands)
    store_commands.register(commands, add_reading_options)
    store_queries.register(commands)
    export_command.register(commands)
    serve_command.register(commands)
    claims_command.register(commands)
    corpus_commands.register(commands)
    stories_command.register(commands)
    spark_command.register(commands)
    for command, command_parser in commands.choices.items():
        if command != "analyze":
            command_parser.set_defaults(command_parser=command_parser)
    parser.command_names = list(commands.choices)
    return parser


def add_reading_options(command: argparse.ArgumentParser) -> None:
    """The options of every command that reads articles (analyze, ingest)."""
    command.add_argument(
        "--published",
        type=_date_argument,
        metavar="YYYY-MM-DD",
        help="publication date for every document, overriding dates found in the input",
    )
    command.add_argument(
        "--encoding",
        type=_encoding_argument,
        help="read text in this encoding instead of detecting it",
    )
    command.add_argument(
        "--max-chars",
        type=_positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help="refuse an article longer than N characters, reporting it and going on with the "
        f"rest (default {DEFAULT_MAX_CHARS:,})",
    )
    command.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        help="treat every input as this format instead of judging by name and content",
    )
    command.add_argument(
        "--strict", action="store_true", help="stop at the first failure instead of skipping it"
    )
    command.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )


def read_options(args: argparse.Namespace) -> ReadOptions:
    """How to read the inputs, from the options `add_reading_options` added."""
    return ReadOptions(encoding=args.encoding, published=args.published, max_chars=args.max_chars)


def _date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _encoding_argument(value: str) -> str:
    if not is_text_encoding(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a text encoding Python knows")
    return value


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
    if unknown:
        listed = " ".join(unknown)
        what = "option" if len(unknown) == 1 and unknown[0].startswith("-") else "argument"
        command_parser.error(f"unknown {what}{'s' if len(unknown) > 1 else ''}: {listed}")
    if args.command is None:
        parser.error("a command is required")
    if args.command == "analyze":
        try:
            return _analyze(args, command_parser)
        except KeyboardInterrupt:
            # Interrupted before any output was begun (loading the model, say).
            print("newsgraph: interrupted (nothing written)", file=sys.stderr)
            return EXIT_INTERRUPTED
    if args.command == "schema":
        text = json.dumps(json_schema(), indent=2) + "\n"
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return EXIT_OK
    if args.command in store_commands.COMMANDS:
        return store_commands.run(args, parser)
    if args.command == "stages":
        return _list_stages()
    if args.command == "summarize":
        return _summarize(args.file)
    if args.command == "collect":
        return run_collect(args, parser)
    if args.command in store_queries.COMMANDS:
        return store_queries.main(args)
    if args.command == "export":
        return export_command.run(args)
    if args.command == "serve":
        return serve_command.run(args)
    if args.command == claims_command.COMMAND:
        return claims_command.run(args)
    if args.command == stories_command.COMMAND:
        return stories_command.run(args)
    if args.command in corpus_commands.COMMANDS:
        return corpus_commands.run(args)
    if args.command == spark_command.COMMAND:
        return spark_command.run(args, command_parser)
    if args.command == "events":
        code: int = args.run(args)
        return code
    return _evaluate(args.kind, args.rest, parser)


def _list_stages() -> int:
    from newsgraph.pipeline import available_stages, stage_class

    for name in available_stages():
        cls = stage_class(name)
        needs = ", ".join(cls.requires) or "-"
        print(f"{name:<12} produces {', '.join(cls.produces):<22} needs {needs}")
    return EXIT_OK


def _summarize(path: Path) -> int:
    from pydantic import ValidationError
    from rich.console import Console

    from newsgraph.summary import load_analyses, print_summary

    # Piped output gets a wide page rather than rich's 80-column default.
    console = Console() if sys.stdout.isatty() else Console(width=140)
    try:
        for analysis in load_analyses(path):
            print_summary(analysis, console)
    except (OSError, ValueError, ValidationError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"newsgraph: {path}: not a newsgraph output file ({first_line})", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _evaluate(kind: str, rest: list[str], parser: argparse.ArgumentParser) -> int:
    try:
        module = importlib.import_module(EVALUATORS[kind])
    except ModuleNotFoundError:
        parser.error(f"evaluate {kind}: this scorer is not available in this version")
    code: int = module.main(rest)
    return code


def _choose_format(args: argparse.Namespace) -> OutputFormat:
    if args.format:
        chosen: OutputFormat = args.format
        return chosen
    if args.output is not None:
        return "json" if args.output.suffix.lower() == ".json" else "jsonl"
    paths = [p for p in expand(args.paths) if not isinstance(p, IngestError)]
    if len(paths) == 1 and paths[0] != STDIN and len(args.paths) == 1:
        kind = args.input_format or format_of(paths[0], _head(paths[0]))
        if kind in ("text", "html"):
            return "json"
    return "jsonl" if len(args.paths) > 1 or paths != [STDIN] else "json"


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(512)
    except OSError:
        return b""


class _StrictStopError(Exception):
    pass


def _analyze(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.output is not None:
        problem = _output_problem(args.output)
        if problem:
            parser.error(f"-o {args.output}: {problem}")
    from newsgraph.pipeline import Pipeline

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    try:
        pipeline = Pipeline(stages, n_process=args.workers, batch_size=args.batch_size)
    except (ValueError, RuntimeError) as error:
        parser.error(str(error))
    options = read_options(args)
    output_format = _choose_format(args)
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    reporter = Reporter(show_progress)
    started = time.perf_counter()
    try:
        writer = AnalysisWriter(args.output, output_format)
    except OSError as error:
        parser.error(f"-o {args.output}: {error.strerror or error}")
    results = pipeline.analyze_many(read_inputs(args.paths, options, args.input_format))
    try:
        with reporter, writer:
            for result in _checked(results, args.strict, reporter):
                writer.write(result)
                reporter.analysed()
    except _StrictStopError:
        _tell_partial(writer, "stopped at the first failure (--strict)")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _tell_partial(writer, "interrupted")
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug or a full disk: say so in one line, keep what is done
        _tell_partial(writer, f"stopped by an internal error ({type(error).__name__}: {error})")
        return EXIT_FAILED
    finally:
        # Ends the parse (and its worker processes) now rather than whenever it is freed.
        close = getattr(results, "close", None)
        if close is not None:
            close()
    elapsed = time.perf_counter() - started
    destination = str(args.output) if args.output else "standard output"
    summary = f"{writer.count} document(s) analysed, {reporter.failures} failed, in {elapsed:.1f}s"
    print(f"newsgraph: {summary} -> {destination}", file=sys.stderr)
    return EXIT_FAILED if reporter.failures else EXIT_OK


def _output_problem(output: Path) -> str | None:
    """Why the output file could not be written, found before hours of analysis, or None."""
    if output.is_dir():
        return "names a folder, not a file"
    partial = output.with_name(output.name + ".partial")
    if partial.is_dir():
        return f"{partial} is a folder"
    folder = output.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write in {folder} (permission denied)"
    return None


def _checked(
    results: Iterator[Analysis | IngestError], strict: bool, reporter: Reporter
) -> Iterator[Analysis]:
    for result in results:
        if isinstance(result, IngestError):
            reporter.failed(str(result))
            if strict:
                raise _StrictStopError
            continue
        yield result


def _tell_partial(writer: AnalysisWriter, why: str) -> None:
    where = (
        f"; the {writer.count} finished document(s) are in {writer.partial_path}"
        if writer.path
        else ""
    )
    print(f"newsgraph: {why}{where} (incomplete)", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
