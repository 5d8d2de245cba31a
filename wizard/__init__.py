"""Who to contact for support in the Cloud Solution Provider program, and how.

Pure standard-library Python: the same package runs in CPython (CLI, tests, site build) and
in the browser through Pyodide.
"""

from .engine import (
    InvalidAnswerError,
    decide,
    next_question,
    next_step,
    route,
    valid_prefix,
    validate,
)
from .i18n import LOCALES, MissingCatalogError, Translator, UnknownLocaleError

__all__ = [
    "LOCALES",
    "InvalidAnswerError",
    "MissingCatalogError",
    "Translator",
    "UnknownLocaleError",
    "decide",
    "next_question",
    "next_step",
    "route",
    "valid_prefix",
    "validate",
]
