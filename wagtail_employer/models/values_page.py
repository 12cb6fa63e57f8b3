"""The values page: one value set, with the workshop story behind it."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api import ValueSetField
from ..blocks import EmployerStreamBlock
from .base import EmployerPageMixin
from .lifecycle import LIFECYCLE_API_FIELDS, PolicyLifecycleMixin, policy_edit_handler
from .values import ValueSet


class ValuesPage(PolicyLifecycleMixin, EmployerPageMixin, Page):
    """Presents one value set, with the workshop story behind it."""

    intro = RichTextField(_("introduction"), blank=True)
    value_set = models.ForeignKey(
        ValueSet,
        verbose_name=_("value set"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    show_workshop = models.BooleanField(
        _("show where the values came from"),
        default=True,
        help_text=_("Show the values workshop and the value bank, when the set records them."),
    )
    body = StreamField(
        EmployerStreamBlock(), blank=True, use_json_field=True, verbose_name=_("more content")
    )

    template = "wagtail_employer/pages/values_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("value_set"),
        FieldPanel("show_workshop"),
        FieldPanel("body"),
    ]
    edit_handler = policy_edit_handler(content_panels)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "value_set",
            [
                index.SearchField("name"),
                index.SearchField("acronym"),
                index.RelatedFields(
                    "values", [index.SearchField("name"), index.SearchField("meaning")]
                ),
            ],
        ),
    ]

    api_fields = [
        APIField("intro"),
        APIField("value_set", serializer=ValueSetField(source="localized_value_set")),
        APIField("body"),
        *[APIField(name) for name in LIFECYCLE_API_FIELDS],
    ]

    class Meta:
        verbose_name = _("values page")
        verbose_name_plural = _("values pages")

    @cached_property
    def localized_value_set(self):
        """The value set in this page's language when a translation exists."""
        value_set = self.value_set
        if value_set.locale_id == self.locale_id:
            return value_set
        return value_set.get_translation_or_none(self.locale) or value_set
