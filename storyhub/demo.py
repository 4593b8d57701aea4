"""Realistic demo data in French and English, for trying StoryHub locally."""

from datetime import date

from storyhub.accounts.models import ROLE_ADMIN, ROLE_EDUCATOR, User
from storyhub.accounts.services import new_young_person
from storyhub.core.models import utcnow
from storyhub.core.passwords import hash_password
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, Consent, Group
from storyhub.territories.models import Territory

ADMIN = ("admin@storyhub.example", "Camille Admin", "admin-demo-2026")
EDUCATOR_PASSWORD = "educator-demo-2026"
YOUNG_PASSWORD = "jeune-demo-26"

TERRITORIES = [
    (
        "Bordeaux",
        "FR",
        "commune",
        44.84,
        -0.58,
        "Ville portuaire sur la Garonne, dans le sud-ouest de la France : quais, tramway, marchés.",
    ),
    (
        "Mamoudzou",
        "YT",
        "commune",
        -12.78,
        45.23,
        "Chef-lieu de Mayotte, dans l'océan Indien : lagon, barges vers Petite-Terre, langue shimaoré.",
    ),
    (
        "Saint-Louis",
        "SN",
        "commune",
        16.03,
        -16.49,
        "Ancienne capitale du Sénégal, sur une île du fleuve : pêcheurs de Guet Ndar, pont Faidherbe.",
    ),
]

GROUPS = [
    # territory, name, kind, ages, languages, educator, young people
    (
        "Bordeaux",
        "4e B — Collège Jean Moulin",
        "class",
        (13, 14),
        "fr,en",
        ("Sophie Martin", "sophie.martin@college-bordeaux.example"),
        ["Léa", "Yanis", "Inès", "Tom"],
    ),
    (
        "Mamoudzou",
        "Club jeunes de Kawéni",
        "club",
        (14, 17),
        "fr,swb",
        ("Anli Madi", "anli.madi@kaweni-club.example"),
        ["Nassim", "Faïza", "Ansufati"],
    ),
    (
        "Saint-Louis",
        "Association Jeunesse Ndar",
        "association",
        (15, 19),
        "fr,wo",
        ("Awa Diop", "awa.diop@jeunesse-ndar.example"),
        ["Moussa", "Aminata", "Cheikh"],
    ),
]


def _adult(role: str, name: str, email: str, password: str) -> User:
    user = User(
        role=role,
        display_name=name,
        email=email,
        password_hash=hash_password(password),
        verified_at=utcnow(),
    )
    db.session.add(user)
    return user


def seed_demo() -> list[str]:
    """Create the demo data once; return the credentials to print."""
    if db.session.scalar(db.select(User.id).filter_by(email=ADMIN[0])) is not None:
        return ["Demo data already present.", *credentials()]
    admin = _adult(ROLE_ADMIN, ADMIN[1], ADMIN[0], ADMIN[2])
    territories = {}
    for name, country, kind, lat, lon, text in TERRITORIES:
        territories[name] = Territory(
            name=name,
            slug=f"{name.lower().replace(' ', '-')}-{country.lower()}",
            country=country,
            kind=kind,
            latitude=lat,
            longitude=lon,
            presentation=text,
            proposed_by_id=None,
        )
        db.session.add(territories[name])
    db.session.flush()
    for territory, name, kind, ages, languages, (edu_name, edu_email), young in GROUPS:
        educator = _adult(ROLE_EDUCATOR, edu_name, edu_email, EDUCATOR_PASSWORD)
        educator.verified_by_id = admin.id
        group = Group(
            name=name,
            territory=territories[territory],
            kind=kind,
            age_min=ages[0],
            age_max=ages[1],
            languages=languages,
            join_code=_code(name),
            open_to_twinning=True,
            presentation=f"{name}, {territory}.",
        )
        group.educators.append(educator)
        db.session.add(group)
        db.session.flush()
        for display_name in young:
            username = _username(display_name, territory)
            member = new_young_person(group, display_name, username, YOUNG_PASSWORD)
            db.session.add(member)
            db.session.flush()
            for kind_ in (CONSENT_PARENTAL, CONSENT_IMAGE):
                db.session.add(
                    Consent(
                        user_id=member.id,
                        kind=kind_,
                        granted=True,
                        given_on=date(2026, 9, 15),
                        recorded_by_id=educator.id,
                    )
                )
    db.session.commit()
    return ["Demo data created.", *credentials()]


def _code(name: str) -> str:
    return {"4e B": "BORDEAUX", "Club": "KAWENI26", "Asso": "NDARJEUN"}.get(name[:4], "DEMOCODE")


def _username(display_name: str, territory: str) -> str:
    from storyhub.core.text import slugify

    return f"{slugify(display_name)}.{slugify(territory)[:3]}"


def credentials() -> list[str]:
    """The demo sign-in lines."""
    lines = [f"  admin      {ADMIN[0]} / {ADMIN[2]}"]
    for territory, name, _kind, _ages, _langs, (_n, email), young in GROUPS:
        lines.append(f"  educator   {email} / {EDUCATOR_PASSWORD}   ({name})")
        users = ", ".join(_username(y, territory) for y in young)
        lines.append(f"  young      {users} / {YOUNG_PASSWORD}")
    lines.append("  join codes BORD-EAUX, KAWE-NI26, NDAR-JEUN")
    return lines
