"""Demo exchanges, rounds and paired stories, so a new visitor meets real content at once.

Called by `flask seed-demo` after the people exist; each exchange is created only once.
"""

from datetime import date, timedelta

from storyhub.accounts.models import User
from storyhub.core.models import utcnow
from storyhub.exchanges.models import STATUS_ACTIVE, STATUS_INVITED, Exchange, Round, Theme
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.moderation.services import log_transition
from storyhub.responses.models import COMMENT_APPROVED, Comment, Reaction
from storyhub.stories.models import STATUS_APPROVED, STATUS_SUBMITTED, Block, Story

LIVING_TOGETHER = "Vivre ensemble, ici et là-bas"
RIVERS = "Rivers and sea / Le fleuve et la mer"
INVITATION = "La musique de nos quartiers"


def seed_demo_exchanges() -> None:
    """Two twinned exchanges (one public, one private) and one pending invitation."""
    groups = {g.join_code: g for g in db.session.scalars(db.select(Group))}
    bordeaux, kaweni = groups.get("BORDEAUX"), groups.get("KAWENI26")
    ndar, cork = groups.get("NDARJEUN"), groups.get("CORKYOUT")
    if None in (bordeaux, kaweni, ndar, cork):
        return
    if _exists(LIVING_TOGETHER):
        return
    _living_together(bordeaux, kaweni)
    _rivers(ndar, cork)
    _invitation(kaweni, ndar)
    db.session.commit()


def _exists(title: str) -> bool:
    return db.session.scalar(db.select(Exchange.id).filter_by(title=title)) is not None


def _themes(*slugs: str) -> list[Theme]:
    return list(db.session.scalars(db.select(Theme).where(Theme.slug.in_(slugs))))


def _exchange(title, description, a: Group, b: Group, themes, languages, public: bool) -> Exchange:
    now = utcnow()
    educator_a, educator_b = a.educators[0], b.educators[0]
    exchange = Exchange(
        title=title,
        description=description,
        languages=languages,
        status=STATUS_ACTIVE,
        inviting_group=a,
        invited_group=b,
        invited_by_id=educator_a.id,
        answered_by_id=educator_b.id,
        answered_at=now - timedelta(days=40),
        starts_on=date.today() - timedelta(days=45),
        ends_on=date.today() + timedelta(days=200),
        invitation_message="Bonjour ! Nos jeunes aimeraient beaucoup vous lire.",
        inviting_published_at=now - timedelta(days=30),
        inviting_published_by_id=educator_a.id,
        invited_published_at=(now - timedelta(days=29)) if public else None,
        invited_published_by_id=educator_b.id if public else None,
    )
    exchange.themes.extend(themes)
    db.session.add(exchange)
    return exchange


def _round(exchange, question, guidance, opened_days_ago) -> Round:
    round_ = Round(
        exchange=exchange,
        question=question,
        guidance=guidance,
        opens_on=date.today() - timedelta(days=opened_days_ago),
        closes_on=date.today() + timedelta(days=60),
        proposed_by_id=exchange.inviting_group.educators[0].id,
    )
    db.session.add(round_)
    return round_


def _story(
    round_, group, authors, title, language, blocks, status=STATUS_APPROVED, days_ago=10
) -> Story:
    educator = group.educators[0]
    when = utcnow() - timedelta(days=days_ago)
    story = Story(
        round=round_,
        group=group,
        title=title,
        language=language,
        status=status,
        created_by_id=authors[0].id,
        submitted_at=when,
        published_at=when + timedelta(hours=20) if status == STATUS_APPROVED else None,
    )
    story.authors.extend(authors)
    for position, (kind, content, attribution) in enumerate(blocks):
        body = content if kind == "text" else ""
        text = content if kind == "quote" else ""
        story.blocks.append(
            Block(kind=kind, position=position, body_html=body, text=text, attribution=attribution)
        )
    db.session.add(story)
    db.session.flush()
    log_transition("story", story.id, group.id, authors[0], "submit", "draft", STATUS_SUBMITTED)
    if status == STATUS_APPROVED:
        log_transition(
            "story", story.id, group.id, educator, "approve", STATUS_SUBMITTED, STATUS_APPROVED
        )
    return story


