"""Stories translated by the twin group: who may translate, who reads a translation, its life.

    (proposed) ──▶ submitted ──approve──▶ approved ──unpublish──▶ unpublished
    submitted ──reject──▶ rejected;  rejected/unpublished ──(proposed again)──▶ submitted

A young person or educator of the twin group proposes a translation (title and the story's text
and quote blocks) into their language; their own educators review it, as everything a young
person writes. A translation is read only once approved, by whoever may read the story, and
while its young translator's parental consent covers where it is read (`can_view_translation`);
before that, only the translator, their educators and admins see it.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, select

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.lifecycle import Lifecycle, Transition, compare_and_set, lost_race
from storyhub.core.models import utcnow
from storyhub.exchanges.permissions import member_side
from storyhub.extensions import db
from storyhub.groups.membership import leads_group
from storyhub.groups.models import Group
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify
from storyhub.stories.models import (
    BLOCK_QUOTE,
    BLOCK_TEXT,
    TRANSLATION_APPROVED,
    TRANSLATION_REJECTED,
    TRANSLATION_SUBMITTED,
    TRANSLATION_UNPUBLISHED,
    Story,
    StoryTranslation,
)
from storyhub.stories.permissions import (
    can_view_story,
    is_twin_member,
    lacks_consent_clause,
    person_consent_allows,
)
from storyhub.stories.services import _path as site_path  # built outside a request too

TARGET_TRANSLATION = "translation"
TRANSLATED_KINDS = (BLOCK_TEXT, BLOCK_QUOTE)
MAX_TITLE = 200
MAX_TEXT = 20_000


def can_translate_story(user: User, story: Story) -> bool:
    """Young people and educators of the twin group translate a published story they read."""
    return (
        story.is_published
        and (user.is_authenticated and (user.is_young or user.is_educator))
        and is_twin_member(user, story)
        and can_view_story(user, story)
    )


def can_review_translation(user: User, translation: StoryTranslation) -> bool:
    """The translator's own educators approve or reject it (admins act on any content)."""
    return user.is_authenticated and (user.is_admin or leads_group(user, translation.group_id))


def can_unpublish_translation(user: User, translation: StoryTranslation) -> bool:
    """The translator's educators, the story's educators and admins take it down."""
    return can_review_translation(user, translation) or leads_group(
        user, translation.story.group_id
    )


def can_view_translation(user: User, translation: StoryTranslation) -> bool:
    """Approved: whoever reads the story, while a young translator's parental consent covers
    where it is read. Otherwise: the translator, their educators and admins only."""
    if user.is_authenticated and translation.translator_id == user.id:
        return True
    if can_review_translation(user, translation):
        return True
    if translation.status != TRANSLATION_APPROVED:
        return False
    story = translation.story
    if not can_view_story(user, story):
        return False
    inside = user.is_authenticated and member_side(user, story.round.exchange) is not None
    translator = translation.translator
    return translator is None or person_consent_allows(translator, public=not inside)


def public_translation_clause():
    """SQL over StoryTranslation, for a query whose stories are already limited to the public
    ones: approved, and a young translator's parental consent covers the public site. Twin of
    `can_view_translation` for a visitor; search, API and feeds start from it
    (storyhub/public/queries.py: public_translations)."""
    translator_lacks = exists(
        select(User.id)
        .where(User.id == StoryTranslation.translator_id, lacks_consent_clause(True))
        .correlate(StoryTranslation)
    )
    return and_(StoryTranslation.status == TRANSLATION_APPROVED, ~translator_lacks)


def _log(item: StoryTranslation, actor: User, action: str, before: str, after: str, reason: str):
    log_transition(TARGET_TRANSLATION, item.id, item.group_id, actor, action, before, after, reason)


TRANSLATION = Lifecycle(
    Transition(
        "approve",
        (TRANSLATION_SUBMITTED,),
        TRANSLATION_APPROVED,
        can_review_translation,
        _l("Only an educator of the translator's group can approve a translation."),
        _l("Only a translation waiting for review can be approved."),
    ),
    Transition(
        "reject",
        (TRANSLATION_SUBMITTED,),
        TRANSLATION_REJECTED,
        can_review_translation,
        _l("Only an educator of the translator's group can refuse a translation."),
        _l("Only a translation waiting for review can be refused."),
        _l("Say why, so that the translator can do it again."),
    ),
    Transition(
        "unpublish",
        (TRANSLATION_APPROVED,),
        TRANSLATION_UNPUBLISHED,
        can_unpublish_translation,
        _l("Only the educators of either group can take a translation down."),
        _l("Only a published translation can be taken down."),
        _l("Give the reason for taking the translation down."),
    ),
    labels={
        TRANSLATION_SUBMITTED: _l("Waiting for review"),
        TRANSLATION_APPROVED: _l("Published"),
        TRANSLATION_REJECTED: _l("Not accepted"),
        TRANSLATION_UNPUBLISHED: _l("Unpublished"),
    },
    phases={"waiting": (TRANSLATION_SUBMITTED,), "published": (TRANSLATION_APPROVED,)},
    log=_log,
)


