"""The pages people read of the recovery report and the day's sweep: in the reader's
language, dates and amounts as they read them.

`build_report` (report.py) and `run_sweep` (sweep.py) give their figures with English keys
and codes, for scripts and the CSV; these pages say them through the message catalogue.
"""

import csv
import functools
import html
import io
from pathlib import Path
from typing import Any

from legal_flows.domain.reporting import CYCLES
from legal_flows.i18n import Translator
from legal_flows.services.sweep.report import NO_AGENT
from legal_flows.services.sweep.sweep import SweepResult

# The breakdown tables' columns: report keys, each named in the catalogue ("report" labels).
_COLUMNS = ("cases", "claimed", "received", "outstanding", "net_recovery")
_MONEY = {"claimed", "received", "outstanding", "net_recovery"}
# Each cycle's two court events, named by the catalogue's court_event labels.
_CYCLE_EVENTS = {name: (start.value, end.value) for name, start, end in CYCLES}
# Fonts for the charts' Chinese, the first one installed (Debian: fonts-noto-cjk); the page
# keeps the text as text, so the reader's browser draws it in any case.
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")


def report_html(report: dict[str, Any], t: Translator) -> str:
    """The recovery report page: headline measures, three charts, by court and by lawyer."""
    headline = [
        (t("recovery rate (received / claimed)"), f"{report['recovery_rate']:.1%}"),
        (t("repayment rate (cases with money back)"), f"{report['repayment_rate']:.1%}"),
        (t("average claim per case (案均)"), t.money(report["average_claim"])),
        (t("average overdue age (days)"), str(report["average_overdue_days"])),
        (
            t("cases / pursued / stalled"),
            f"{report['cases']} / {report['pursued']} / {report['stalled']}",
        ),
        (
            t("claimed / received"),
            f"{t.money(report['claimed'])} / {t.money(report['received'])}",
        ),
        (t("outstanding on the day, by the ledger"), t.money(report["outstanding"])),
        (
            t("net recovery: received − court's fee − bank's costs"),
            t.money(report["net_recovery"]),
        ),
    ]
    stages = report["by_stage"]
    charts = [
        _chart(t("cases by stage"), [t.label("stage", s) for s in stages], list(stages.values())),
        _chart(
            t("overdue age"),
            [t.label("aging", a) for a in report["aging"]],
            list(report["aging"].values()),
        ),
    ]
    if cycles := report["cycle_days"]:
        names = [
            "→".join(t.label("court_event", code) for code in _CYCLE_EVENTS[name])
            for name in cycles
        ]
        charts.append(
            _chart(t("average days per stage"), names, list(cycles.values()), horizontal=True)
        )
    cells = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in headline
    )
    title = html.escape(t("recovery report, {day}", day=t.day(report["as_of"])))
    lang = t.language.replace("_", "-")
    return (
        f"<!doctype html><html lang='{lang}'><meta charset='utf-8'><title>{title}</title>"
        "<style>body{font-family:sans-serif;max-width:960px;margin:auto}"
        "td,th{padding:2px 8px;text-align:left}td.n{text-align:right}</style>"
        f"<h1>{title}</h1><table>{cells}</table>"
        + "".join(charts)
        + _table(t("by court"), report["by_court"], t)
        + _table(t("by lawyer"), report["by_lawyer"], t)
    )


def _table(title: str, rows: dict[str, dict[str, str]], t: Translator) -> str:
    names = "".join(f"<th>{html.escape(t.label('report', c))}</th>" for c in _COLUMNS)
    head = f"<tr><th></th>{names}</tr>"
    body = "".join(
        f"<tr><td>{html.escape(t(name) if name == NO_AGENT else name)}</td>"
        + "".join(
            f"<td class='n'>{html.escape(t.money(v[c]) if c in _MONEY else str(v[c]))}</td>"
            for c in _COLUMNS
        )
        + "</tr>"
        for name, v in rows.items()
    )
    return f"<h2>{html.escape(title)}</h2><table>{head}{body}</table>"


def _chart(title: str, labels: list[str], values: list[float], horizontal: bool = False) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    with plt.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": _fonts(), "svg.fonttype": "none"}
    ):
        figure, axes = plt.subplots(figsize=(6, 3))
        if horizontal:
            axes.barh(labels, values, color="#3b6ea5")
        else:
            axes.bar(labels, values, color="#3b6ea5")
            axes.tick_params(axis="x", labelrotation=30)
        axes.set_title(title)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


@functools.cache
def _fonts() -> list[str]:
    """The installed CJK fonts, first choice first, then matplotlib's own (read once)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in _CJK_FONTS if f in installed] + ["DejaVu Sans"]


def write_reports(result: SweepResult, folder: Path, t: Translator) -> tuple[Path, Path]:
    """CSV (codes, for scripts) and HTML (in the reader's language) of the day's sweep in the
    data directory."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"sweep-{result.as_of.isoformat()}"
    columns = ["category", "account_id", "kind", "due_on", "message"]
    with stem.with_suffix(".csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(result.items)

    def said(item: dict[str, Any]) -> list[str]:
        return [
            t.label("alert", item["category"]),
            item["account_id"] or "",
            item.get("what") or item["kind"],
            t.day(item["due_on"]),
            item["message"],
        ]

    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in said(i)) + "</tr>"
        for i in result.items
    )
    head = "".join(f"<th>{html.escape(t.label('sweep_column', c))}</th>" for c in columns)
    title = html.escape(t("daily sweep, {day}", day=t.day(result.as_of)))
    lang = t.language.replace("_", "-")
    stem.with_suffix(".html").write_text(
        f"<!doctype html><html lang='{lang}'><meta charset='utf-8'><title>{title}</title>"
        "<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left;"
        "vertical-align:top}td:nth-child(-n+4){white-space:nowrap}</style>"
        f"<h1>{title}</h1><table><tr>{head}</tr>{cells}</table>",
        encoding="utf-8",
    )
    return stem.with_suffix(".csv"), stem.with_suffix(".html")
