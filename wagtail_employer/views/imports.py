"""Admin views of the import: upload a file, see the preview, confirm.

django-import-export has no Wagtail integration, so these two views drive the import
service (``wagtail_employer.imports``) directly. Upload → preview is a redirect
(post/redirect/get): the file waits in a ``PendingImport`` row, so reloading the preview
or confirming it may be served by any application server.
"""

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..imports import ImportInterrupted, ImportRefused, ImportReport, get_importer
from ..imports.reading import ACCEPTED_EXTENSIONS, FileReadError, check_file_size
from ..imports.service import delimiter_name, row_numbering_note
from ..models import ImportProgress, PendingImport
from ..settings import employer_settings
from .refusal import refuse


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file (separated by commas, semicolons or tabs; UTF-8, UTF-16 or "
            "Windows-1252) or an Excel workbook (.xlsx, first worksheet). The first row "
            "must name the columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        # Refuse a large upload before reading it into memory.
        try:
            check_file_size(uploaded.size)
        except FileReadError as error:
            raise forms.ValidationError(error.message, code="too_large") from None
        return uploaded


class ImportSizeLimitHandler(FileUploadHandler):
    """Stops storing an upload once it passes ``IMPORT_MAX_FILE_SIZE``.

    Django keeps an upload in memory or in a temporary file until the view runs, so a
    check in the form alone would come after a 2 GB file had been written to disk. This
    handler sees each chunk first and skips the rest of the file (the other fields of
    the form are still read, so the form can say what went wrong).
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.max_size = employer_settings.IMPORT_MAX_FILE_SIZE
        self.received = 0
        self.refused_size = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_size:
            self.refused_size = self.received
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class ImportViewMixin(WagtailAdminTemplateMixin):
    """Finds the importer for the URL's ``kind`` and checks the person may use it."""

    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.importer = get_importer(kwargs["kind"])
        except LookupError:
            raise Http404 from None
        if not self.importer.has_permission(request.user):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)

    @property
    def kind(self):
        return self.importer.kind

    def get_listing_url(self):
        return reverse(self.importer.listing_url_name)

    def get_page_title(self):
        return self.importer.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.get_listing_url(), "label": self.importer.listing_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            listing_url=self.get_listing_url(),
            columns=self.importer.columns,
            instructions=self.importer.instructions,
            choice_tables=[
                (spec.label, self.importer.choice_values[spec.key].aliases.items())
                for spec in self.importer.columns
                if spec.key in self.importer.choice_values
            ],
            row_numbering_note=row_numbering_note(),
            max_file_size=filesizeformat(employer_settings.IMPORT_MAX_FILE_SIZE),
            max_rows=employer_settings.IMPORT_MAX_ROWS,
        )
        return context


# CSRF is checked in dispatch() instead of by the middleware, because the middleware
# reads the form (and with it the upload) before the size limit could be put in place.
@method_decorator(csrf_exempt, name="dispatch")
class ImportUploadView(ImportViewMixin, FormView):
    template_name = "wagtail_employer/admin/import_upload.html"

    def dispatch(self, request, *args, **kwargs):
        self.size_limit = ImportSizeLimitHandler(request)
        if request.method == "POST":
            request.upload_handlers.insert(0, self.size_limit)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if self.size_limit.refused_size is not None:
            # The file was not kept; say why instead of "this field is required".
            form.is_valid()
            form.errors.pop("file", None)
            message = _(
                "The file is larger than %(max_size)s; files up to %(max_size)s can be imported."
            ) % {"max_size": filesizeformat(self.size_limit.max_size)}
            form.add_error("file", message)
            return self.form_invalid(form)
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_form_class(self):
        return self.importer.upload_form_class or ImportUploadForm

    def get_initial(self):
        # Links from a listing may preselect an option, e.g. ?survey=3.
        return {key: value for key, value in self.request.GET.items() if key != "file"}

    def form_valid(self, form):
        uploaded = form.cleaned_data["file"]
        try:
            report = self.importer.preview(
                uploaded.read(),
                uploaded.name,
                self.request.user,
                options=self.importer.options_from_form(form.cleaned_data),
            )
        except ImportInterrupted as interruption:
            form.add_error("file", interruption.message)
            return self.form_invalid(form)
        if report.pending_import_id is None:
            for error in report.file_errors:
                form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(
            "wagtail_employer:import_preview",
            kind=self.kind,
            pending_id=report.pending_import_id,
        )


