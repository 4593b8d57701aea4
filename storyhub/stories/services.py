"""Writing stories and their life (declared once in `storyhub/stories/life.py`):

    draft ──submit──▶ submitted ──approve──▶ approved ──unpublish──▶ unpublished
      ▲                 │  │                     ▲                     │ │
      │                 │  └──reject──▶ rejected │◀──────republish─────┘ │
    changes_requested ◀─┘ (request_changes;  │   (the educator who unpublished, or an admin)
      (editable again, then submitted again) │                          │
    changes_requested ◀──revise──────────────┴──────────────────────────┘
      (the authors revise a rejected or unpublished story and send it again through review)

Every transition is written in the moderation log; each notifies who must know.
"""

from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.accounts.services import needs_own_agreement
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.exchanges.models import Round
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL
from storyhub.moderation.models import TARGET_STORY
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify, retract_notices
from storyhub.stories import blocks as block_kinds
from storyhub.stories import media_blocks
from storyhub.stories.content import (
    StoryInput,
    apply_input,
    changes,
    check_round_open,
    snapshot,
)
from storyhub.stories.errors import ConsentMissing, EditConflict, NotSent
from storyhub.stories.life import (  # noqa: F401 (STORY_ALREADY_DECIDED: for the views)
    MAX_REASON,
    STORY,
    STORY_ALREADY_DECIDED,
)
from storyhub.stories.models import (
    STATUS_DRAFT,
    STATUS_REJECTED,
    STATUS_SUBMITTED,
    Story,
)
from storyhub.stories.permissions import can_edit_story, writing_group_id
from storyhub.stories.versions import record_version

ACTION_EDIT = "edit"


STATUS_LABELS = STORY.labels


def allowed_actions(user: User, story: Story) -> list[str]:
    """The transitions this user may take on this story now (for buttons and checks)."""
    return STORY.allowed_actions(user, story)


def _path(endpoint: str, **values) -> str:
    """A site path for a notification, built also outside a request (tests, commands)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


# Writing ------------------------------------------------------------------------------------


def start_story(round_: Round, actor: User, data: StoryInput, submit: bool = False) -> Story:
    """A member of either side starts a story for an open round; it is saved as a draft (and,
    with `submit`, sent for review in the same transaction: see `save_story`)."""
    group_id = writing_group_id(actor, round_.exchange)
    if group_id is None:
        raise DomainError(_("Only the members of this exchange can write in it."))
    check_round_open(round_)
    story = Story(
        round=round_, group_id=group_id, created_by=actor, status=STATUS_DRAFT, revision=1
    )
    db.session.add(story)
    try:
        apply_input(story, actor, data)
    except DomainError:
        db.session.rollback()
        raise
    _commit_saved(story, actor, submit, set())
    return story


def save_story(
    story: Story, actor: User, data: StoryInput, submit: bool = False, revision: int | None = None
) -> None:
    """Save what the editor sends; an educator's fix of a submitted story is logged. With
    `submit`, the story is sent for review in the same transaction (one commit); when sending
    is refused the words are saved all the same and `NotSent` says why. `revision` is the one
    the editor started from: if someone saved since, nothing is saved (`EditConflict`)."""
    if not can_edit_story(actor, story):
        raise DomainError(
            _("This story cannot be changed now: it is waiting for review or already decided.")
        )
    before = snapshot(story)
    claim_revision(story, revision)
    try:
        shown_before = apply_input(story, actor, data)
    except DomainError:
        db.session.rollback()
        raise
    changed = changes(before, snapshot(story))
    if story.status == STATUS_SUBMITTED and changed:
        reason = data.note.strip()[:MAX_REASON] or _("Changed: %(what)s", what=", ".join(changed))
        log_transition(
            TARGET_STORY, story.id, story.group_id, actor, ACTION_EDIT,
            STATUS_SUBMITTED, STATUS_SUBMITTED, reason,
        )  # fmt: skip
    _commit_saved(story, actor, submit, shown_before)


def claim_revision(story: Story, base: int | None) -> None:
    """Count this save, as a compare-and-set on the story's row: only if its revision is still
    `base` (None: any). The row stays locked until the commit, so of two saves started from the
    same revision, the second waits and then finds the revision moved on: `EditConflict`."""
    query = db.update(Story).where(Story.id == story.id)
    if base is not None:
        query = query.where(Story.revision == base)
    result = db.session.execute(
        query.values(revision=Story.revision + 1).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise EditConflict(story)
    db.session.expire(story, ["revision"])


def _commit_saved(story: Story, actor: User, submit: bool, shown_before: set[int]) -> None:
    """One commit: the saved words, and the submission when asked and allowed. A refusal
    comes from the checks made before any change of status, so the words alone are kept."""
    refusal = None
    if submit:
        try:
            take_action(story, actor, "submit")  # commits the words with the new status
        except DomainError as error:
            refusal = error
            db.session.commit()
    else:
        db.session.commit()
    for hook in AFTER_SAVE:
        hook(story, shown_before)
    if refusal is not None:
        raise NotSent(story, refusal) from refusal


# Life of a story ----------------------------------------------------------------------------


def take_action(story: Story, actor: User, action: str, reason: str = "") -> Story:
    """Move a story along its lifecycle, if this actor may; log and notify (LostRace if beaten)."""

    def effect(story: Story, actor: User, reason: str) -> None:
        EFFECTS[action](story, actor, reason)
        for more in MORE_EFFECTS.get(action, ()):
            more(story)

    return STORY.take(story, actor, action, reason, guards=GUARDS.get(action, ()), effect=effect)


def submit_story(story: Story, actor: User) -> Story:
    """Send a story to the group's educators for review."""
    return take_action(story, actor, "submit")


