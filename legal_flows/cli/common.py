"""What every command shares: the runtime, a unit of work, JSON output, error translation."""

import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar
from zoneinfo import ZoneInfoNotFoundError

import typer
from pydantic import ValidationError
from rich.console import Console, OverflowMethod, RenderableType
from rich.markup import escape
from rich.table import Table as RichTable
from sqlalchemy.exc import SQLAlchemyError

from legal_flows.bootstrap import Runtime
from legal_flows.bootstrap import runtime as _runtime
from legal_flows.documents.errors import DocumentError
from legal_flows.domain.errors import DomainError
from legal_flows.i18n import Translator, said, translator
from legal_flows.services.errors import ServiceError
from legal_flows.services.imports.rows import RowError, RowReader
from legal_flows.settings import load_settings
from legal_flows.store.uow import UnitOfWork

# A sentence goes out whole, for the terminal to wrap: rich breaks lines at spaces, which a
# Chinese sentence has only around its figures ("已发送 0 / 条"). Tables keep their columns.
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


class Table(RichTable):
    """Our tables: a run of text too long for its column folds onto the next line instead of
    being cut with "…". rich wraps at spaces, and a Chinese sentence has none, so a reason's
    detail or an address lost its end at a terminal's 80 columns."""

    def add_column(
        self,
        header: RenderableType = "",
        footer: RenderableType = "",
        *,
        overflow: OverflowMethod = "fold",
        **options: Any,
    ) -> None:
        super().add_column(header, footer, overflow=overflow, **options)


P = ParamSpec("P")
R = TypeVar("R")

AS_OF_HELP = "Review date (YYYY-MM-DD); default: today in Asia/Shanghai."
JSON_HELP = "Print JSON for scripts instead of tables."
# The options every reporting command shares, declared once.
JsonFlag = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
AsOf = Annotated[str | None, typer.Option(help=AS_OF_HELP)]


def edge(command: Callable[P, R]) -> Callable[P, R]:
    """Translate our errors once, here: a one-line reason on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (ServiceError, DomainError, DocumentError) as exc:
            fail(said(cli_translator(), exc))
        except SQLAlchemyError as exc:
            # Statement parameters are hidden by the engine; the first line says what failed.
            cause = getattr(exc, "orig", None) or exc
            fail("database: {cause}", cause=str(cause).strip().splitlines()[0])
        except ValidationError as exc:
            problems = "; ".join(
                f"LEGAL_FLOWS_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                for e in exc.errors()
            )
            fail("configuration: {problems}", problems=problems)
        except ZoneInfoNotFoundError as exc:
            fail("configuration: unknown time zone {zone}", zone=exc)

    return wrapper


def cli_translator() -> Translator:
    """The catalogue's language for the terminal: LEGAL_FLOWS_LANGUAGE, Chinese by default."""
    try:
        settings = load_settings()
    except ValidationError:
        return translator()
    return translator(settings.language, iso_dates=settings.date_format == "iso")


def fail(message: str, **values: object) -> NoReturn:
    """One line on stderr, in the catalogue's language, and exit code 1."""
    t = cli_translator()
    prefix = t("error: {message}", message=t(message, **values))
    errors.print(prefix, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def say(text: str) -> None:
    """A line for a person, printed as it is: a value (a path, a 案号 with brackets) is never
    read as rich markup."""
    console.print(text, markup=False, highlight=False)


def print_rejected(t: Translator, rejected: Iterable[RowError]) -> None:
    """An import's refused rows, one a line, each reason in the reader's language."""
    for e in rejected:
        where = t("{file} row {row}", file=e.file, row=e.row)
        console.print(f"[red]{escape(where)}[/] ", end="")
        say(t("{column}: {reason}", column=e.column, reason=said(t, e.told())))


def runtime() -> Runtime:
    """The command's runtime, on the environment as it is now."""
    return _runtime()


@contextmanager
def unit(*, read_only: bool = False) -> Iterator[tuple[Runtime, UnitOfWork]]:
    """A command's one transaction: committed when the command's work is done."""
    rt = runtime()
    with rt.uow(read_only=read_only) as uow:
        yield rt, uow


def day(rt: Runtime, value: str | None) -> date:
    """A date given on the command line, or today in the bank's time zone."""
    if value is None:
        return rt.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        t = cli_translator()
        raise typer.BadParameter(t("{value!r} is not a date (YYYY-MM-DD)", value=value)) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def money_option(value: str, option: str) -> Decimal:
    """An amount given on the command line, read as an import reads one: yuan and fen,
    positive, plausible (金额，精确到分)."""
    reader = RowReader(option, 0, {option: value})
    amount = reader.decimal(option, required=True, positive=True)
    if amount is None:
        t = cli_translator()
        reason = said(t, reader.errors[0].told()) if reader.errors else t("required")
        raise typer.BadParameter(
            t(
                "{option} {value!r}: not an amount ({reason}, e.g. 12345.67)",
                option=option,
                value=value,
                reason=reason,
            )
        )
    return amount


def joined(t: Translator, parts: Iterable[str]) -> str:
    """The items of a list within a sentence: `a, b` in English, `a、b` in Chinese."""
    return t(", ").join(parts)
