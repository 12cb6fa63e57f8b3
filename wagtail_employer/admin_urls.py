"""Admin URLs of the package, included under the ``wagtail_employer`` namespace."""

from django.urls import path

from .views import exports, imports, usage

urlpatterns = [
    path("import/<slug:kind>/", imports.ImportUploadView.as_view(), name="import_upload"),
    path(
        "import/<slug:kind>/<uuid:pending_id>/",
        imports.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path("export/units.<slug:file_format>", exports.export_units, name="export_units"),
    path(
        "export/survey-results/<int:pk>.<slug:file_format>",
        exports.export_survey_results,
        name="export_survey_results",
    ),
    path(
        "units/<int:pk>/usage/",
        usage.OrganisationUnitUsageView.as_view(),
        name="unit_usage",
    ),
]
