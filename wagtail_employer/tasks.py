"""Background tasks (Django's tasks framework, the ``django-tasks`` backport that
Wagtail installs). Which backend runs them is the host project's ``TASKS`` setting; see
the README."""

import logging

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .imports import ImportRefused, get_importer
from .imports.progress import ProgressRecorder
from .models import PendingImport

logger = logging.getLogger(__name__)


@task()
def run_background_import(pending_import_id, language_code):
    """Confirm a queued import (see ``Importer.queue``), recording its progress.

    All or nothing as in the request: the import runs in one transaction. What happened
    is kept on the pending import (status, summary, failure message) for its progress
    page, in the language of the person who confirmed it.
    """
    pending = PendingImport.objects.filter(pk=pending_import_id).first()
    if pending is None:
        return "gone"  # deleted meanwhile (expired previews are cleaned up)
    importer = get_importer(pending.kind)
    recorder = ProgressRecorder(pending.pk)
    with translation.override(language_code):
        try:
            report = importer.confirm(pending, pending.created_by, progress=recorder, queued=True)
        except ImportRefused as refusal:
            importer.record_background_failure(pending, refusal)
            return "refused"
        except Exception:
            importer.record_background_failure(
                pending, ImportRefused(_("The import failed unexpectedly; nothing was imported."))
            )
            raise
        finally:
            recorder.close()
    return "failed" if report.has_errors else "imported"
