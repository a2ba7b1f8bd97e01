"""The one hierarchy of errors zonegraph raises; each message says what to do."""

from __future__ import annotations


class ZonegraphError(Exception):
    """Base of every error zonegraph raises on purpose."""


class InputError(ZonegraphError):
    """A file or argument cannot be used (missing, empty, unknown format, unparsable)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path, self.line, self.column = path, line, column
        where = ""
        if path:
            where = path
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + message)


class TableError(InputError):
    """A table with bad rows; ``problems`` holds (line, column, message) for each one.

    >>> e = TableError("1 problem(s)", problems=[(3, "value", "value 'x' is not a number")])
    >>> e.problems[0][1]
    'value'
    """

    def __init__(self, message: str, *, problems: list[tuple[int, str, str]], **where) -> None:
        super().__init__(message, **where)
        self.problems = problems


class ValidationFailed(ZonegraphError):
    """Data does not conform to the SHACL shapes; ``report`` holds the details."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class DuplicateFigures(ZonegraphError):
    """A source repeats another source's figures (a copy) or contradicts them (kg.duplicates)."""


class StoreError(ZonegraphError):
    """The store cannot be opened, read or written."""


class QueryError(ZonegraphError):
    """A SPARQL query or update is malformed or cannot be run."""


class QueryTimeout(QueryError):
    """A query ran past its time limit."""
