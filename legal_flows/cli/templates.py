"""`legal-flows templates check`: the templates legal staff edit, checked before use."""

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from legal_flows.cli.common import JsonFlag, console, edge, fail, print_json, runtime
from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.check import check_templates

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
    if as_json:
        print_json([asdict(r) for r in reports])
    else:
        table = Table("模板 template", "变量 variables", "问题 problems", title=f"模板目录 {where}")
        for r in reports:
            table.add_row(r.template, ", ".join(r.variables), "\n".join(r.problems) or "通过 ok")
        console.print(table)
    bad = [r.template for r in reports if r.problems]
    if bad:
        fail(f"{len(bad)} 个模板有问题（{len(bad)} template(s) with problems）：{'、'.join(bad)}")
