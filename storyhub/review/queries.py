"""Reading the moderation queue and log. What else waits (comments, reports) and how a log
entry names and links its piece are asked of those areas directly: review sits above them.
Writing the log is `storyhub.moderation.services.log_transition`, only."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from storyhub.accounts.models import User
from storyhub.exchanges.models import Round
from storyhub.extensions import db
from storyhub.groups.membership import moderated_group_ids
from storyhub.groups.models import Group
from storyhub.impact.hooks import count_waiting_reflections, describe_reflections
from storyhub.impact.life import TARGET_REFLECTION
from storyhub.moderation.models import TARGET_COMMENT, TARGET_STORY, ModerationEntry
from storyhub.reports.queries import open_report_count
from storyhub.responses.hooks import count_waiting_comments, describe_comments
from storyhub.stories.models import STATUS_SUBMITTED, Story
from storyhub.stories.translating import TARGET_TRANSLATION
from storyhub.stories.translation_queue import count_waiting_translations, describe_translations

LOG_PAGE_SIZE = 50
QUEUE_PAGE_SIZE = 20
ACTION_LABELS = {
    "submit": _l("sent for review"),
    "approve": _l("approved"),
    "request_changes": _l("asked for changes"),
    "reject": _l("rejected"),
    "unpublish": _l("unpublished"),
    "edit": _l("corrected"),
    "hide": _l("hid"),
    "forward": _l("approved for the writer's side and sent to the story's educators"),
    "restore": _l("restored"),
    "revise": _l("reopened for revision"),
    "republish": _l("published again"),
    "report_hide": _l("hidden after reports"),
    "report_keep": _l("kept after reports"),
    "report_correct": _l("sent back for a correction after reports"),
    "report_unpublish": _l("unpublished after reports"),
    "report_delete": _l("deleted after reports"),
    "report_suspend": _l("unpublished, author suspended, after reports"),
    "appeal": _l("appealed to the admins"),
    "appeal_upheld": _l("appeal: decision upheld"),
    "appeal_reversed": _l("appeal: decision reversed"),
    "delete_with_account": _l("deleted with its author's account"),
    "delete_account": _l("deleted"),
    "rename": _l("changed the display name of"),
    "consent_withdrawn": _l("taken out of view: consent withdrawn"),
    "consent_narrowed": _l("taken out of the public site: consent narrowed to the exchange"),
    "nobody_recognisable": _l("marked: no one can be recognised in it"),
    "people_tagged": _l("recorded who appears in it"),
    "share": _l("shared for review"),
    "withdraw": _l("made private again by its writer"),
}
TARGET_LABELS = {
    "story": _l("story"),
    "comment": _l("comment"),
    "reflection": _l("reflection"),
    "translation": _l("translation"),
    "media": _l("media"),
    "exchange": _l("exchange"),
    "account": _l("account"),
}


def _in_groups(column, group_ids: set[int] | None):
    return db.true() if group_ids is None else column.in_(group_ids or {-1})


def waiting_stories(user: User, page: int = 1):
    """A page of the submitted stories of the user's groups, the longest-waiting first, with
    everything the queue shows loaded in a fixed number of queries (no query per story)."""
    query = (
        db.select(Story)
        .where(
            Story.status == STATUS_SUBMITTED, _in_groups(Story.group_id, moderated_group_ids(user))
        )
        .options(
            selectinload(Story.authors),
            joinedload(Story.group).selectinload(Group.educators),
            joinedload(Story.round).joinedload(Round.exchange),
            selectinload(Story.blocks),  # their media come joined (Block.media)
        )
        .order_by(Story.submitted_at, Story.id)
    )
    return db.paginate(
        query, page=page, per_page=QUEUE_PAGE_SIZE, max_per_page=QUEUE_PAGE_SIZE, error_out=False
    )


def _story_count(user: User, group_ids: set[int] | None) -> int:
    query = db.select(db.func.count(Story.id)).where(
        Story.status == STATUS_SUBMITTED, _in_groups(Story.group_id, group_ids)
    )
    return db.session.scalar(query) or 0


def queue_count(user: User) -> int:
    """How many pieces wait for this educator: the number beside the nav link."""
    if not (user.is_authenticated and user.is_educator):
        return 0
    groups = moderated_group_ids(user)  # a pending educator: their sandbox's groups only
    counters = (
        _story_count,
        count_waiting_comments,
        count_waiting_translations,
        count_waiting_reflections,
        open_report_count,
    )
    return sum(counter(user, groups) for counter in counters)


def log_page(user: User, page: int, group_id: int | None = None, target_type: str = ""):
    """A page of the log of the user's groups (all for admins), newest first."""
    groups = moderated_group_ids(user)
    if group_id is not None:
        groups = {group_id} if groups is None or group_id in groups else set()
    query = (
        db.select(ModerationEntry)
        .where(_in_groups(ModerationEntry.group_id, groups))
        .options(joinedload(ModerationEntry.actor))
        .order_by(ModerationEntry.created_at.desc(), ModerationEntry.id.desc())
    )
    if target_type:
        query = query.where(ModerationEntry.target_type == target_type)
    return db.paginate(query, page=page, per_page=LOG_PAGE_SIZE, error_out=False)


def target_log(target_type: str, target_id: int) -> list[ModerationEntry]:
    """Every entry about one piece, oldest first."""
    query = (
        db.select(ModerationEntry)
        .filter_by(target_type=target_type, target_id=target_id)
        .options(joinedload(ModerationEntry.actor))
        .order_by(ModerationEntry.created_at, ModerationEntry.id)
    )
    return list(db.session.scalars(query))


def describe_targets(entries) -> dict[tuple[str, int], tuple[str, str]]:
    """{(type, id): (label, url)} for the pieces the entries talk about, one query per type."""
    ids: dict[str, set[int]] = {}
    for entry in entries:
        ids.setdefault(entry.target_type, set()).add(entry.target_id)
    result = {}
    for target_type, id_set in ids.items():
        describe = _TARGETS.get(target_type)
        found = describe(sorted(id_set)) if describe else {}
        for target_id in id_set:
            result[(target_type, target_id)] = found.get(target_id, ("", ""))
    return result


def _describe_stories(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = db.session.execute(db.select(Story.id, Story.title).where(Story.id.in_(ids)))
    return {
        story_id: (title, url_for("moderation.review", story_id=story_id))
        for story_id, title in rows
    }


# How a log entry names and links its piece: {type: describe(ids) -> {id: (label, url)}}.
_TARGETS = {
    TARGET_STORY: _describe_stories,
    TARGET_COMMENT: describe_comments,
    TARGET_REFLECTION: describe_reflections,
    TARGET_TRANSLATION: describe_translations,
}