def _members(group: Group, *names: str) -> list[User]:
    by_name = {member.display_name: member for member in group.members}
    return [by_name[name] for name in names if name in by_name]


def _living_together(bordeaux: Group, kaweni: Group) -> None:
    exchange = _exchange(
        LIVING_TOGETHER,
        "Une classe de Bordeaux et un club de jeunes de Mamoudzou se racontent leurs quartiers, "
        "leurs langues et leurs lieux de rencontre.",
        bordeaux,
        kaweni,
        _themes("living-together", "culture-and-memory"),
        "fr",
        public=True,
    )
    exchange.featured_at = utcnow()
    first = _round(
        exchange,
        "Que veut dire « vivre ensemble » là où tu vis ?",
        "Pensez à un moment précis : une fête, un marché, un trajet en bus.",
        35,
    )
    here = _story(
        first,
        bordeaux,
        _members(bordeaux, "Léa", "Yanis"),
        "Le marché des Capucins, le dimanche",
        "fr",
        [
            (
                "text",
                "<p>Le dimanche matin, tout le quartier descend au marché des Capucins. On y entend "
                "parler portugais, arabe, espagnol et gascon. Yanis aide son oncle au stand d’épices ; "
                "moi, je viens pour les huîtres de ma grand-mère.</p><p>Vivre ensemble, pour nous, "
                "c’est <strong>partager une table</strong> avec des gens qu’on ne connaît pas.</p>",
                "",
            ),
            (
                "quote",
                "Ici, personne ne te demande d’où tu viens, on te demande ce que tu veux goûter.",
                "Yanis, 13 ans",
            ),
            (
                "text",
                "<h2>Ce qu’on aimerait savoir de vous</h2><p>Est-ce qu’il y a un marché à Mamoudzou ? "
                "Qu’est-ce qu’on y mange ?</p>",
                "",
            ),
        ],
        days_ago=20,
    )
    there = _story(
        first,
        kaweni,
        _members(kaweni, "Faïza", "Nassim"),
        "La barge de 7 heures",
        "fr",
        [
            (
                "text",
                "<p>Chaque matin, la barge traverse le lagon entre Petite-Terre et Grande-Terre. "
                "Pendant vingt minutes, les lycéens, les mamans avec leurs paniers et les "
                "travailleurs sont tous ensemble sur le pont.</p><p>On se dit bonjour en "
                "<em>shimaoré</em> : « Jéjé ! » et on répond « Fétré ! ».</p>",
                "",
            ),
            (
                "quote",
                "Sur la barge, on est tous dans le même bateau. Pour de vrai.",
                "Faïza, 15 ans",
            ),
            (
                "text",
                "<p>Oui, il y a un grand marché couvert à Mamoudzou : bananes, manioc, "
                "ylang-ylang… Et vous, vous prenez le tram ?</p>",
                "",
            ),
        ],
        days_ago=18,
    )
    there.in_reply_to = here
    second = _round(
        exchange,
        "Un lieu où l’on se retrouve",
        "Photographiez ou décrivez un endroit où les jeunes se retrouvent après l’école.",
        5,
    )
    _story(
        second,
        bordeaux,
        _members(bordeaux, "Inès"),
        "Les quais au coucher du soleil",
        "fr",
        [
            ("text", "<p>Après le collège, on va sur les quais près du miroir d’eau…</p>", ""),
        ],
        status=STATUS_SUBMITTED,
        days_ago=1,
    )
    _responses(
        here,
        kaweni,
        "Nassim",
        "Chez nous aussi on mange ensemble le dimanche ! C’est quoi le gascon ?",
    )
    _responses(
        there, bordeaux, "Tom", "Vingt minutes de bateau pour aller au lycée, c’est trop bien."
    )


