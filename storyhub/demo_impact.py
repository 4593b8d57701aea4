"""A finished, public demo exchange with its impact: before/after answers of every young person,
reflections (some shared and approved, some selected as most significant changes), educators'
observations, stories and responses both ways — so a new visitor meets a real impact page.

Called by `flask seed-demo` after the other demo exchanges; created only once.
"""

from datetime import date, timedelta

from storyhub.core.models import utcnow
from storyhub.exchanges.models import STATUS_CLOSED, Exchange, Round
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.impact import statements as st
from storyhub.impact.models import (
    MOMENT_BEFORE,
    MOMENT_FINAL,
    PHASE_AFTER,
    PHASE_BEFORE,
    REFLECTION_APPROVED,
    REFLECTION_PRIVATE,
    AnswerSet,
    Observation,
    Participant,
    Reflection,
    ScaleAnswer,
)
from storyhub.impact.services import _new_code
from storyhub.moderation.models import ModerationEntry
from storyhub.moderation.services import log_transition
from storyhub.responses.models import COMMENT_APPROVED, Comment, Reaction

HEROES = "Nos héros du quotidien / Everyday heroes"

# name: (before values, after values, before thoughts, after thoughts, reflection, shared,
#        selection (kind, reason) or None)
ANSWERS = {
    "Léa": (
        (2, 2, 3, 2),
        (4, 4, 4, 3),
        "Je pense que c'est le désert et qu'il fait toujours chaud.",
        "Il y a le fleuve, la mer, et des gens qui se battent pour leur quartier.",
        "Avant, je croyais que Saint-Louis, c'était le désert. Moussa nous a montré le fleuve "
        "et les pirogues : maintenant je regarde la Garonne autrement.",
        True,
        ("view_of_other", "Elle dit elle-même que l'image qu'elle avait s'est renversée."),
    ),
    "Yanis": (
        (1, 2, 2, 3),
        (3, 4, 3, 4),
        "Pas grand-chose, je ne sais pas où c'est.",
        "Ils ont les mêmes problèmes de bus que nous.",
        "J'ai posé une question sur les bus et Cheikh m'a répondu. On a les mêmes galères ! "
        "J'ai envie de faire un reportage sur notre ligne de tram.",
        True,
        ("engagement", "Il propose de lui-même un reportage sur son quartier."),
    ),
    "Inès": (
        (2, 3, 2, 2),
        (3, 4, 3, 4),
        "Des plages et de la musique.",
        "Des héros discrets partout : la tante d'Aminata, notre gardienne.",
        "J'ai lu mon texte devant la classe pour la vidéo. Je n'aurais jamais osé en septembre.",
        True,
        ("confidence", "Elle a pris la parole en public pour la première fois."),
    ),
    "Tom": (
        (3, 2, 2, 2),
        (3, 3, 2, 3),
        "Comme ici mais plus chaud.",
        "Pas si différent.",
        "Pas grand-chose, mais j'ai aimé les photos du pont.",
        False,
        None,
    ),
    "Moussa": (
        (1, 2, 3, 2),
        (3, 4, 4, 3),
        "Bordeaux, c'est le vin et les châteaux, des gens riches.",
        "Une ville avec un fleuve comme nous, et des jeunes qui cherchent du travail aussi.",
        "Je pensais que tout le monde était riche à Bordeaux. Léa a parlé de sa mère qui "
        "fait deux métiers. On se ressemble plus que je croyais.",
        True,
        ("view_of_other", "Il nomme le stéréotype qu'il avait et ce qui l'a défait."),
    ),
    "Aminata": (
        (2, 2, 3, 3),
        (4, 4, 4, 4),
        "Le froid et la pluie.",
        "Ils s'intéressent à nous.",
        "Écrire avec Moussa m'a appris à interviewer ma tante. Je veux continuer la radio "
        "du quartier.",
        True,
        ("skills", "Elle a appris à mener un entretien et veut continuer."),
    ),
    "Cheikh": (
        (2, 1, 2, 3),
        (3, 3, 3, 3),
        "Je ne sais pas.",
        "Ils posent beaucoup de questions.",
        "Répondre aux questions des Bordelais m'a fait réfléchir à mon propre quartier.",
        False,
        None,
    ),
}
OBSERVATIONS = [
    ("BORDEAUX", 50, True, "Les élèves ont commencé à se poser des questions sur leur propre "
     "quartier après les récits de Guet Ndar : trois d'entre eux ont interviewé un voisin."),
    ("NDARJEUN", 40, True, "Les jeunes, d'abord timides, ont pris l'habitude de répondre à chaque "
     "question reçue, souvent le soir même."),
    ("BORDEAUX", 20, False, "Tom reste en retrait : à accompagner au prochain échange."),
]  # fmt: skip


