#!/usr/bin/env bash
# One-time setup against a running Prefect server (PREFECT_API_URL): the process work pool,
# the LibreOffice concurrency limit, and the deployments described by prefect.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PREFECT_API_URL:?set PREFECT_API_URL to the Prefect server, e.g. http://prefect.internal:4200/api}"
prefect --no-prompt work-pool create legal-flows --type process --overwrite
# How many LibreOffice conversions run at once across all workers (TECH-NOTES §6).
prefect --no-prompt gcl create legal-flows-libreoffice --limit "${LIBREOFFICE_LIMIT:-2}" \
  || prefect --no-prompt gcl update legal-flows-libreoffice --limit "${LIBREOFFICE_LIMIT:-2}"
LEGAL_FLOWS_CHECKOUT="${LEGAL_FLOWS_CHECKOUT:-$PWD}" prefect --no-prompt deploy --all
