"""`manage.py load_demo`, which `make demo` runs: complete, and safe to run twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Site

from wagtail_employer.models import OrganisationUnit

pytestmark = pytest.mark.django_db


def load_demo():
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def test_load_demo_builds_the_demo_intranet_and_prints_the_logins(client):
    output = load_demo()
    assert "admin" in output and "demo-admin" in output
    assert OrganisationUnit.objects.count() == 26
    assert OrganisationUnit.objects.get(code="OPP-MYK").parent.code == "OPP"
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert home.__class__.__name__ == "HomePage"
    response = client.get("/")
    assert response.status_code == 200
    assert "Eksempel kommune" in response.content.decode()
    assert client.login(username="admin", password="demo-admin")
    assert client.get("/admin/").status_code == 200


def test_load_demo_twice_changes_nothing_the_second_time():
    fields = ("code", "name", "parent__code", "kind")
    load_demo()
    units = list(OrganisationUnit.objects.values_list(*fields))
    with translation.override("en"):
        output = load_demo()
    assert "26 unchanged" in output
    assert list(OrganisationUnit.objects.values_list(*fields)) == units
