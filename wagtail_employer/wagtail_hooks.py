"""Registers the package's admin parts with Wagtail; the parts live elsewhere."""

from django.urls import include, path
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from . import admin_urls
from .modeladmin import EmployerAdminGroup
from .viewsets import unit_chooser_viewset

modeladmin_register(EmployerAdminGroup)


@hooks.register("register_admin_viewset")
def register_unit_chooser():
    return unit_chooser_viewset


@hooks.register("register_admin_urls")
def register_employer_admin_urls():
    return [
        path(
            "employer/",
            include((admin_urls.urlpatterns, "wagtail_employer"), namespace="wagtail_employer"),
        )
    ]
