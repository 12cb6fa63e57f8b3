"""Uploaded files waiting between an import's preview and its confirmation.

Kept in the database, not on local disk or in process memory, so that preview and
confirm may be served by different application servers.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        # Confirmed and handed to a background task, which is importing it.
        QUEUED = "queued", _("Importing")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=50)
    options = models.JSONField(_("options"), default=dict, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Why a background import did not finish (shown on its progress page), in the
    # language of the person who confirmed it.
    failure_message = models.TextField(_("failure message"), blank=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind}: {self.file_name}"


class ImportProgress(models.Model):
    """How far a background import has come: rows done out of the preview's total.

    A row of its own, apart from the :class:`PendingImport`, because the import holds a
    lock on that row until it commits; the progress is written meanwhile through a
    second database connection (``wagtail_employer.imports.progress``), which would
    wait for that lock.
    """

    pending_import = models.OneToOneField(
        PendingImport,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="progress",
        verbose_name=_("pending import"),
    )
    done = models.PositiveIntegerField(_("rows done"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("import progress")
        verbose_name_plural = _("import progress")

    def __str__(self):
        return f"{self.pending_import}: {self.done}/{self.total}"

    @property
    def percent(self):
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)
