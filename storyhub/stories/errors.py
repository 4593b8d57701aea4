"""Refusals of the story's life that callers tell apart (the review page links to the roster)."""

from flask_babel import gettext as _

from storyhub.core.errors import DomainError


class NotSent(DomainError):
    """Saving and sending in one go: the words were saved, sending was refused (`cause`)."""

    def __init__(self, story, cause: DomainError):
        super().__init__(cause.message)
        self.story, self.cause = story, cause


class EditConflict(DomainError):
    """A save based on an older revision: another tab or a co-author saved the story since."""

    def __init__(self, story):
        super().__init__(
            _(
                "Someone saved this story after you opened it (another tab or a co-author). "
                "Compare both texts, then choose which one to keep."
            )
        )
        self.story = story


class ConsentMissing(DomainError):
    """Approval refused: some authors lack a recorded consent."""

    def __init__(self, message: str, group_id: int, names: list[str]):
        super().__init__(message)
        self.group_id, self.names = group_id, names
