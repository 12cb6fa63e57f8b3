"""'Where is this used?' for models managed through wagtail-modeladmin."""

from wagtail.admin.views.generic.usage import UsageView
from wagtail.models import ReferenceIndex
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import OrganisationUnit


class OrganisationUnitUsageView(UsageView):
    model = OrganisationUnit
    pk_url_kwarg = "pk"
    index_url_name = "wagtail_employer_organisationunit_modeladmin_index"
    edit_url_name = "wagtail_employer_organisationunit_modeladmin_edit"
    usage_url_name = "wagtail_employer:unit_usage"
    # Named explicitly: Wagtail 7's UsageView checks nothing without a policy.
    permission_policy = ModelPermissionPolicy(OrganisationUnit)
    permission_required = "view"

    def get_queryset(self):
        return ReferenceIndex.get_references_to(self.object).group_by_source_object()
