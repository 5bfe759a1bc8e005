"""The project's deployments and their schedules (Asia/Shanghai), served by `legal-flows serve`.

Schedules need a Prefect server (PREFECT_API_URL): the ephemeral API does not run the
scheduler (TECH-NOTES §2). `prefect.yaml` describes the same deployments for work pools.
"""

from typing import Any

from prefect import Flow
from prefect.schedules import Cron

TIMEZONE = "Asia/Shanghai"
SCHEDULES = {
    "daily-sweep": "0 7 * * *",  # before the legal team's day starts
    "nightly-review": "0 1 * * *",
    "nightly-documents": "0 2 * * *",  # after the review, so new approvals get their package
}


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
