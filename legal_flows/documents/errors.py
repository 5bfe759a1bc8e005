"""Errors of the document layer; the CLI and API translate them once at the edge."""


class DocumentError(Exception):
    """A document could not be produced or checked."""


class TemplateProblem(DocumentError):
    """A template is unusable: unknown variable, broken tag, unsafe expression."""


class MissingFact(DocumentError):
    """The case lacks something a document cannot be written without."""
