"""The CLI's help and its usage errors in the catalogue's language.

Typer builds the command tree from our functions each time the command runs, with its own
copy of Click whose words are English literals. The root group below translates the tree's
help texts (context "cli_help") before Click reads them, and says Click's usage lines, panel
titles and usage errors in the reader's language: an error's message is matched against the
forms Click and Typer write it in (`USAGE_FORMS`, context "click"), its parts said in turn.
The msgid is the English, so the English setting reads everything as written.
"""

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import typer.rich_utils
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from typer.core import TyperGroup

from legal_flows.i18n import Translator

# The forms of Typer's (vendored Click's) usage errors, as it writes them; `{message}`,
# `{kind}` and `{what}` are said again, so a refusal inside an "invalid value" is said too.
USAGE_FORMS = (
    "Invalid value for {param}: {message}",
    "Invalid value: {message}",
    "No such option: {option} Did you mean {choices}?",
    "No such option: {option} (Possible options: {choices})",
    "No such option: {option}",
    "No such command {name}. Did you mean {choices}?",
    "No such command {name}.",
    "Missing argument {name}.",
    "Missing option {name}.",
    "Missing parameter: {name}",
    "Missing command.",
    "Got unexpected extra argument(s) ({args})",
    "Option {option} does not take a value.",
    "Option {option} requires an argument.",
    "Option {option} requires {count} arguments.",
    "Argument {name} takes {count} values.",
    "{value} is not one of {choices}.",
    "Value {value} is not a valid {kind}.",
    "{value} is not a valid {kind}.",
    "{what} {path} does not exist.",
    "{what} {path} is a file.",
    "{what} {path} is a directory.",
    "{what} {path} is not readable.",
    "{what} {path} is not writable.",
    # Typer reads values with pydantic, which says why in its own words.
    "Input should be a valid integer, unable to parse string as an integer",
    "Input should be a valid number, unable to parse string as a number",
    "Input should be a valid boolean, unable to interpret input",
    "Input should be {choices}",
)
# Words inside the forms and the usage line.
USAGE_WORDS = (
    "Usage: ",
    "[OPTIONS]",
    "COMMAND [ARGS]...",
    "File",
    "Directory",
    "Path",
    "integer",
    "float",
    "Show this message and exit.",
)
_PANEL_WORDS = (
    "DEPRECATED_STRING",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
)
_ENGLISH = {name: getattr(typer.rich_utils, name) for name in _PANEL_WORDS}
_SAID_AGAIN = ("message", "kind", "what")


@cache
def _pattern(form: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", form)
    regex = "".join(
        f"(?P<{part}>.+?)" if n % 2 else re.escape(part) for n, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.S)


def say_usage_error(t: Translator, message: str) -> str:
    """A usage error's message in `t`'s language (a message of no known form as it is: our
    own refusals are already said when raised)."""
    for form in USAGE_FORMS:
        found = _pattern(form).match(message.strip())
        if found:
            parts = {
                k: say_usage_error(t, v) if k in _SAID_AGAIN else v
                for k, v in found.groupdict().items()
            }
            return t.label("click", form).format(**parts)
    return t.label("click", message)


def _usage(t: Translator, line: str) -> str:
    for word in ("Usage: ", "[OPTIONS]", "COMMAND [ARGS]..."):
        line = line.replace(word, t.label("click", word))
    return line


def speak(t: Translator) -> None:
    """Typer's panel titles and its usage errors in `t`'s language from now on."""
    for name, english in _ENGLISH.items():
        setattr(typer.rich_utils, name, t.label("click", english))

    def format_error(error: Any) -> None:  # typer.rich_utils.rich_format_error, said
        if type(error).__name__ == "NoArgsIsHelpError":
            return  # the help was shown
        console = Console(stderr=True)
        ctx = getattr(error, "ctx", None)
        if ctx is not None:
            console.print(escape(ctx.get_usage()), style="yellow")
            if ctx.command.get_help_option(ctx) is not None:
                hint = typer.rich_utils.RICH_HELP.format(
                    command_path=escape(ctx.command_path), help_option=ctx.help_option_names[0]
                )
                console.print(hint, style="dim")
        message = escape(say_usage_error(t, error.format_message()))
        console.print(Panel(message, border_style="red", title=typer.rich_utils.ERRORS_PANEL_TITLE))

    # Typer's error printer, looked up when it prints (typer.core._main): ours says the words.
    typer.rich_utils.rich_format_error = format_error  # type: ignore[assignment]


def translated(command: Any, t: Translator) -> Any:
    """The command tree with every help text and usage line in `t`'s language (a text
    without a translation stays as written)."""

    def say(text: str | None) -> str | None:
        return t.label("cli_help", text) if text else text

    command.help = say(command.help)
    command.short_help = say(command.short_help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = say(param.help)
    get_usage, get_help_option = command.get_usage, command.get_help_option

    def usage(ctx: Any) -> str:
        return _usage(t, get_usage(ctx))

    def help_option(ctx: Any) -> Any:
        option = get_help_option(ctx)
        if option is not None and option.help:
            option.help = t.label("click", option.help)
        return option

    command.get_usage, command.get_help_option = usage, help_option
    for sub in getattr(command, "commands", {}).values():
        translated(sub, t)
    return command


def spoken(translator: Callable[[], Translator]) -> type[TyperGroup]:
    """A root group that speaks `translator()`'s language: the CLI's and the test runner's
    calls both go through its `main`."""

    class Spoken(TyperGroup):
        def main(self, *args: Any, **kwargs: Any) -> Any:
            t = translator()
            speak(t)
            translated(self, t)
            return super().main(*args, **kwargs)

    return Spoken