def seed_demo_impact() -> None:
    """The finished exchange between the Bordeaux class and the Saint-Louis association."""
    if db.session.scalar(db.select(Exchange.id).filter_by(title=HEROES)) is not None:
        return
    groups = {g.join_code: g for g in db.session.scalars(db.select(Group))}
    bordeaux, ndar = groups.get("BORDEAUX"), groups.get("NDARJEUN")
    if bordeaux is None or ndar is None:
        return
    exchange = _exchange(bordeaux, ndar)
    statements = st.ensure_statements(exchange)
    for group in (bordeaux, ndar):
        for member in group.members:
            if member.display_name in ANSWERS:
                _answers(exchange, group, member, statements, ANSWERS[member.display_name])
    for code, days_ago, public, text in OBSERVATIONS:
        group = groups[code]
        db.session.add(
            Observation(
                exchange_id=exchange.id, group_id=group.id, author_id=group.educators[0].id,
                observed_on=date.today() - timedelta(days=days_ago), body=text, is_public=public,
            )
        )  # fmt: skip
    db.session.commit()


def _exchange(bordeaux: Group, ndar: Group) -> Exchange:
    from storyhub.demo_stories import _members, _story, _themes

    now = utcnow()
    exchange = Exchange(
        title=HEROES,
        description="Chaque groupe a présenté une personne de son quartier qui change les choses "
        "sans bruit. Each group introduced a quiet hero of their neighbourhood.",
        languages="fr",
        status=STATUS_CLOSED,
        inviting_group=bordeaux, invited_group=ndar,
        invited_by_id=bordeaux.educators[0].id, answered_by_id=ndar.educators[0].id,
        answered_at=now - timedelta(days=120), closed_at=now - timedelta(days=5),
        starts_on=date.today() - timedelta(days=120), ends_on=date.today() - timedelta(days=5),
        inviting_published_at=now - timedelta(days=4), inviting_published_by_id=bordeaux.educators[0].id,
        invited_published_at=now - timedelta(days=3), invited_published_by_id=ndar.educators[0].id,
    )  # fmt: skip
    exchange.themes.extend(_themes("citizen-participation", "living-together"))
    db.session.add(exchange)
    round_ = Round(
        exchange=exchange, question="Qui est le héros discret de votre quartier ?",
        guidance="Une personne que vous connaissez, pas une célébrité. Pas de nom de famille.",
        opens_on=date.today() - timedelta(days=100), closes_on=date.today() - timedelta(days=30),
        proposed_by_id=bordeaux.educators[0].id,
    )  # fmt: skip
    db.session.add(round_)
    db.session.flush()
    here = _story(round_, bordeaux, _members(bordeaux, "Léa", "Inès"), "La gardienne de la rue Kléber",
                  "fr", [("text", "<p>Madame Rose arrose les plantes de tout l'immeuble et connaît le "
                          "prénom de chaque enfant.</p>", "")], days_ago=70)  # fmt: skip
    there = _story(round_, ndar, _members(ndar, "Aminata", "Moussa"), "Ma tante, la radio du quartier",
                   "fr", [("text", "<p>Chaque matin, ma tante annonce les nouvelles du quartier au "
                           "marché de Guet Ndar.</p>", "")], days_ago=65)  # fmt: skip
    _responses(exchange, here, there, bordeaux, ndar)
    _second_round(exchange, bordeaux, ndar)
    return exchange


def _second_round(exchange: Exchange, bordeaux: Group, ndar: Group) -> None:
    """A second round, answered first by Saint-Louis: the balance shows it round by round."""
    from storyhub.demo_stories import _members, _story

    round_ = Round(
        exchange=exchange, question="Qu'aimeriez-vous changer dans votre quartier ?",
        guidance="Une idée que vous pourriez porter vous-mêmes.",
        opens_on=date.today() - timedelta(days=28), closes_on=date.today() - timedelta(days=8),
        proposed_by_id=ndar.educators[0].id,
    )  # fmt: skip
    db.session.add(round_)
    db.session.flush()
    there = _story(round_, ndar, _members(ndar, "Cheikh"), "Un terrain pour les filles aussi",
                   "fr", [("text", "<p>Le terrain de foot de Guet Ndar est toujours pris par les "
                           "garçons. Nous voulons des horaires pour tout le monde.</p>", "")],
                   days_ago=20)  # fmt: skip
    here = _story(round_, bordeaux, _members(bordeaux, "Yanis", "Tom"), "Des bancs sur les quais",
                  "fr", [("text", "<p>Sur les quais, il n'y a nulle part où s'asseoir sans "
                          "payer un café. Nous avons écrit à la mairie de quartier.</p>", "")],
                  days_ago=14)  # fmt: skip
    by_name = {m.display_name: m for g in (bordeaux, ndar) for m in g.members}
    for name, story, kind in [("Léa", there, "same_here"), ("Inès", there, "learned"),
                              ("Tom", there, "thank_you"), ("Aminata", here, "same_here"),
                              ("Moussa", here, "question")]:  # fmt: skip
        if name in by_name:
            db.session.add(Reaction(story_id=story.id, user_id=by_name[name].id, kind=kind))


