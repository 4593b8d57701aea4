"""Deleting an account, and with it the person's name from everything StoryHub shows.

What goes, in one transaction (files after the commit):
- a story the person wrote alone is deleted with its media; a co-written story stays for its
  co-authors, without the person in its byline and without their name in its text;
- their comments (and the answers under them), reactions and the translations they made of
  their twins' stories are deleted (a translation is their own words, like a story written alone);
- every media item they uploaded or appear in is deleted, row and every stored file;
- their name is replaced by "a young person of <group>" in every text of their groups'
  exchanges (storyhub/rights/rewrite.py); the search index follows in the same commit;
- the moderation log keeps each decision, with the actor shown as "account deleted", and one
  entry "account deleted" that names no one;
- their session version is bumped before the row goes: no cookie of theirs signs anyone in.
"""

from flask_babel import gettext as _

from storyhub.accounts.models import ROLE_ADMIN, User
from storyhub.accounts.sessions import end_sessions
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import Group, group_educator
from storyhub.media.models import MediaItem
from storyhub.media.storage import get_storage
from storyhub.moderation.models import TARGET_STORY
from storyhub.moderation.services import log_transition
from storyhub.responses.models import Comment, Reaction
from storyhub.rights import collect
from storyhub.rights.jobs import forget_exports
from storyhub.rights.names import name_forms, placeholder
from storyhub.rights.rewrite import Rewriter, rewrite_everywhere
from storyhub.stories.models import Block, StoryTranslation

TARGET_ACCOUNT = "account"


class DeletionRefused(DomainError):
    """This account cannot be deleted now (the only educator of a group, the only admin)."""


def led_groups(person: User) -> list[Group]:
    """The groups an educator leads (not their practice groups: they go with the account)."""
    query = (
        db.select(Group)
        .join(group_educator)
        .where(group_educator.c.user_id == person.id, Group.is_sandbox.is_(False))
    )
    return list(db.session.scalars(query.order_by(Group.name)))


def deletion_refusal(person: User) -> str | None:
    """Why this account cannot be deleted now, or None."""
    if person.is_admin:
        admins = db.session.scalar(db.select(db.func.count(User.id)).filter_by(role=ROLE_ADMIN))
        if admins <= 1:
            return _("You are the only admin of StoryHub: make another admin first.")
    for group in led_groups(person) if person.is_educator else ():
        if len(group.educators) == 1:
            return _(
                "You are the only educator of %(group)s. Add another educator to the group "
                "(Educators, on the group's page) and let them take over, then delete your "
                "account.",
                group=group.name,
            )
    return None


def _storage_keys(item: MediaItem) -> list[str]:
    keys = [r["key"] for r in item.renditions or () if r.get("key")]
    return keys + [k for k in (item.master_key, item.source_key, item.poster_key) if k]


def _stories(person: User, actor: User | None, media: dict[int, MediaItem]) -> None:
    """Delete the stories written alone (and their media); leave co-written ones without them."""
    for story in collect.own_stories(person):
        if not any(a.id == person.id for a in story.authors):
            continue  # only started by them (an educator): stays, created_by goes to NULL
        if any(a.id != person.id for a in story.authors):
            story.authors = [a for a in story.authors if a.id != person.id]
            continue
        for item in db.session.scalars(db.select(MediaItem).filter_by(story_id=story.id)):
            media[item.id] = item
        log_transition(
            TARGET_STORY, story.id, story.group_id, actor, "delete_with_account", story.status, ""
        )
        db.session.delete(story)


def erase_account(person: User, actor: User | None) -> None:
    """Delete person's account and take their name out of everything (see the module)."""
    refusal = deletion_refusal(person)
    if refusal:
        raise DeletionRefused(refusal)
    if person.is_educator:
        from storyhub.sandbox.services import delete_sandbox

        delete_sandbox(person, commit=False)
    group_ids = {g.id for g in led_groups(person)} if not person.is_young else set()
    if person.group_id:
        group_ids.add(person.group_id)
    rewriter = Rewriter(name_forms(person), lambda language: placeholder(person, language))
    media = {item.id: item for item in collect.media(person)}
    db.session.execute(db.delete(Comment).where(Comment.author_id == person.id))
    db.session.execute(db.delete(Reaction).where(Reaction.user_id == person.id))
    for translation in db.session.scalars(db.select(StoryTranslation).filter_by(translator=person)):
        db.session.delete(translation)  # one by one: the search index follows at the commit
    _stories(person, actor, media)
    keys = [key for item in media.values() for key in _storage_keys(item)]
    keys += forget_exports(person)
    showing = db.select(Block).where(Block.media_id.in_(list(media)))
    for block in db.session.scalars(showing):
        block.media = None  # the block stays empty (as the FK does), and the index sees it now
    for item in media.values():
        db.session.delete(item)
    db.session.flush()
    rewrite_everywhere(rewriter, group_ids)
    log_transition(TARGET_ACCOUNT, person.id, person.group_id, actor, "delete_account")
    end_sessions(person)  # the row goes in this commit too: a token naming it finds no one
    db.session.flush()
    db.session.delete(person)
    db.session.commit()
    storage = get_storage()
    for key in keys:
        storage.delete(key)