def _rivers(ndar: Group, cork: Group) -> None:
    exchange = _exchange(
        RIVERS,
        "Two river cities, Saint-Louis and Cork, tell each other about the water that shapes them. "
        "Deux villes de fleuve se racontent l’eau qui les façonne.",
        ndar,
        cork,
        _themes("environment", "youth-engagement"),
        "fr,en",
        public=False,
    )
    round_ = _round(exchange, "What does the river give you? / Que te donne le fleuve ?", "", 20)
    _story(
        round_,
        ndar,
        _members(ndar, "Aminata", "Moussa"),
        "Les pirogues de Guet Ndar",
        "fr",
        [
            (
                "text",
                "<p>Les pirogues peintes partent avant l’aube. Nos pères et nos oncles sont pêcheurs ; "
                "la mer avance chaque année un peu plus sur la Langue de Barbarie.</p>",
                "",
            ),
            ("quote", "Le fleuve nous nourrit, la mer nous inquiète.", "Aminata, 17 ans"),
        ],
        days_ago=9,
    )
    _story(
        round_,
        cork,
        _members(cork, "Aoife", "Cian"),
        "Swimming at the Lee Fields",
        "en",
        [
            (
                "text",
                "<p>In summer we swim in the River Lee at the Lee Fields. The water is freezing, "
                "even in July, but everyone goes: grannies, kids, the hurling team.</p>",
                "",
            ),
            ("quote", "Nobody is brave the first time. You just jump.", "Cian, 14"),
        ],
        days_ago=8,
    )


def _invitation(kaweni: Group, ndar: Group) -> None:
    exchange = Exchange(
        title=INVITATION,
        description="Danse, rap et chants traditionnels de Kawéni et de Guet Ndar.",
        languages="fr",
        status=STATUS_INVITED,
        inviting_group=kaweni,
        invited_group=ndar,
        invited_by_id=kaweni.educators[0].id,
        invitation_message="Nos jeunes font de la vidéo et de la danse : ça vous dit ?",
    )
    exchange.themes.extend(_themes("culture-and-memory"))
    db.session.add(exchange)


def _responses(story: Story, twin: Group, writer_name: str, text: str) -> None:
    writers = _members(twin, writer_name)
    if not writers:
        return
    writer, educator = writers[0], twin.educators[0]
    for member in twin.members[:3]:
        db.session.add(Reaction(story_id=story.id, user_id=member.id, kind="learned"))
    db.session.add(Reaction(story_id=story.id, user_id=writer.id, kind="thank_you"))
    comment = Comment(
        story_id=story.id,
        author_id=writer.id,
        group_id=twin.id,
        body=text,
        status=COMMENT_APPROVED,
        moderated_by_id=educator.id,
        moderated_at=utcnow(),
    )
    db.session.add(comment)
    db.session.flush()
    log_transition("comment", comment.id, twin.id, writer, "submit", "", "submitted")
    log_transition(
        "comment", comment.id, twin.id, educator, "approve", "submitted", COMMENT_APPROVED
    )


# A story translated by the twin group: Aoife, of the Cork club, puts the Saint-Louis story into
# English; her educator approves it (through the same service and rules as on the site).
TRANSLATION = (
    "Les pirogues de Guet Ndar",
    "Aoife",
    "en",
    "The pirogues of Guet Ndar",
    [
        "The painted pirogues leave before dawn. Our fathers and uncles are fishermen; every "
        "year the sea comes a little further onto the Langue de Barbarie.",
        "The river feeds us, the sea worries us.",
    ],
)


def seed_demo_translation() -> int:
    """The demo's translated story, once; returns how many were made."""
    from storyhub.stories.models import StoryTranslation
    from storyhub.stories.translating import (
        decide_translation,
        propose_translation,
        translatable_blocks,
    )

    title, name, language, translated_title, texts = TRANSLATION
    story = db.session.scalar(db.select(Story).filter_by(title=title))
    if story is None or db.session.scalar(
        db.select(StoryTranslation.id).filter_by(story_id=story.id)
    ):
        return 0
    twin = story.round.exchange.twin_of(story.group_id)
    translator = next((m for m in twin.members if m.display_name == name), None)
    if translator is None:
        return 0
    blocks = translatable_blocks(story)
    item = propose_translation(
        translator,
        story,
        language,
        translated_title,
        {b.id: t for b, t in zip(blocks, texts, strict=False)},
    )
    decide_translation(item, twin.educators[0], "approve")
    return 1
