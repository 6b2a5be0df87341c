"""The one exception type newsgold raises for bad input."""

from __future__ import annotations


class NewsgoldError(Exception):
    """Bad input, with where it is (file and JSON pointer or line) and what was expected."""

    def __init__(self, message: str, file: str = "", pointer: str = "", status: int = 1) -> None:
        self.message = message
        self.file = file
        self.pointer = pointer
        self.status = status  # the CLI's exit status: 1 for bad data, 2 for bad usage
        super().__init__(self.located())

    def located(self) -> str:
        """The message prefixed with its location, as printed to users."""
        where = self.file + (f":{self.pointer}" if self.pointer else "")
        return f"{where}: {self.message}" if where else self.message
