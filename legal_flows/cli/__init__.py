"""`legal-flows`: thin commands over services and flows (Typer)."""

import os
import sys

import typer

from legal_flows.cli import (
    assets,
    auction,
    balance,
    calendar,
    cases,
    costs,
    court,
    demo,
    documents,
    intake,
    plans,
    portal,
    proposals,
    review,
    templates,
)
from legal_flows.cli.common import cli_translator
from legal_flows.cli.framing import spoken

app = typer.Typer(
    name="legal-flows",
    help="Carry escalated credit-card debt through PRC courts: intake, review, and on.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=spoken(cli_translator),  # help and usage errors in the catalogue's language
)
app.command("init")(intake.init)
app.command("import")(intake.import_files)
app.add_typer(review.app, name="review")
app.add_typer(cases.cases_app, name="cases")
app.add_typer(cases.audit_app, name="audit")
app.command("generate")(documents.generate)
app.add_typer(documents.docs_app, name="docs")
app.add_typer(templates.app, name="templates")
app.add_typer(court.court_app, name="court")
app.command("deadlines")(court.deadlines)
app.command("sweep")(court.sweep)
app.command("serve")(court.serve)
app.add_typer(assets.assets_app, name="assets")
app.add_typer(assets.seize_app, name="seize")
app.add_typer(auction.auction_app, name="auction")
app.add_typer(assets.proceeds_app, name="proceeds")
app.add_typer(costs.costs_app, name="costs")
app.add_typer(calendar.calendar_app, name="calendar")
app.add_typer(plans.plans_app, name="plan")
app.command("report")(cases.report)
app.command("balance")(balance.balance_command)
app.command("demo")(demo.demo)
app.command("portal")(portal.portal)
app.add_typer(portal.users_app, name="users")
cases.cases_app.command("assign")(portal.assign)
cases.cases_app.command("reopen")(proposals.reopen)
app.add_typer(proposals.proposals_app, name="proposals")


# Processes an operator runs for long, whose terminal is the service's log (journald).
_SERVICES = frozenset({"serve", "portal"})
# Prefect's console handler, by Prefect's own logging setting (logging.yml's handlers.console).
_PREFECT_CONSOLE = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"


def main() -> None:
    """The `legal-flows` command. A person at the terminal reads the command's own words in
    the department's language; Prefect's console lines (English, UTC, a failed task's
    traceback) are left off it. Every run's log still goes to Prefect's API, where the UI
    shows it, and setting PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL=INFO brings it back here.
    `serve` and `portal` keep Prefect's default: their output is the service's log."""
    if not _SERVICES & set(sys.argv[1:2]):
        os.environ.setdefault(_PREFECT_CONSOLE, "CRITICAL")
    app()
