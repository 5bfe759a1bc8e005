"""`python -m legal_flows` is the `legal-flows` command."""

from legal_flows.cli import main

main()