def approve_story(story: Story, actor: User) -> Story:
    """Publish a submitted story (every author needs a recorded parental consent)."""
    return take_action(story, actor, "approve")


def request_changes(story: Story, actor: User, feedback: str) -> Story:
    """Send a submitted story back to its authors with feedback."""
    return take_action(story, actor, "request_changes", feedback)


def reject_story(story: Story, actor: User, reason: str) -> Story:
    """Refuse a submitted story, with a reason."""
    return take_action(story, actor, "reject", reason)


def unpublish_story(story: Story, actor: User, reason: str) -> Story:
    """Withdraw a published story, with a reason."""
    return take_action(story, actor, "unpublish", reason)


def _guard_submit(story: Story) -> None:
    if not story.title.strip():
        raise DomainError(_("Give your story a title before sending it."))
    if all(block_kinds.is_empty_block(b) for b in story.blocks):
        raise DomainError(_("Write at least one block before sending the story."))
    if story.status == STATUS_DRAFT:
        check_round_open(story.round)


def _parental_state(person: User) -> str:
    """'granted', 'refused' (recorded as No) or 'missing' (nothing recorded)."""
    consent = next((c for c in person.consents if c.kind == CONSENT_PARENTAL), None)
    if consent is None:
        return "missing"
    return "granted" if consent.granted else "refused"


def _guard_approve(story: Story) -> None:
    people = {p.id: p for p in _young_authors(story)}.values()
    refused = [p.display_name for p in people if _parental_state(p) == "refused"]
    missing = [p.display_name for p in people if _parental_state(p) == "missing"]
    not_agreed = [a.display_name for a in story.authors if needs_own_agreement(a)]
    if not refused and not missing and not_agreed:
        raise ConsentMissing(
            _(
                "This story cannot be published yet: %(names)s has not said yes themself. "
                "They are asked when they send a story, and on their “My data” page.",
                names=", ".join(not_agreed),
            ),
            story.group_id,
            not_agreed,
        )
    if not refused and not missing:
        return
    parts = [_("This story cannot be published yet.")]
    if refused:
        parts.append(
            _(
                "Parental consent is recorded as No for %(names)s: their story stays "
                "unpublished unless the parents sign again.",
                names=", ".join(refused),
            )
        )
    if missing:
        parts.append(
            _(
                "No parental consent is recorded for %(names)s. Record it in the group's "
                "roster, then approve.",
                names=", ".join(missing),
            )
        )
    raise ConsentMissing(" ".join(parts), story.group_id, refused + missing)


