"""Every use of wagtail-modeladmin lives here (data-management listings), so a
later move to Wagtail's own ModelViewSet touches this module only."""

from django.contrib.admin import SimpleListFilter
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import ReferenceIndex
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import DeleteView, IndexView

from .imports import get_importer
from .models import OrganisationUnit, UnitKind, UnitMembership


class WithinUnitFilter(SimpleListFilter):
    """Limits the listing to one municipality or sector and everything under it."""

    title = _("within")
    parameter_name = "within"

    def lookups(self, request, model_admin):
        branches = OrganisationUnit.objects.filter(
            kind__in=[UnitKind.MUNICIPALITY, UnitKind.SECTOR]
        ).in_tree_order()
        return [(unit.code, unit.indented_name) for unit in branches]

    tree_path_lookup = "tree_path__startswith"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        branch = OrganisationUnit.objects.filter(code=self.value()).first()
        if branch is None:
            return queryset.none()
        return queryset.filter(**{self.tree_path_lookup: branch.tree_path})


class MembershipWithinUnitFilter(WithinUnitFilter):
    tree_path_lookup = "unit__tree_path__startswith"


class ReferenceAwareDeleteView(DeleteView):
    """Refuses to delete an object that content still refers to, naming what refers
    to it: database relations (PROTECT) and StreamField or rich-text references
    found by Wagtail's reference index."""

    def referencing_objects(self):
        references = ReferenceIndex.get_references_to(self.instance).group_by_source_object()
        return [source for source, _refs in references]

    def post(self, request, *args, **kwargs):
        referencing = self.referencing_objects()
        if referencing:
            context = self.get_context_data(protected_error=True, linked_objects=referencing)
            return self.render_to_response(context)
        with transaction.atomic():
            return super().post(request, *args, **kwargs)


class OrganisationUnitIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if get_importer("units").has_permission(self.request.user):
            context["import_url"] = reverse("wagtail_employer:import_upload", args=["units"])
        context["export_urls"] = [
            (label, reverse("wagtail_employer:export_units", args=[file_format]))
            for file_format, label in (("csv", "CSV"), ("xlsx", "XLSX"))
        ]
        return context


class OrganisationUnitButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, *args, **kwargs):
        buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
        buttons.append(
            {
                "url": reverse("wagtail_employer:unit_usage", args=[obj.pk]),
                "label": _("Usage"),
                "classname": "button button-small button-secondary",
                "title": _("Where %(unit)s is used") % {"unit": obj},
            }
        )
        return buttons


class OrganisationUnitAdmin(ModelAdmin):
    model = OrganisationUnit
    menu_label = _("Organisation units")
    menu_icon = "group"
    list_display = ("indented_name", "code", "kind", "leader")
    list_filter = ("kind", WithinUnitFilter)
    search_fields = ("name", "code")
    ordering = ("tree_path",)
    list_per_page = 100
    index_view_class = OrganisationUnitIndexView
    index_template_name = "wagtail_employer/admin/organisation_unit_index.html"
    delete_view_class = ReferenceAwareDeleteView
    button_helper_class = OrganisationUnitButtonHelper
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("leader"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("leader")


# The listing shows the name indented by depth; give the column its label.
OrganisationUnit.indented_name.fget.short_description = _("name")


class UnitMembershipAdmin(ModelAdmin):
    """Which unit each staff member works in: the people a leader and HR expect to have
    read a policy."""

    model = UnitMembership
    menu_label = _("Staff placements")
    menu_icon = "user"
    list_display = ("user", "unit")
    list_filter = (MembershipWithinUnitFilter,)
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")
    list_per_page = 100
    panels = [FieldPanel("user"), FieldPanel("unit")]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "unit")


class EmployerAdminGroup(ModelAdminGroup):
    menu_label = _("Employer strategy")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationUnitAdmin, UnitMembershipAdmin)

    def get_submenu_items(self):
        # The content snippets live on Wagtail's SnippetViewSet; list them in this menu
        # too, so editors find everything the package offers in one place.
        from .viewsets import value_set_viewset

        items = super().get_submenu_items()
        return [*items, value_set_viewset.get_menu_item(order=len(items) + 1)]