def is_published(item: StoryTranslation) -> bool:
    """Approved by the translator's educators (and not taken down)."""
    return TRANSLATION.is_in(item, "published")


def translations_of(user: User, story: Story) -> list[StoryTranslation]:
    """The translations of the story this user may see (the rule above), oldest first."""
    query = (
        db.select(StoryTranslation)
        .where(StoryTranslation.story_id == story.id)
        .order_by(StoryTranslation.created_at, StoryTranslation.id)
    )
    return [t for t in db.session.scalars(query) if can_view_translation(user, t)]


def translatable_blocks(story: Story) -> list:
    """The blocks a translation puts into words: text and quotes, in order."""
    return [b for b in story.blocks if b.kind in TRANSLATED_KINDS]


def default_language(user: User, story: Story) -> str:
    """The translator's group's first language other than the story's (else English/French)."""
    group_id = member_side(user, story.round.exchange)
    group = db.session.get(Group, group_id) if group_id else None
    codes = [*(group.language_codes if group else ()), "en", "fr"]
    return next(c for c in codes if c in CONTENT_LANGUAGES and c != story.language)


def own_translation(user: User, story: Story) -> StoryTranslation | None:
    """This translator's translation not published: waiting, not accepted or taken down."""
    query = db.select(StoryTranslation).where(
        StoryTranslation.story_id == story.id,
        StoryTranslation.translator_id == user.id,
        StoryTranslation.status != TRANSLATION_APPROVED,
    )
    return db.session.scalars(query.order_by(StoryTranslation.id.desc())).first()


def _clean(story: Story, language: str, title: str, texts: dict) -> tuple[str, str, dict]:
    if language not in CONTENT_LANGUAGES or language == story.language:
        raise DomainError(_("Choose the language you translate into (not the story's own)."))
    title = " ".join((title or "").split())
    if not title or len(title) > MAX_TITLE:
        raise DomainError(_("Give the title in your language (at most 200 characters)."))
    kept = {}
    for block in translatable_blocks(story):
        text = (texts.get(block.id) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(text) > MAX_TEXT:
            raise DomainError(_("A block is too long: at most 20,000 characters."))
        if text:
            kept[str(block.id)] = text
    if translatable_blocks(story) and not kept:
        raise DomainError(_("Translate at least one block of the story."))
    return language, title, kept


def propose_translation(
    user: User, story: Story, language: str, title: str, texts: dict[int, str]
) -> StoryTranslation:
    """Send a translation to the translator's educators (a new one, or their open one again)."""
    if not can_translate_story(user, story):
        raise DomainError(_("Only the group over there can translate this story."))
    language, title, kept = _clean(story, language, title, texts)
    item = own_translation(user, story)
    if item is not None and item.status == TRANSLATION_SUBMITTED:
        # what the educator reads is what they approve: no change while it waits
        raise DomainError(_("Your translation is waiting for your educator's review."))
    values = {"language": language, "title": title, "texts": kept, "feedback": ""}
    if item is None:
        group_id = member_side(user, story.round.exchange)
        item = StoryTranslation(story=story, group_id=group_id, translator_id=user.id, **values)
        db.session.add(item)
        db.session.flush()
        before = ""
    else:
        before = item.status
        if not compare_and_set(
            item, {"status": before}, {**values, "status": TRANSLATION_SUBMITTED}
        ):
            raise lost_race()
    _log(item, user, "submit", before, TRANSLATION_SUBMITTED, "")
    link = site_path("stories.detail", story_id=story.id) + "#translations"
    notify(item.group.educators, "translation_submitted", link, story=story.title)
    db.session.commit()
    return item


def _effect(item: StoryTranslation, actor: User, action: str, reason: str) -> None:
    story = item.story
    link = site_path("stories.detail", story_id=story.id, translation=item.id)
    if action == "approve":
        item.published_at = utcnow()
        notify([item.translator], "translation_approved", link, story=story.title)
        told = [*story.authors, story.created_by]
        name = item.translator.display_name if item.translator else ""
        notify(told, "story_translated", link, story=story.title, name=name, group=item.group.name)
    else:
        item.feedback = reason
        notify([item.translator], "translation_refused", link, story=story.title, reason=reason)


def decide_translation(
    item: StoryTranslation, actor: User, action: str, reason: str = ""
) -> StoryTranslation:
    """Approve, refuse or take down a translation (the declared lifecycle, compare-and-set)."""
    return TRANSLATION.take(
        item, actor, action, reason, effect=lambda t, who, why: _effect(t, who, action, why)
    )
