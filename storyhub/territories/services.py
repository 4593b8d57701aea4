"""Territory operations: admins manage, verified educators propose."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from storyhub.accounts.mail import send_mail
from storyhub.accounts.models import User
from storyhub.core.countries import is_country_code
from storyhub.core.errors import DomainError
from storyhub.core.text import slugify
from storyhub.extensions import db
from storyhub.territories.models import (
    KINDS,
    STATUS_APPROVED,
    STATUS_PROPOSED,
    Territory,
    coarse,
)


@dataclass
class TerritoryDetails:
    """What describes a territory."""

    name: str
    country: str
    kind: str
    latitude: float
    longitude: float
    presentation: str = ""


def _unique_slug(name: str, country: str, territory_id: int | None) -> str:
    base = slugify(f"{name}-{country}", max_length=120)  # the column holds 140
    slug, n = base, 2
    while True:
        existing = db.session.scalar(db.select(Territory.id).filter_by(slug=slug))
        if existing is None or existing == territory_id:
            return slug
        slug, n = f"{base}-{n}", n + 1


def _apply(territory: Territory, details: TerritoryDetails) -> None:
    country = details.country.strip().upper()
    if not is_country_code(country):
        raise DomainError(_("Choose a country from the list."))
    if details.kind not in KINDS:
        raise DomainError(_("Choose a kind of territory from the list."))
    if not details.name.strip() or len(details.name.strip()) > 120:
        raise DomainError(_("Give a name of at most 120 characters."))
    if not (-90 <= details.latitude <= 90 and -180 <= details.longitude <= 180):
        raise DomainError(_("Latitude must be between -90 and 90, longitude between -180 and 180."))
    territory.name = details.name.strip()
    territory.country = country
    territory.kind = details.kind
    territory.latitude, territory.longitude = coarse(details.latitude), coarse(details.longitude)
    territory.presentation = details.presentation.strip()
    territory.slug = _unique_slug(territory.name, country, territory.id)


def create_territory(details: TerritoryDetails, by: User) -> Territory:
    """Admins create approved territories; verified educators propose them."""
    if by.is_admin:
        status = STATUS_APPROVED
    elif by.is_educator and by.is_verified:
        status = STATUS_PROPOSED
    else:
        raise DomainError(_("Only verified educators can propose a territory."))
    territory = Territory(status=status, proposed_by_id=by.id)
    _apply(territory, details)
    db.session.add(territory)
    db.session.commit()
    return territory


def update_territory(territory: Territory, details: TerritoryDetails) -> None:
    """Admin edits a territory."""
    _apply(territory, details)
    db.session.commit()


def approve_territory(territory: Territory) -> None:
    """Admin approves a proposed territory; the educator who proposed it is told (a notice,
    and an e-mail: they may be waiting for it to create their group)."""
    from storyhub.notifications.services import notify

    if territory.status != STATUS_PROPOSED:
        raise DomainError(_("This territory is not waiting for approval."))
    territory.status = STATUS_APPROVED
    proposer = territory.proposed_by
    notify([proposer], "territory_approved", "/groups/new", name=territory.name)
    db.session.commit()
    if proposer is not None and proposer.email:
        send_mail(
            proposer.email,
            _("%(name)s is on StoryHub", name=territory.name),
            _(
                "Hello %(person)s,\n\nThe territory you proposed, %(name)s, is approved: groups "
                "can now be created there.\n\nCreate your group: %(link)s",
                person=proposer.display_name,
                name=territory.name,
                link=url_for("groups.create", _external=True),
            ),
        )


def reject_territory(territory: Territory) -> None:
    """Admin refuses a proposal: it is deleted; the educator who proposed it is told."""
    from storyhub.notifications.services import notify

    if territory.status != STATUS_PROPOSED:
        raise DomainError(_("This territory is not waiting for approval."))
    notify([territory.proposed_by], "territory_refused", "/territories/", name=territory.name)
    db.session.delete(territory)
    db.session.commit()


def approved_territories() -> list[Territory]:
    """Territories groups can be created in, by name."""
    query = db.select(Territory).filter_by(status=STATUS_APPROVED).order_by(Territory.name)
    return list(db.session.scalars(query))


def proposed_territories(by: User | None = None) -> list[Territory]:
    """Proposals waiting for an admin, oldest first (only those of `by` when given)."""
    query = db.select(Territory).filter_by(status=STATUS_PROPOSED).order_by(Territory.created_at)
    if by is not None:
        query = query.filter_by(proposed_by_id=by.id)
    return list(db.session.scalars(query))
