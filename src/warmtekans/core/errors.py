from __future__ import annotations


class InputError(Exception):
    """A problem with a user's input file or config, reported without a traceback.

    Parameters
    ----------
    message
        What is wrong and what was expected.
    path
        The file concerned, if any.
    layer
        The layer inside ``path``, if any.
    column
        The column concerned, if any.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        layer: str | None = None,
        column: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.layer = layer
        self.column = column
        where = []
        if self.path:
            where.append(f"file '{self.path}'")
        if layer:
            where.append(f"layer '{layer}'")
        if column:
            where.append(f"column '{column}'")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class ConfigError(InputError):
    """The workflow configuration is invalid."""
