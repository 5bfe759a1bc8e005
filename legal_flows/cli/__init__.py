"""`legal-flows`: thin commands over services and flows (Typer)."""

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


def main() -> None:
    app()