class ImportPreviewView(ImportViewMixin, TemplateView):
    template_name = "wagtail_employer/admin/import_preview.html"

    def get_page_title(self):
        return _("Import preview")

    @cached_property
    def pending_import(self):
        # Only the person who uploaded a file may see or confirm it.
        return get_object_or_404(
            PendingImport.objects.defer("content"),
            pk=self.kwargs["pending_id"],
            kind=self.kind,
            created_by=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pending = self.pending_import
        report = ImportReport.from_summary(pending.summary)
        expired = pending.status == PendingImport.Status.PREVIEWED and self.importer.is_expired(
            pending
        )
        context.update(
            pending_import=pending,
            report=report,
            expired=expired,
            queued=pending.status == PendingImport.Status.QUEUED,
            progress_url=reverse("wagtail_employer:import_progress", args=[self.kind, pending.pk]),
            confirmed=pending.status == PendingImport.Status.CONFIRMED,
            can_confirm=(
                pending.status == PendingImport.Status.PREVIEWED
                and not expired
                and not report.has_errors
            ),
            upload_url=reverse("wagtail_employer:import_upload", args=[self.kind]),
            delimiter_name=delimiter_name(report.delimiter),
            preview_lines=[
                {
                    "row": line.row,
                    "is_new": line.is_new,
                    "cells": [
                        (value, key in line.changed)
                        for (key, _header), value in zip(report.columns, line.cells, strict=False)
                    ],
                }
                for line in report.preview_rows
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        pending = self.pending_import
        if self.importer.runs_in_background(ImportReport.from_summary(pending.summary)):
            try:
                self.importer.queue(pending, translation.get_language())
            except ImportRefused as refusal:
                messages.error(request, refusal.message)
                return redirect(request.path)
            return redirect(
                "wagtail_employer:import_progress", kind=self.kind, pending_id=pending.pk
            )
        try:
            report = self.importer.confirm(pending, request.user)
        except ImportRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(request.path)
        if report.has_errors:
            messages.error(
                request,
                _(
                    "Nothing was imported: the file no longer fits the data as it is now. "
                    "The errors are listed below."
                ),
            )
            return redirect(request.path)
        messages.success(request, self.importer.imported_message(report))
        return redirect(self.get_listing_url())


class PendingImportMixin(ImportViewMixin):
    """The pending import of the URL; only the person who uploaded the file may see it."""

    @cached_property
    def pending_import(self):
        return get_object_or_404(
            PendingImport.objects.defer("content").select_related("progress"),
            pk=self.kwargs["pending_id"],
            kind=self.kind,
            created_by=self.request.user,
        )

    def get_progress(self):
        try:
            return self.pending_import.progress
        except ImportProgress.DoesNotExist:
            return None

    def get_status(self):
        """The import's state as the progress page and its status endpoint give it."""
        pending = self.pending_import
        progress = self.get_progress()
        report = ImportReport.from_summary(pending.summary)
        total = progress.total if progress else self.importer.import_size(report)
        done = progress.done if progress else 0
        if pending.status == PendingImport.Status.CONFIRMED:
            state, done = "done", total
        elif pending.status == PendingImport.Status.QUEUED:
            state = "running"
        elif pending.status == PendingImport.Status.FAILED or pending.failure_message:
            state = "failed"
        else:
            state = "not_started"
        percent = min(100, done * 100 // total) if total else (100 if state == "done" else 0)
        status = {
            "state": state,
            "done": done,
            "total": total,
            "percent": percent,
            "text": progress_text(done, total, percent),
            "message": "",
        }
        if state == "done":
            status["message"] = self.importer.imported_message(report)
        elif state == "failed":
            status["message"] = pending.failure_message or _(
                "Nothing was imported: the file no longer fits the data as it is now."
            )
        return status


def progress_text(done, total, percent):
    return _("%(done)s of %(total)s rows (%(percent)s %%)") % {
        "done": number_format(done, force_grouping=True),
        "total": number_format(total, force_grouping=True),
        "percent": percent,
    }


class ImportProgressView(PendingImportMixin, TemplateView):
    """How far a background import has come, and then how it ended.

    The page refreshes its figures through the status endpoint with the package's own
    script (no inline script: the admin may run under a strict Content-Security-Policy);
    without JavaScript, a "Refresh" link reloads it.
    """

    template_name = "wagtail_employer/admin/import_progress.html"

    def get_page_title(self):
        return _("Import progress")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pending = self.pending_import
        report = ImportReport.from_summary(pending.summary)
        context.update(
            pending_import=pending,
            report=report,
            status=self.get_status(),
            status_url=reverse("wagtail_employer:import_status", args=[self.kind, pending.pk]),
            preview_url=reverse("wagtail_employer:import_preview", args=[self.kind, pending.pk]),
            upload_url=reverse("wagtail_employer:import_upload", args=[self.kind]),
        )
        return context


class ImportStatusView(PendingImportMixin, View):
    """The progress page's figures as JSON: state, done, total, percent, text, message."""

    def get(self, request, *args, **kwargs):
        return JsonResponse(self.get_status())
