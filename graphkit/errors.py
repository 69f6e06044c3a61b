"""Errors that graphkit reports to users, each naming where the problem is."""

from __future__ import annotations


class GraphkitError(Exception):
    """Base class of errors that the command line reports without a traceback."""


class InputError(GraphkitError):
    """Bad input: a file or record that cannot be read, named by path and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class UnknownFormatError(InputError):
    """A file whose input format cannot be told from its name or first bytes."""


class OutputError(GraphkitError):
    """An output that cannot be written: a folder in its way, no permission, a full disk."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")

    @classmethod
    def of(cls, path: object, exc: OSError) -> OutputError:
        """The error for ``path`` that ``exc`` stands for."""
        return cls(path, exc.strerror or str(exc))


class UsageError(GraphkitError):
    """A command was called with options that do not fit together."""
