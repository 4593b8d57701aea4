"""Import every model so that Alembic and the app see the whole schema."""

from storyhub.accounts.models import User  # noqa: F401
from storyhub.groups.models import Consent, Group, group_educator  # noqa: F401
from storyhub.territories.models import Territory  # noqa: F401
