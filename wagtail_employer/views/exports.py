"""Admin exports: the organisation tree as CSV or XLSX, in the shape the import reads."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from ..imports.formulae import escape_dataset
from ..imports.resources import OrganisationUnitResource
from ..imports.surveys import export_dataset
from ..models import Survey
from ..privacy import is_hr
from .refusal import refuse

EXPORT_FORMATS = {
    # UTF-8 with a BOM, because Excel reads a CSV without one as Windows-1252 and
    # garbles æøå.
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(dataset, file_format, file_name):
    if file_format == "csv":
        body = "\ufeff" + dataset.export("csv")
    else:
        body = dataset.export("xlsx")
    response = HttpResponse(body, content_type=EXPORT_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{file_name}.{file_format}"'
    return response


def export_survey_results(request, pk, file_format):
    """A survey's results in the long layout the import reads. Outside HR, the scores
    that the anonymity rule hides are left empty."""
    if file_format not in EXPORT_FORMATS:
        raise Http404
    if not request.user.has_perm("wagtail_employer.view_surveyresult"):
        return refuse(request)
    survey = get_object_or_404(Survey, pk=pk)
    dataset = export_dataset(survey, reveal_hidden=is_hr(request.user))
    return file_response(dataset, file_format, f"survey-results-{survey.slug}")


def export_units(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    if not request.user.has_perm("wagtail_employer.view_organisationunit"):
        return refuse(request)

    dataset = escape_dataset(OrganisationUnitResource().export())
    if file_format == "csv":
        body = "\ufeff" + dataset.export("csv")
    else:
        body = dataset.export("xlsx")
    response = HttpResponse(body, content_type=EXPORT_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="organisation-units.{file_format}"'
    return response
