"""`legal-flows templates check`: the templates legal staff edit, checked before use."""

from pathlib import Path
from typing import Annotated

import typer

from legal_flows.cli.common import (
    JsonFlag,
    Table,
    cli_translator,
    console,
    edge,
    fail,
    joined,
    print_json,
    runtime,
)
from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.check import check_templates
from legal_flows.i18n import said

app = typer.Typer(help="Word templates of the filing package.")


@app.command("check")
@edge
def check_command(
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help="Templates folder (default: $LEGAL_FLOWS_TEMPLATES)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List each template's variables; exit 1 on unknown variables, split or unbalanced tags."""
    where = folder or runtime().settings.templates or DEFAULT_TEMPLATES
    reports = check_templates(where)
    t = cli_translator()
    # Each finding said in the reader's language, the table's and the JSON's alike.
    problems = {r.template: [said(t, told) for told in r.told()] for r in reports}
    if as_json:
        print_json(
            [
                {
                    "template": r.template,
                    "variables": r.variables,
                    "problems": problems[r.template],
                    "findings": [
                        {"paragraph": f.paragraph, "tag": f.tag, "problem": said(t, f.problem)}
                        for f in r.findings
                    ],
                }
                for r in reports
            ]
        )
    else:
        table = Table(
            t("Template"),
            t("Variables"),
            t("Problems"),
            title=t("templates folder {folder}", folder=where),
        )
        for r in reports:
            shown = "\n".join(problems[r.template]) or t("ok")
            table.add_row(r.template, ", ".join(r.variables), shown)
        console.print(table)
    bad = [r.template for r in reports if r.findings]
    if bad:
        fail("{count} template(s) with problems: {names}", count=len(bad), names=joined(t, bad))
