"""Admin URLs of the package, included under the ``wagtail_employer`` namespace."""

from django.urls import path

from .views import exports, imports, reports, usage

urlpatterns = [
    path("import/<slug:kind>/", imports.ImportUploadView.as_view(), name="import_upload"),
    path(
        "import/<slug:kind>/<uuid:pending_id>/",
        imports.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path("export/units.<slug:file_format>", exports.export_units, name="export_units"),
    path(
        "reports/read-confirmations/",
        reports.ReadConfirmationReportView.as_view(),
        name="read_confirmations",
    ),
    path(
        "reports/read-confirmations/results/",
        reports.ReadConfirmationReportView.as_view(results_only=True),
        name="read_confirmations_results",
    ),
    path(
        "reports/policy-reviews/",
        reports.PoliciesDueForReviewView.as_view(),
        name="policy_reviews",
    ),
    path(
        "reports/policy-reviews/results/",
        reports.PoliciesDueForReviewView.as_view(results_only=True),
        name="policy_reviews_results",
    ),
    path(
        "units/<int:pk>/usage/",
        usage.OrganisationUnitUsageView.as_view(),
        name="unit_usage",
    ),
]