def _responses(exchange, here, there, bordeaux: Group, ndar: Group) -> None:
    by_name = {m.display_name: m for g in (bordeaux, ndar) for m in g.members}
    for name, story, kind in [("Moussa", here, "learned"), ("Cheikh", here, "question"),
                              ("Aminata", here, "thank_you"), ("Yanis", there, "question"),
                              ("Léa", there, "same_here"), ("Tom", there, "learned")]:  # fmt: skip
        if name in by_name:
            db.session.add(Reaction(story_id=story.id, user_id=by_name[name].id, kind=kind))
    for asker, story, side, question, answerer, answer in [
        ("Yanis", there, bordeaux, "Est-ce que les bus passent souvent chez vous ?",
         "Cheikh", "Pas assez ! On attend parfois une heure."),
        ("Cheikh", here, ndar, "Madame Rose est payée pour ça ?", "Léa", "Non, elle le fait pour tout le monde."),
    ]:  # fmt: skip
        if asker not in by_name or answerer not in by_name:
            continue
        comment = Comment(story_id=story.id, author_id=by_name[asker].id, group_id=side.id,
                          body=question, status=COMMENT_APPROVED)  # fmt: skip
        db.session.add(comment)
        db.session.flush()
        db.session.add(
            Comment(story_id=story.id, author_id=by_name[answerer].id, parent_id=comment.id,
                    group_id=story.group_id, body=answer, status=COMMENT_APPROVED)
        )  # fmt: skip


def _answers(exchange, group, member, statements, row) -> None:
    before, after, thoughts_before, thoughts_after, text, shared, selection = row
    db.session.add(Participant(exchange_id=exchange.id, user_id=member.id, group_id=group.id,
                               code=_new_code()))  # fmt: skip
    for phase, moment, values, thoughts in [(PHASE_BEFORE, MOMENT_BEFORE, before, thoughts_before),
                                            (PHASE_AFTER, MOMENT_FINAL, after, thoughts_after)]:  # fmt: skip
        answer_set = AnswerSet(exchange_id=exchange.id, user_id=member.id, group_id=group.id,
                               phase=phase, moment=moment, thoughts=thoughts)  # fmt: skip
        answer_set.answers = [
            ScaleAnswer(statement_id=s.id, value=v)
            for s, v in zip(statements, values, strict=False)
        ]
        db.session.add(answer_set)
    db.session.flush()
    reflection = Reflection(
        answer_set_id=answer_set.id, exchange_id=exchange.id, author_id=member.id,
        group_id=group.id, body=text, status=REFLECTION_APPROVED if shared else REFLECTION_PRIVATE,
    )  # fmt: skip
    now = utcnow()
    if shared:  # each educator took from a few hours to a day and a half to decide
        wait = timedelta(hours=5 + 7 * (len(member.display_name) % 5))
        reflection.submitted_at = now - timedelta(days=4)
        reflection.published_at = reflection.submitted_at + wait
    if selection:
        reflection.selected_at, reflection.selected_by_id = (
            now - timedelta(days=2),
            group.educators[0].id,
        )
        reflection.change_kind, reflection.selection_reason = selection
    db.session.add(reflection)
    db.session.flush()
    if shared:
        log_transition(
            "reflection", reflection.id, group.id, member, "share", "private", "submitted"
        )
        log_transition("reflection", reflection.id, group.id, group.educators[0], "approve",
                       "submitted", "approved")  # fmt: skip
        _dated_log(reflection)


def _dated_log(reflection: Reflection) -> None:
    """The demo's log says when it happened (the follow-up's turnaround reads it)."""
    moments = {"share": reflection.submitted_at, "approve": reflection.published_at}
    for entry in db.session.new:
        if isinstance(entry, ModerationEntry) and entry.target_id == reflection.id:
            entry.created_at = moments.get(entry.action, entry.created_at)
