"""Admin URLs of the package, included under the ``wagtail_employer`` namespace."""

from django.urls import path

from .views import agreements, exports, imports, reports, self_assessments, usage

urlpatterns = [
    path("import/<slug:kind>/", imports.ImportUploadView.as_view(), name="import_upload"),
    path(
        "import/<slug:kind>/<uuid:pending_id>/",
        imports.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "import/<slug:kind>/<uuid:pending_id>/progress/",
        imports.ImportProgressView.as_view(),
        name="import_progress",
    ),
    path(
        "import/<slug:kind>/<uuid:pending_id>/status.json",
        imports.ImportStatusView.as_view(),
        name="import_status",
    ),
    path("export/units.<slug:file_format>", exports.export_units, name="export_units"),
    path(
        "export/agreements.<slug:file_format>",
        agreements.export_agreements,
        name="export_agreements",
    ),
    path("agreements/", agreements.MyAgreementsView.as_view(), name="my_agreements"),
    path("agreements/new/", agreements.CreateAgreementView.as_view(), name="agreement_create"),
    path(
        "agreements/<int:page_id>/sign/",
        agreements.SignAgreementView.as_view(),
        name="agreement_sign",
    ),
    path(
        "agreements/<int:page_id>/next-year/",
        agreements.NextYearAgreementView.as_view(),
        name="agreement_next_year",
    ),
    path(
        "agreements/<int:page_id>/end/",
        agreements.EndAgreementView.as_view(),
        name="agreement_end",
    ),
    path(
        "agreements/<int:page_id>/hand-over/",
        agreements.HandOverAgreementView.as_view(),
        name="agreement_hand_over",
    ),
    path(
        "export/survey-results/<int:pk>.<slug:file_format>",
        exports.export_survey_results,
        name="export_survey_results",
    ),
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
    path(
        "self-assessments/",
        self_assessments.SelfAssessmentIndexView.as_view(),
        name="self_assessment_index",
    ),
    path(
        "self-assessments/policy/<int:policy_pk>/new/",
        self_assessments.SelfAssessmentCreateView.as_view(),
        name="self_assessment_add",
    ),
    path(
        "self-assessments/<int:pk>/",
        self_assessments.SelfAssessmentEditView.as_view(),
        name="self_assessment_edit",
    ),
    path(
        "self-assessments/<int:pk>/delete/",
        self_assessments.SelfAssessmentDeleteView.as_view(),
        name="self_assessment_delete",
    ),
]
