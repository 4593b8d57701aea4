"""Authors are told about reactions to their story, grouped: one unread notice per story however
many reactions come; a new one once they have read it."""

from storyhub.extensions import db
from storyhub.notifications.models import Notification
from storyhub.responses import services
from tests import factories


def _notices(user):
    query = db.select(Notification).filter_by(user_id=user.id, kind="reactions_received")
    return list(db.session.scalars(query))


def test_the_author_is_told_once_for_many_reactions(pair):
    other_b = factories.make_young(pair.group_b)
    services.set_reaction(pair.young_b, pair.story, "learned")
    services.set_reaction(pair.young_b, pair.story, "thank_you")
    services.set_reaction(other_b, pair.story, "same_here")
    (note,) = _notices(pair.author)
    assert note.link == f"/stories/{pair.story.id}#responses"
    assert note.params == {"story": pair.story.title}


def test_once_read_a_new_reaction_makes_a_new_notice(pair):
    services.set_reaction(pair.young_b, pair.story, "learned")
    (note,) = _notices(pair.author)
    note.read_at = note.created_at
    db.session.commit()
    services.set_reaction(pair.young_b, pair.story, "thank_you")
    assert len(_notices(pair.author)) == 2


def test_taking_a_reaction_back_tells_nobody_and_others_are_not_told(pair):
    services.set_reaction(pair.young_b, pair.story, "learned")
    services.set_reaction(pair.young_b, pair.story, "learned")  # taken back
    assert len(_notices(pair.author)) == 1
    assert _notices(pair.other_a) == [] and _notices(pair.young_b) == []
