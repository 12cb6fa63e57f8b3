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


def test_demo_leader_agreements_and_their_logins(client):
    from bs4 import BeautifulSoup

    from wagtail_employer.models import AgreementTemplate, LeaderAgreementPage

    output = load_demo()
    for username, password in (
        ("leder", "demo-leder"),
        ("kommunalsjef", "demo-kommunalsjef"),
        ("hr", "demo-hr"),
        ("ansatt", "demo-ansatt"),
    ):
        assert username in output and password in output
    template = AgreementTemplate.objects.get()
    headings = [child.value["heading"] for child in template.body]
    assert "Økonomiansvar" in headings and "Personalansvar" in headings
    assert "Milepelsplan for lederavtaler 2012" in headings
    signed = LeaderAgreementPage.objects.get(unit__code="HO-SYK")
    draft = LeaderAgreementPage.objects.get(unit__code="HO")
    assert (signed.status, draft.status) == ("signed", "draft")
    assert signed.signed_by.username == "kommunalsjef"

    # The leader reads their own signed agreement, not their superior's draft.
    assert client.login(username="leder", password="demo-leder")
    page = BeautifulSoup(client.get(signed.url).content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "Redusert sykefravær" in text and "Signert" in text
    assert "Endret etter signering" not in text
    delegation = [
        table.caption.get_text(strip=True) for table in page.select("table.we-delegation")
    ]
    assert delegation == ["Delegert myndighet: Økonomi", "Delegert myndighet: Personal"]
    assert client.get(draft.url).status_code == 404
    # The superior reads both; the staff member neither; HR has the overview.
    assert client.login(username="kommunalsjef", password="demo-kommunalsjef")
    assert client.get(signed.url).status_code == client.get(draft.url).status_code == 200
    assert client.login(username="ansatt", password="demo-ansatt")
    assert client.get(signed.url).status_code == client.get(draft.url).status_code == 404
    assert client.login(username="hr", password="demo-hr")
    overview = client.get("/admin/wagtail_employer/leaderagreementpage/")
    assert overview.status_code == 200 and "Liv Leder" in overview.content.decode()


def test_load_demo_twice_keeps_one_template_and_two_agreements():
    from wagtail_employer.models import AgreementTemplate, LeaderAgreementPage

    load_demo()
    signed_at = LeaderAgreementPage.objects.get(unit__code="HO-SYK").signed_at
    load_demo()
    assert AgreementTemplate.objects.count() == 1
    assert LeaderAgreementPage.objects.count() == 2
    assert LeaderAgreementPage.objects.get(unit__code="HO-SYK").signed_at == signed_at
