"""Command line: ``python -m wizard`` (interactive), ``route`` and ``next``."""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .engine import InvalidAnswerError, next_step, route
from .i18n import LOCALES, N_, MissingCatalogError, Translator, UnknownLocaleError
from .text import outcome_text


class _AnswerSyntaxError(ValueError):
    """An answer typed on the command line that is not ``key=value``, or a key given twice."""

    def __init__(self, message: str, **values: str) -> None:
        super().__init__(message)
        self.message, self.values = message, values

    def describe(self, t: Translator) -> str:
        return t(self.message, **self.values)


def _parse_pairs(pairs: Sequence[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise _AnswerSyntaxError(N_("'%(pair)s' is not an answer: type key=value, for example "
                                        "role=customer."), pair=pair)
        if key in answers:
            raise _AnswerSyntaxError(N_("'%(key)s' is answered twice; give each answer once."),
                                     key=key)
        answers[key] = value.strip()
    return answers


def _dump(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=True)
    out.write("\n")


def interactive(t: Translator, stdin: TextIO, stdout: TextIO) -> int:
    answers: dict[str, str] = {}
    stdout.write(t(N_("Who do I contact? Answer a few questions (Ctrl+D to quit).")) + "\n")
    while True:
        step = next_step(answers, t.locale)
        if step["status"] == "outcome":
            stdout.write("\n" + outcome_text(step["outcome"], t) + "\n")
            return 0
        question = step["question"]
        stdout.write(f"\n{question['prompt']}\n  {question['help']}\n")
        for i, option in enumerate(question["options"], 1):
            stdout.write(f"  {i}. {option['label']}\n")
            if option.get("help"):
                stdout.write(f"     {option['help']}\n")
        while True:
            stdout.write(t(N_("Your choice (1-%(count)d): "), count=len(question["options"])))
            stdout.flush()
            line = stdin.readline()
            if not line:
                stdout.write("\n")
                return 1
            choice = line.strip()
            values = [o["value"] for o in question["options"]]
            if choice.isdigit() and 1 <= int(choice) <= len(values):
                answers[question["id"]] = values[int(choice) - 1]
                break
            if choice in values:
                answers[question["id"]] = choice
                break
            stdout.write(t(N_("Please type a number from the list.")) + "\n")


_HEADING = re.compile(r"^(\S[^\n]*):$", re.MULTILINE)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with the "usage:" prefix in the reader's language.

    argparse words its own headings through the ``argparse`` gettext domain, for which no
    catalog ships; the wizard's catalogs carry them instead (see :func:`build_parser`)."""

    translator: Translator | None = None

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        if prefix is None and self.translator is not None:
            # TRANSLATORS: the start of the CLI's usage line, before "python -m wizard …".
            prefix = self.translator(N_("usage: "))
        super().add_usage(usage, actions, groups, prefix)

    def format_help(self) -> str:
        text = super().format_help()
        if self.translator is None:
            return text
        # Section headings ("options:") take the language's colon (Chinese writes "：").
        t = self.translator
        return _HEADING.sub(lambda m: t(N_("%(heading)s:"), heading=m.group(1)), text)


def _formatter(t: Translator) -> type[argparse.HelpFormatter]:
    return type("HelpFormatter", (_HelpFormatter,), {"translator": t})


def _requested_locale(argv: Sequence[str] | None) -> str:
    """The ``--lang`` given anywhere on the command line, so ``--help`` speaks it too."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", default="en")
    lang = pre.parse_known_args(argv)[0].lang
    try:
        Translator(lang)
    except (UnknownLocaleError, MissingCatalogError):
        return "en"
    return lang


def build_parser(t: Translator | None = None) -> argparse.ArgumentParser:
    """The command line's parser, its help text in ``t``'s language (English by default)."""
    t = t or Translator("en")
    parser = argparse.ArgumentParser(
        prog="python -m wizard",
        description=t(N_("Who to contact for support in the CSP program, and how.")),
        formatter_class=_formatter(t), add_help=False,
    )
    options = parser.add_argument_group(t(N_("options")))
    options.add_argument("-h", "--help", action="help",
                         help=t(N_("show this help message and exit")))
    options.add_argument("--lang", default="en",
                         help=t(N_("language: %(languages)s"), languages=", ".join(LOCALES)))
    sub = parser.add_subparsers(dest="command", title=t(N_("commands")))
    for name, text in (
        ("route", N_("print the outcome for a complete set of answers")),
        ("next", N_("print the next question (or the outcome) for the answers so far")),
    ):
        cmd = sub.add_parser(name, help=t(text), description=t(text), add_help=False,
                             formatter_class=_formatter(t))
        given = cmd.add_argument_group(t(N_("answers")))
        # TRANSLATORS: "key=value" is what the user types (role=customer); keep it as it is.
        given.add_argument("answers", nargs="*", metavar="key=value",
                           help=t(N_("the answers so far, each as key=value (for example "
                                     "role=customer)")))
        flags = cmd.add_argument_group(t(N_("options")))
        flags.add_argument("-h", "--help", action="help",
                           help=t(N_("show this help message and exit")))
        flags.add_argument("--json", action="store_true", help=t(N_("print JSON")))
        flags.add_argument("--lang", default=argparse.SUPPRESS, help=t(N_("language")))
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    args = build_parser(Translator(_requested_locale(argv))).parse_args(argv)
    t = Translator("en")
    try:
        t = Translator(args.lang)
        if args.command is None:
            return interactive(t, stdin, stdout)
        answers = _parse_pairs(args.answers)
        if args.command == "route":
            outcome = route(answers, t.locale)
            if args.json:
                _dump(outcome, stdout)
            else:
                stdout.write(outcome_text(outcome, t) + "\n")
            return 0
        step = next_step(answers, t.locale)
        if args.json:
            _dump(step, stdout)
        elif step["status"] == "question":
            q = step["question"]
            stdout.write(f"{q['id']}: {q['prompt']}\n")
            if q.get("help"):
                stdout.write(f"  {q['help']}\n")
            for o in q["options"]:
                stdout.write(f"  {o['value']}: {o['label']}\n")
                if o.get("help"):
                    stdout.write(f"      {o['help']}\n")
        else:
            stdout.write(outcome_text(step["outcome"], t) + "\n")
        return 0
    except (InvalidAnswerError, _AnswerSyntaxError) as err:
        print(t(ERROR, problem=err.describe(t)), file=sys.stderr)
        return 2
    except (UnknownLocaleError, MissingCatalogError) as err:
        # No catalog to say it with: the language itself is the problem.
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


#: The prefix of a one-line error on standard error.
ERROR = N_("error: %(problem)s")


def run() -> None:
    """The console entry point (``python -m wizard``, ``csp-support-wizard``).

    Like other command-line tools, the wizard stops quietly when the program reading its output
    goes away (``... | head -1``): with the default SIGPIPE action restored, the process ends
    with that signal (status 141 in a shell) instead of a BrokenPipeError traceback.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
