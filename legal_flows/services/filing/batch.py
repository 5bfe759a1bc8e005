"""Batch filing (批量立案, 金融联审 style): one 诉讼要素表 for a court's cases, each case's package
in its own folder, and a manifest of every file's hash."""

import io
import json
from datetime import tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from legal_flows.documents.catalog import spec_for
from legal_flows.documents.contexts import ComplaintContext
from legal_flows.documents.errors import DocumentError
from legal_flows.documents.inputs import Options
from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.errors import Told, told_parts
from legal_flows.domain.filing import DocumentKind, signing_date
from legal_flows.domain.stages import Stage
from legal_flows.services.errors import InputError, choice
from legal_flows.services.filing.dossier import load_dossier
from legal_flows.services.filing.package import package_files
from legal_flows.store.uow import UnitOfWork

SHEET = "诉讼要素表"
# The 要素式 form's elements, one column each, as the court's batch intake reads them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "number"),
    ("账户", "account_id"),
    ("受诉法院", "court"),
    ("原告", "plaintiff"),
    ("原告统一社会信用代码", "credit_code"),
    ("法定代表人/负责人", "head"),
    ("委托诉讼代理人", "agents"),
    ("被告", "defendant"),
    ("性别", "gender"),
    ("出生日期", "birth_date"),
    ("民族", "ethnicity"),
    ("证件号码", "id_number"),
    ("住所地（户籍所在地）", "registered_address"),
    ("经常居住地", "residence_address"),
    ("联系电话", "phone"),
    ("信用卡卡号", "card_number"),
    ("办卡时间", "issued_on"),
    ("信用额度（元）", "credit_limit"),
    ("逾期时间", "overdue_since"),
    ("截至日", "cutoff_date"),
    ("透支本金（元）", "principal"),
    ("利息（元）", "interest"),
    ("违约金（元）", "penalty"),
    ("手续费等（元）", "fees"),
    ("标的总额（元）", "total"),
    ("此后利息", "continuing"),
    ("管辖依据", "basis"),
    ("诉讼请求", "requests"),
    ("文书", "files"),
)


def batch_export(
    uow: UnitOfWork,
    store: DocumentStore,
    target: Path,
    *,
    stage: str,
    court: str | None,
    cost_cap: Decimal,
    tz: tzinfo,
) -> dict[str, Any]:
    """Every case in `stage` (and going to `court`) with a current package: the sheet, the
    folders, the manifest. Cases whose package cannot be read are listed, not exported."""
    wanted = choice(Stage, stage, Told("stage"))
    rows: list[dict[str, str]] = []
    manifest: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    packages: list[tuple[Path, dict[str, bytes]]] = []
    for case_id in uow.cases.ids_in([wanted]):
        dossier, decision, case = load_dossier(uow, case_id)
        spec = spec_for(DocumentKind.COMPLAINT, dossier.creditor.settings.complaint_style)
        options = Options(
            signed_on=signing_date(None, reviewed_on=decision.as_of),
            cost_cap=cost_cap,
            preservation=False,
        )
        try:
            context = spec.build(dossier, options)
            assert isinstance(context, ComplaintContext)  # both complaint styles share it
            files = package_files(uow, store, case.account_id, tz=tz)
        except (DocumentError, InputError) as exc:
            # `reason` stays English for scripts; the template and values let a person read it.
            template, values = told_parts(exc)
            skipped.append(
                {
                    "account_id": case.account_id,
                    "reason": str(exc),
                    "reason_template": template,
                    "reason_values": {k: _json(v) for k, v in values.items()},
                }
            )
            continue
        if court and context.court != court:
            continue
        written = [
            {"file": f"{case.account_id}/{name}", "sha256": sha256(data)}
            for name, data in files.items()
        ]
        rows.append(_row(len(rows) + 1, case.account_id, context, files))
        manifest.append({"account_id": case.account_id, "files": written})
        packages.append((target / case.account_id, files))
    if not rows:
        if court:
            raise InputError(
                "no case in {stage} for {court} has a package to export",
                stage=wanted.value,
                court=court,
            )
        raise InputError("no case in {stage} has a package to export", stage=wanted.value)
    target.mkdir(parents=True, exist_ok=True)
    for folder, files in packages:
        folder.mkdir(exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    sheet = _sheet(rows)
    (target / f"{SHEET}.xlsx").write_bytes(sheet)
    summary = {
        "cases": len(rows),
        "court": court,
        "stage": wanted.value,
        "sheet": {"file": f"{SHEET}.xlsx", "sha256": sha256(sheet)},
        "packages": manifest,
        "skipped": skipped,
    }
    (target / "manifest.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return summary


def _row(
    number: int, account_id: str, c: ComplaintContext, files: dict[str, bytes]
) -> dict[str, str]:
    claim, d = c.claim, c.defendant
    return {
        "number": str(number),
        "account_id": account_id,
        "court": c.court,
        "plaintiff": c.plaintiff.name,
        "credit_code": c.plaintiff.credit_code,
        "head": f"{c.plaintiff.head_name}（{c.plaintiff.head_title}）",
        "agents": "、".join(f"{a.name}（{a.firm}）" for a in c.agents),
        "defendant": d.name,
        "gender": d.gender,
        "birth_date": d.birth_date,
        "ethnicity": d.ethnicity,
        "id_number": d.id_number,  # for the court: the full number it needs
        "registered_address": d.registered_address,
        "residence_address": d.residence_address,
        "phone": d.phone,
        "card_number": c.card.number,
        "issued_on": c.card.issued_on,
        "credit_limit": c.card.credit_limit,
        "overdue_since": c.performance.overdue_since,
        "cutoff_date": claim.cutoff_date,
        "principal": claim.principal,
        # An item not claimed stays empty rather than 0.00.
        "interest": claim.interest if claim.has_charges and claim.interest != "0.00" else "",
        "penalty": claim.penalty if claim.has_charges and claim.penalty != "0.00" else "",
        "fees": claim.fees if claim.has_charges and claim.fees != "0.00" else "",
        "total": claim.total,
        "continuing": claim.continuing,
        "basis": c.jurisdiction.basis,
        "requests": "\n".join(claim.requests),
        "files": "\n".join(n for n in files if n != "manifest.json"),
    }


def _sheet(rows: list[dict[str, str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([label for label, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[key] for _, key in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in sheet.columns:
        longest = max(len(str(c.value or "")) for c in column)
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = min(max(longest * 1.8, 8), 60)
        for cell in column[1:]:
            cell.alignment = wrap
            cell.number_format = "@"  # text: an ID or card number is not a number to Excel
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _json(value: Any) -> Any:
    """A value manifest.json can hold as it is, else its text (a date as ISO)."""
    return value if value is None or isinstance(value, str | int | float) else str(value)
