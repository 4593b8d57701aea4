"""Keeping the search index equal to the public stories: the hooks other services call.

Call `reindex_story(story)` after a story's visibility or content changes (approved,
unpublished, hidden, edited while public), `reindex_exchange(exchange)` after an exchange is
made public or private (or closed), and `remove_story(story_id)` before a story is deleted.
Each checks visibility with the stories' own rule and commits. The search query also joins
that rule, so a missed hook can hide a story from search but never leak one.
"""

import unicodedata
from collections.abc import Iterable

from sqlalchemy import delete, select, text
from sqlalchemy.orm import selectinload

from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.media.permissions import shown_media
from storyhub.public.queries import public_stories, translations_by_story
from storyhub.search.models import SearchDocument
from storyhub.search.text import fold_text, html_to_text
from storyhub.stories.models import BLOCK_QUOTE, BLOCK_TEXT, Story

BATCH = 500


def reindex_story(story: Story) -> bool:
    """Index the story if the public may read it, else drop it; True when it is indexed."""
    indexed = sync_stories([story.id])
    db.session.commit()
    return story.id in indexed


def reindex_exchange(exchange: Exchange) -> int:
    """Bring every story of the exchange in or out of the index; the number indexed."""
    ids = db.session.scalars(
        select(Story.id).join(Story.round).where(Round.exchange_id == exchange.id)
    ).all()
    indexed = sync_stories(ids)
    db.session.commit()
    return len(indexed)


def remove_story(story_id: int) -> None:
    """Drop a story from the index at once, whatever its state."""
    _drop_documents(db.session, [story_id])
    db.session.commit()


def _drop_documents(session, story_ids: list[int]) -> None:
    """Delete the documents of these stories, if they have any. A story that was never public
    has none: sending the DELETE anyway would count as a public change (storyhub/core/versions)
    and renew every public page at each save of a draft."""
    indexed = session.scalars(
        select(SearchDocument.story_id).where(SearchDocument.story_id.in_(story_ids))
    ).all()
    if indexed:
        session.execute(delete(SearchDocument).where(SearchDocument.story_id.in_(indexed)))


def reindex_all() -> int:
    """Rebuild the whole index from the public stories; the number indexed."""
    db.session.execute(
        delete(SearchDocument).where(SearchDocument.story_id.not_in(select(Story.id)))
    )
    ids = db.session.scalars(select(Story.id).order_by(Story.id)).all()
    count = 0
    for start in range(0, len(ids), BATCH):
        count += len(sync_stories(ids[start : start + BATCH]))
    if db.engine.dialect.name == "sqlite":  # rebuild FTS5 from search_document, whatever it held
        db.session.execute(
            text("INSERT INTO search_document_fts(search_document_fts) VALUES('rebuild')")
        )
    db.session.commit()
    return count


def sync_stories(story_ids: Iterable[int], session=None) -> set[int]:
    """Write the documents of the public stories among story_ids, delete the others; no commit.

    Returns the ids now indexed. `session` defaults to db.session.
    """
    session = session or db.session
    story_ids = list(story_ids)
    if not story_ids:
        return set()
    query = public_stories().where(Story.id.in_(story_ids)).options(selectinload(Story.blocks))
    stories = session.scalars(query).all()
    public_ids = {story.id for story in stories}
    hidden = [i for i in story_ids if i not in public_ids]
    if hidden:
        _drop_documents(session, hidden)
    if not public_ids:
        return public_ids
    existing = {
        doc.story_id: doc
        for doc in session.scalars(
            select(SearchDocument).where(SearchDocument.story_id.in_(public_ids))
        )
    }
    translated = translations_by_story(public_ids, session)
    for story in stories:
        doc = existing.get(story.id) or SearchDocument(story_id=story.id)
        _fill(doc, story, _media_texts(story), translated.get(story.id, []))
        session.add(doc)
    session.flush()
    return public_ids


def _fill(doc: SearchDocument, story: Story, media_texts: list[str], translations=()) -> None:
    """The story's words, and its public translations' folded into the index only (found in
    their language too): the snippet, shown in the story's language, keeps to the original;
    a hit names its translations with their own lang."""
    texts = block_texts(story) + media_texts + place_texts(story)
    body = unicodedata.normalize("NFC", "\n".join(_unique(texts)))
    translated = [text for t in translations for text in (t.title, *(t.texts or {}).values())]
    doc.title = unicodedata.normalize("NFC", story.title)
    doc.body = body
    titles = [doc.title, *(unicodedata.normalize("NFC", t.title) for t in translations)]
    doc.terms_title = fold_text(" ".join(titles))
    doc.terms_body = fold_text("\n".join([body, *translated]))
    doc.indexed_at = utcnow()


def block_texts(story: Story) -> list[str]:
    """The readable text of every block, in order: text, quotes and media captions."""
    texts = []
    for block in story.blocks:
        if block.kind == BLOCK_TEXT:
            texts.append(html_to_text(block.body_html))
        elif block.kind == BLOCK_QUOTE:
            texts.append(" — ".join(t for t in (block.text, block.attribution) if t))
        else:
            texts.append(block.text or "")
    return [t.strip() for t in texts if t and t.strip()]


def place_texts(story: Story) -> list[str]:
    """Where the story comes from, so "Bordeaux" finds the stories of Bordeaux's groups:
    the territory's name and the group's name (public facts of a public story)."""
    group = story.group
    return [name for name in (group.territory.name, group.name) if name]


def _media_texts(story: Story) -> list[str]:
    """Alt texts, captions and transcripts of the ready media the story's blocks show."""
    texts = []
    for item in shown_media(story):
        texts.extend(t.strip() for t in (item.alt_text, item.caption, item.transcript) if t)
    return [t for t in texts if t]


def _unique(texts: list[str]) -> list[str]:
    seen, kept = set(), []
    for item in texts:
        if item not in seen:
            seen.add(item)
            kept.append(item)
    return kept
