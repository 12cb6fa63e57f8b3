from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from wagtail_employer.blocks import EmployerStreamBlock

from . import tour


class HomePage(Page):
    intro = RichTextField(_("intro"), blank=True)
    body = StreamField(EmployerStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if tour.is_enabled():
            context["tour_languages"] = tour.pages_by_language(request.user)
            context["demo_logins"] = tour.demo_logins()
        return context


class ContentPage(Page):
    """An ordinary intranet article that can hold any of wagtail-employer's blocks."""

    intro = models.TextField(_("intro"), blank=True)
    body = StreamField(EmployerStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
