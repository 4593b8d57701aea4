"""Import every model so that Alembic and the app see the whole schema."""

from storyhub.accounts.models import User  # noqa: F401
from storyhub.browse.models import TerritoryPicture  # noqa: F401
from storyhub.core.versions import ContentVersion  # noqa: F401
from storyhub.exchanges.models import Exchange, Round, Theme, exchange_theme, story_theme  # noqa: F401
from storyhub.groups.models import Consent, Group, group_educator  # noqa: F401
from storyhub.impact.models import (  # noqa: F401
    AnswerSet,
    Observation,
    Participant,
    Reflection,
    ScaleAnswer,
    Statement,
)
from storyhub.media.models import MediaItem, PanoramaPortal, media_person  # noqa: F401
from storyhub.moderation.models import ModerationEntry  # noqa: F401
from storyhub.notifications.models import Notification  # noqa: F401
from storyhub.reports.models import Appeal, Report  # noqa: F401
from storyhub.responses.models import Comment, Reaction  # noqa: F401
from storyhub.rights.models import DataExport  # noqa: F401
from storyhub.search.models import SearchDocument  # noqa: F401
from storyhub.stories.models import Block, Story, StoryTranslation, story_author  # noqa: F401
from storyhub.territories.models import Territory  # noqa: F401
