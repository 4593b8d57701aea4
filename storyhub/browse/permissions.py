"""Who may curate the public pages: admins feature exchanges and choose territory pictures."""

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange


def can_feature_exchange(user: User, exchange: Exchange) -> bool:
    """Admins feature (or stop featuring) a public exchange on the home page."""
    return user.is_authenticated and user.is_admin and exchange.is_public


def can_manage_territory_picture(user: User) -> bool:
    """Admins choose the picture of a territory."""
    return user.is_authenticated and user.is_admin
