"""The workplace presentation (sjølvpresentasjon, seed 001): what a workplace tells
residents, users, the press and job seekers about itself, made with its staff."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api import OrganisationUnitField
from ..blocks.workplace import PersonBlock, WorkplaceSectionsBlock, WorkplaceTheme
from .base import EmployerPageMixin
from .goals import Goal
from .org import OrganisationUnit


class WorkplacePage(EmployerPageMixin, Page):
    """One workplace's presentation: themed sections in its own order, contact, people."""

    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="workplace_pages",
        help_text=_("The unit this page presents."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    sections = StreamField(
        WorkplaceSectionsBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("sections"),
        help_text=_(
            "Choose the themes that suit the workplace, in the order readers should meet them."
        ),
    )
    show_unit_goals = models.BooleanField(
        _("show the unit's goals"),
        default=True,
        help_text=_(
            "Show the unit's goals from the goal hierarchy in the “Goals and plans” section."
        ),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    visiting_address = models.TextField(_("visiting address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    people = StreamField(
        [("person", PersonBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("people"),
    )

    template = "wagtail_employer/pages/workplace_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("unit"),
        FieldPanel("intro"),
        FieldPanel("sections"),
        FieldPanel("show_unit_goals"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("visiting_address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("people"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("sections"),
        index.SearchField("people"),
        index.RelatedFields("unit", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("unit", serializer=OrganisationUnitField()),
        APIField("intro"),
        APIField("sections"),
        APIField("phone"),
        APIField("email"),
        APIField("visiting_address"),
        APIField("opening_hours"),
        APIField("people"),
    ]

    class Meta:
        verbose_name = _("workplace presentation")
        verbose_name_plural = _("workplace presentations")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["goals_theme"] = WorkplaceTheme.GOALS
        context["unit"] = (
            OrganisationUnit.objects.select_related("parent", "leader")
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.select_related("parent__unit"))
            )
            .get(pk=self.unit_id)
        )
        return context
