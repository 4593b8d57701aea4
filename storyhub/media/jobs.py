"""Media processing as a queued job (MEDIA_PROCESSING=rq, storyhub/core/jobs.py): services
`_dispatch` queues `process`, with `failed` to run if the job fails."""

import logging

from redis.exceptions import RedisError

from storyhub.core.jobs import enqueue
from storyhub.extensions import db
from storyhub.media import pipeline, services, sweep
from storyhub.media.models import STATUS_PROCESSING, MediaItem
from storyhub.media.processing import MediaRefused

log = logging.getLogger(__name__)


def queue_processing(media: MediaItem) -> MediaItem:
    """Hand a stored upload to the workers; if the queue cannot be reached, refuse it now."""
    try:
        enqueue("storyhub.media.jobs.process", media.id, on_failure="storyhub.media.jobs.failed")
    except RedisError:
        log.exception("queueing media %s failed", media.id)
        services.delete_media(media)
        raise services.UploadRefused(MediaRefused("server_error")) from None
    return media


def process(media_id: int) -> None:
    """The worker's job: first the uploads a crash left processing, then this one."""
    sweep.sweep_stuck_media()
    pipeline.process_media(media_id)


def failed(media_id: int) -> None:
    """The job failed (an error, its timeout, its process killed): as an interrupted upload,
    the item is marked failed, its original and what processing wrote are deleted, and its
    uploader is told (media/sweep.py)."""
    media = db.session.get(MediaItem, media_id)
    if media is not None and media.status == STATUS_PROCESSING:
        sweep.fail_interrupted([media])
