"""Complaint rendering throughput: the production path vs the naive docxtpl loop.

    python bench/documents.py [N] [--workers 2]

Renders N complaints (default 1,000) from a synthetic portfolio with the same template and
contexts two ways and prints docs/s for each and the ratio:
(a) production: the template compiled once per batch (legal_flows.documents.compiled), on one
    process and on --workers processes (each compiles once);
(b) naive: `DocxTemplate(path)`, `render(ctx, autoescape=True)`, `save()` per document.
It checks that (a) and (b) produce the same document text. Figures, not a test.
"""

import argparse
import csv
import io
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

from docx import Document
from docxtpl import DocxTemplate

from legal_flows.demo.synthetic import write_portfolio
from legal_flows.documents.catalog import CATALOG, DEFAULT_TEMPLATES
from legal_flows.documents.compiled import CompiledTemplate
from legal_flows.documents.complaint import complaint_context
from legal_flows.documents.contexts import ComplaintContext
from legal_flows.documents.dossier import CreditorFacts, Dossier
from legal_flows.documents.inputs import Options
from legal_flows.domain.filing import DocumentKind

AS_OF = date(2026, 11, 29)
SPEC = CATALOG[DocumentKind.COMPLAINT]
TEMPLATE = DEFAULT_TEMPLATES / SPEC.file
CREDITOR = CreditorFacts(
    name="示例银行股份有限公司北京分行",
    address="北京市西城区金融大街1号",
    credit_code="91110000100000000R",
    head_name="张三",
    head_title="行长",
    phone="010-00000000",
    agents=(("李四", "北京示例律师事务所", "11101200000000001", "13800000001"),),
)


def dossiers(n: int) -> list[Dossier]:
    folder = Path(tempfile.mkdtemp(prefix="lf-docbench-"))
    pf = write_portfolio(folder, count=n, seed=3, as_of=AS_OF)
    out = []
    with pf.accounts.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            born = row["id_number"][6:14]
            out.append(
                Dossier(
                    account_id=row["account_id"],
                    creditor=CREDITOR,
                    holder_name=row["holder_name"],
                    id_number=row["id_number"],
                    gender="男" if int(row["id_number"][16]) % 2 else "女",
                    birth_date=date(int(born[:4]), int(born[4:6]), int(born[6:])),
                    ethnicity=row["ethnicity"] or "汉族",
                    registered_address=row["registered_address"],
                    residence_address=row["residence_address"] or None,
                    phone=row["phone"] or "13800000000",
                    card_number=row["card_number"],
                    card_issued_on=date.fromisoformat(row["card_issued_on"]),
                    credit_limit=Decimal(row["credit_limit"]),
                    annual_rate=Decimal(row["annual_rate"]),
                    terms_notice_proven=row["terms_notice_proven"] == "true",
                    overdue_since=date.fromisoformat(row["overdue_since"]),
                    last_payment_on=None,
                    balance_date=date.fromisoformat(row["balance_date"]),
                    claim_principal=Decimal(row["principal"]),
                    claim_interest=Decimal(row["interest"]),
                    claim_penalty=Decimal(row["penalty"] or "0"),
                    claim_fees=Decimal("0"),
                    court=None,
                    agreed_court=None,
                )
            )
    return out


def production(contexts: list[ComplaintContext]) -> list[bytes]:
    compiled = CompiledTemplate(TEMPLATE.read_bytes(), SPEC.file, SPEC.context)
    return [compiled.render(c) for c in contexts]


def production_to_store(contexts: list[ComplaintContext]) -> list[str]:
    """What a worker process does: render its share and store it, returning only hashes."""
    from legal_flows.documents.storage import DocumentStore

    store = DocumentStore(Path(tempfile.gettempdir()) / "lf-docbench-store")
    return [store.put(doc, "docx") for doc in production(contexts)]


def naive(contexts: list[ComplaintContext]) -> list[bytes]:
    out = []
    for c in contexts:
        doc = DocxTemplate(TEMPLATE)
        doc.render(c.model_dump(), autoescape=True)
        buffer = io.BytesIO()
        doc.save(buffer)
        out.append(buffer.getvalue())
    return out


def text(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def timed(label: str, n: int, work) -> tuple[float, list[bytes]]:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:7.2f} s  {n / seconds:8.1f} docs/s")
    return n / seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    n = args.n
    contexts = [
        complaint_context(d, Options(signed_on=AS_OF, cost_cap=Decimal("0.24"), preservation=False))
        for d in dossiers(n)
    ]
    print(f"legal_flows document bench: {n:,} complaints from {TEMPLATE.name}")
    fast, fast_docs = timed("(a) production, 1 process", n, lambda: production(contexts))
    stored, _ = timed("(a) production + store, 1 process", n, lambda: production_to_store(contexts))
    slices = [contexts[i :: args.workers] for i in range(args.workers)]
    with ProcessPoolExecutor(args.workers) as pool:
        pool.submit(int).result()  # start the workers before the clock
        parallel, _ = timed(
            f"(a) production + store, {args.workers} processes",
            n,
            lambda: [d for part in pool.map(production_to_store, slices) for d in part],
        )
    slow, slow_docs = timed("(b) naive DocxTemplate/render/save loop", n, lambda: naive(contexts))
    same = all(text(a) == text(b) for a, b in zip(fast_docs, slow_docs, strict=True))
    print(
        f"a/b = {fast / slow:.1f}x on one process (target ≥ 5x); "
        f"production + store, {args.workers} processes / 1 = {parallel / stored:.2f}x"
    )
    print(f"same document text in (a) and (b): {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
