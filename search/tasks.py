"""Background tasks of the site search (django-tasks)."""

from django_tasks import task

from search import indexing


@task()
def replay_search_queue() -> dict:
    """Send the engine the page updates it missed while it was down (`PendingIndexUpdate`)."""
    result = indexing.replay_pending()
    return {"replayed": result.replayed, "remaining": result.remaining, "error": result.error}
