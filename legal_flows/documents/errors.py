"""Errors of the document layer; the CLI and API translate them once at the edge."""

from legal_flows.domain.errors import Told


class DocumentError(Told):
    """A document could not be produced or checked (told as a template and its values)."""


class TemplateProblem(DocumentError):
    """A template is unusable: unknown variable, broken tag, unsafe expression."""


class MissingFact(DocumentError):
    """The case lacks something a document cannot be written without."""
