"""Prefect flows: thin orchestration over services. Taking ids, paths and dates only."""

from legal_flows.flows import runtime as _runtime  # noqa: F401  (Prefect settings before Prefect)
