"""Refusals of the story's life that callers tell apart (the review page links to the roster)."""

from storyhub.core.errors import DomainError


class ConsentMissing(DomainError):
    """Approval refused: some authors lack a recorded consent."""

    def __init__(self, message: str, group_id: int, names: list[str]):
        super().__init__(message)
        self.group_id, self.names = group_id, names