# The checks before a transition (raising DomainError) and the changes made with it (in its
# transaction, no commit), written out here and called directly: a story approved from a CLI
# command, a job or a test that never imported a view is checked exactly as from the page.
_MEDIA_APPROVAL = (
    media_blocks.guard_media_ready,
    media_blocks.guard_image_consent,
    media_blocks.guard_appearance,
)
GUARDS: dict[str, tuple[Callable[[Story], None], ...]] = {
    "submit": (_guard_submit, media_blocks.guard_media_ready),
    "approve": (_guard_approve, *_MEDIA_APPROVAL),
    "republish": (_guard_approve, *_MEDIA_APPROVAL),
}
MORE_EFFECTS: dict[str, tuple[Callable[[Story], None], ...]] = {
    "submit": (media_blocks.detach_unused_media,),
    "approve": (media_blocks.detach_unused_media,),
    "republish": (media_blocks.detach_unused_media,),
}
# After the editor's content is saved: hook(story, media ids its blocks showed before).
AFTER_SAVE: tuple[Callable[[Story, set[int]], None], ...] = (media_blocks.delete_removed_media,)


def _young_authors(story: Story) -> list[User]:
    people = list(story.authors)
    if story.created_by is not None and story.created_by.is_young:
        people.append(story.created_by)
    return people


def _others(users, actor: User) -> list[User]:
    return [u for u in users if u is not None and u.id != actor.id]


def _on_submit(story: Story, actor: User, reason: str) -> None:
    story.submitted_at = utcnow()
    kept = [b for b in story.blocks if not block_kinds.is_empty_block(b)]
    for position, block in enumerate(kept):
        block.position = position
    story.blocks = kept
    record_version(story)
    notify(
        _others(story.group.educators, actor),
        "story_submitted",
        _path("moderation.review", story_id=story.id),
        story=story.title,
    )


PUBLISHED_NOTICES = ("story_approved", "twin_published")


def retract_published_notices(story: Story) -> None:
    """The story is out of view (unpublished, hidden after reports): its "is published" notices
    not yet read nor mailed would announce something untrue; the caller commits."""
    retract_notices(_path("stories.detail", story_id=story.id), PUBLISHED_NOTICES)


def _on_approve(story: Story, actor: User, reason: str) -> None:
    story.published_at, story.feedback = utcnow(), ""
    link = _path("stories.detail", story_id=story.id)
    notify(_others(_young_authors(story), actor), "story_approved", link, story=story.title)
    twin = story.round.exchange.twin_of(story.group_id)
    owes = _twin_owes_answer(story, twin.id)
    notify(
        _others([*twin.members, *twin.educators], actor),
        "twin_published",
        link,
        story=story.title,
        group=story.group.name,
        **({"question": story.round.question} if owes else {}),
    )


def _twin_owes_answer(story: Story, twin_id: int) -> bool:
    """The round is open and the twin side has no answer in it (nor one on its way)."""
    if not story.round.is_open():
        return False
    answered = db.select(Story.id).where(
        Story.round_id == story.round_id, Story.group_id == twin_id, Story.status != STATUS_REJECTED
    )
    return db.session.scalar(answered.limit(1)) is None


def _on_request_changes(story: Story, actor: User, reason: str) -> None:
    story.feedback = reason
    notify(
        _others(_young_authors(story), actor),
        "changes_requested",
        _path("stories.edit", story_id=story.id),
        story=story.title,
    )


def _on_reject(story: Story, actor: User, reason: str) -> None:
    story.feedback = reason
    notify(
        _others(_young_authors(story), actor),
        "story_rejected",
        _path("stories.detail", story_id=story.id),
        story=story.title,
    )


def _on_unpublish(story: Story, actor: User, reason: str) -> None:
    story.feedback = reason
    retract_published_notices(story)
    notify(
        _others([*_young_authors(story), *story.group.educators], actor),
        "story_unpublished",
        _path("stories.detail", story_id=story.id),
        story=story.title,
        reason=reason,
    )


def _on_revise(story: Story, actor: User, reason: str) -> None:
    story.hidden_at = None


def _on_republish(story: Story, actor: User, reason: str) -> None:
    story.feedback, story.hidden_at = "", None
    notify(
        _others(_young_authors(story), actor),
        "story_approved",
        _path("stories.detail", story_id=story.id),
        story=story.title,
    )


EFFECTS = {
    "submit": _on_submit,
    "approve": _on_approve,
    "request_changes": _on_request_changes,
    "reject": _on_reject,
    "unpublish": _on_unpublish,
    "revise": _on_revise,
    "republish": _on_republish,
}
