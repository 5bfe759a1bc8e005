"""The project's deployments and their schedules (Asia/Shanghai), served by `legal-flows serve`.

Schedules need a Prefect server (PREFECT_API_URL): the ephemeral API does not run the
scheduler (TECH-NOTES §2). `prefect.yaml` describes the same deployments for work pools.
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from prefect import Flow
from prefect.artifacts import create_table_artifact
from prefect.schedules import Cron

TIMEZONE = "Asia/Shanghai"
SCHEDULES = {
    "daily-sweep": "0 7 * * *",  # before the legal team's day starts
    "nightly-review": "0 1 * * *",
    "nightly-documents": "0 2 * * *",  # after the review, so new approvals get their package
}
# The portal's flow names → "flow/deployment", the names `run_deployment` takes.
PORTAL_DEPLOYMENTS = {
    "review": "eligibility-review/nightly-review",
    "generate": "generate-documents/nightly-documents",
    "sweep": "daily-sweep/daily-sweep",
}
FAILED_CASES_KEY = "failed-cases"  # the artifact a run names its failed cases in


def full_name(portal_name: str) -> str:
    return PORTAL_DEPLOYMENTS[portal_name]


def publish_failed_cases(failed: Sequence[Mapping[str, Any]]) -> None:
    """Each case a run could not finish, with the first line of why in English and why as a
    template and values (JSON), as a table artifact of the run: the portal's flows page says
    them in the reader's language, the Prefect UI shows them (account or case ids, no PII)."""
    if failed:
        create_table_artifact(
            key=FAILED_CASES_KEY,
            table=[
                {
                    "account_id": f.get("account_id"),
                    "case_id": f.get("case_id"),
                    "error": (str(f.get("error") or "").splitlines() or [""])[0][:300],
                    "template": f.get("template") or "",
                    "values": json.dumps(f.get("values") or {}, ensure_ascii=False, default=str),
                }
                for f in failed[:200]
            ],
            description=f"{len(failed)} case(s) not finished",
        )


def deployments() -> list[Any]:
    from legal_flows.flows.documents import generate_documents_flow
    from legal_flows.flows.eligibility import eligibility_review_flow
    from legal_flows.flows.sweep import sweep_flow

    flows: dict[str, Flow[Any, Any]] = {
        "daily-sweep": sweep_flow,
        "nightly-review": eligibility_review_flow,
        "nightly-documents": generate_documents_flow,
    }
    return [
        flow.to_deployment(name=name, schedules=[Cron(SCHEDULES[name], timezone=TIMEZONE)])
        for name, flow in flows.items()
    ]


def serve_all() -> None:
    from prefect import serve

    # pause_on_shutdown=False: stopping the server process must not pause the schedules.
    serve(*deployments(), pause_on_shutdown=False)
