"""The lawyer and legal-staff portal (FastAPI): HTML pages, a JSON API under /api, sign-in."""
