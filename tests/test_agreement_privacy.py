"""Privacy of leader agreements: every surface, for every role.

A private agreement is readable by the leader, the leader's superior (the leader of the
parent unit) and HR. Everyone else, anonymous or logged in, gets the login page or 404,
and finds no trace of it in listings, search, the sitemap, the API, exports or the
admin. The roles: ``staff`` is an editor with Wagtail page permissions on the whole
intranet, ``other_leader`` leads another unit with the same permissions as the leader."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from wagtail_employer.models import LeaderAgreementPage
from wagtail_employer.views.agreements import add_agreement

from .agreement_helpers import SECRET_GOAL, filled_in_body, make_index, make_people, make_template
from .conftest import kept_for_the_module, make_home_page, make_unit_tree

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "other_leader", "leader", "superior", "hr"]
READERS = {"leader", "superior", "hr"}


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The agreement and its people, built once for the module's 70 tests."""
    with kept_for_the_module(django_db_blocker):
        unit_tree = make_unit_tree()
        index = make_index(make_home_page(Page.get_first_root_node()))
        people = make_people(get_user_model(), unit_tree, index)
        template = make_template()
        agreement = LeaderAgreementPage(
            leader=people["leader"],
            unit=unit_tree["nursing_home"],
            period_start=datetime.date(2012, 1, 1),
            period_end=datetime.date(2012, 12, 31),
            access_level="private",
        )
        agreement.copy_from_template(template)
        add_agreement(index, agreement, people["hr"])
        agreement.body = filled_in_body(agreement)
        agreement.save_revision(user=people["hr"]).publish(user=people["hr"])
        yield {"index": index, "people": people, "agreement_id": agreement.pk}


@pytest.fixture
def world(shared_world):
    """The shared world, with the agreement read afresh: a test may change it."""
    agreement = LeaderAgreementPage.objects.get(pk=shared_world["agreement_id"])
    return {**shared_world, "agreement": agreement}


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world["people"][role])
    return client


def shows_agreement(response, agreement):
    content = response.content.decode()
    return response.status_code == 200 and (
        SECRET_GOAL in content or agreement.title in content or agreement.url in content
    )


def assert_refused(response, role):
    """Anonymous readers are sent to a login page; logged-in ones get 404 or 403 (or, in
    Wagtail's admin, a redirect to the dashboard with "permission denied")."""
    if role == "anonymous":
        assert response.status_code == 302
        assert "login" in response.url
    else:
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert "login" not in response.url


SURFACES = {}


def surface(name):
    def register(function):
        SURFACES[name] = function
        return function

    return register


@surface("page")
def page(client, agreement, world):
    return client.get(agreement.url)


@surface("print view")
def print_view(client, agreement, world):
    return client.get(agreement.url + agreement.reverse_subpage("print"))


@surface("admin preview (view draft)")
def preview(client, agreement, world):
    return client.get(reverse("wagtailadmin_pages:view_draft", args=[agreement.pk]))


@surface("admin revision view")
def revision(client, agreement, world):
    return client.get(
        reverse(
            "wagtailadmin_pages:revisions_view", args=[agreement.pk, agreement.latest_revision_id]
        )
    )


@surface("admin edit")
def edit(client, agreement, world):
    return client.get(reverse("wagtailadmin_pages:edit", args=[agreement.pk]))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("surface_name", list(SURFACES))
def test_the_agreement_itself(client, world, role, surface_name):
    agreement = world["agreement"]
    response = SURFACES[surface_name](client_for(client, world, role), agreement, world)
    content = response.content.decode()
    if role in READERS:
        assert response.status_code == 200, response
        assert SECRET_GOAL in content or json.dumps(SECRET_GOAL)[1:-1] in content
        if surface_name in ("page", "print view"):
            # Never kept by a shared cache.
            assert "private" in response["Cache-Control"]
            assert "no-store" in response["Cache-Control"]
    else:
        assert_refused(response, role)
        assert SECRET_GOAL not in content and json.dumps(SECRET_GOAL)[1:-1] not in content


@pytest.mark.parametrize("role", ROLES)
def test_listing_page(client, world, role):
    response = client_for(client, world, role).get(world["index"].url)
    assert response.status_code == 200
    assert shows_agreement(response, world["agreement"]) == (role in READERS)
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ROLES)
def test_site_search(client, world, role):
    for query in ("sykefraværet", "Sykehjem"):
        response = client_for(client, world, role).get("/search/", {"q": query})
        assert response.status_code == 200
        assert shows_agreement(response, world["agreement"]) == (role in READERS), query


@pytest.mark.parametrize("role", ROLES)
def test_sitemap_never_lists_a_private_agreement(client, world, role):
    response = client_for(client, world, role).get("/sitemap.xml")
    assert response.status_code == 200
    assert world["index"].url in response.content.decode()
    assert world["agreement"].slug not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_api(client, world, role):
    client = client_for(client, world, role)
    agreement = world["agreement"]
    expected = [agreement.pk] if role in READERS else []

    def ids(response):
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    by_type = {"type": "wagtail_employer.LeaderAgreementPage", "fields": "body"}
    assert ids(client.get("/api/v2/pages/?" + urlencode(by_type))) == expected
    assert ids(client.get(f"/api/v2/pages/?child_of={world['index'].pk}")) == expected
    assert ids(client.get("/api/v2/pages/?" + urlencode({"search": "sykefraværet"}))) == expected
    detail = client.get(f"/api/v2/pages/{agreement.pk}/")
    assert detail.status_code == (200 if role in READERS else 404)
    if role in READERS:
        assert SECRET_GOAL in detail.content.decode()
    else:
        assert SECRET_GOAL not in detail.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_admin_explorer_and_chooser(client, world, role):
    client = client_for(client, world, role)
    agreement = world["agreement"]
    explorer = client.get(reverse("wagtailadmin_explore", args=[world["index"].pk]))
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[world["index"].pk]))
    if role == "anonymous":
        assert explorer.status_code == chooser.status_code == 302
        return
    for response in (explorer, chooser):
        if response.status_code == 200:
            assert (agreement.title in response.content.decode()) == (role in READERS)
        else:
            assert role not in READERS


@pytest.mark.parametrize("role", ROLES)
def test_hr_overview_and_export(client, world, role):
    client = client_for(client, world, role)
    overview = client.get(reverse("wagtail_employer_leaderagreementpage_modeladmin_index"))
    export = client.get(reverse("wagtail_employer:export_agreements", args=["csv"]))
    if role == "hr":
        assert overview.status_code == 200 and "Kari Nordmann" in overview.content.decode()
        assert "Sykehjem" in export.content.decode("utf-8-sig")
        return
    for response in (overview, export):
        assert response.status_code in (302, 403)
        assert "Kari Nordmann" not in response.content.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("access_level", "readers"),
    [
        ("staff", {"staff", "other_leader", "leader", "superior", "hr"}),
        ("public", set(ROLES)),
    ],
)
def test_open_access_levels(client, world, access_level, readers):
    agreement = world["agreement"]
    agreement.access_level = access_level
    agreement.save_revision().publish()
    for role in ROLES:
        client.logout()
        response = client_for(client, world, role).get(agreement.url)
        assert (response.status_code == 200) == (role in readers), role
    client.logout()
    sitemap = client.get("/sitemap.xml").content.decode()
    api = client.get(f"/api/v2/pages/{agreement.pk}/")
    if access_level == "public":
        assert agreement.slug in sitemap
        assert api.status_code == 200
    else:
        assert agreement.slug not in sitemap
        assert api.status_code == 404
    # Whatever the access level, only the leader, the superior and HR edit it.
    client.force_login(world["people"]["other_leader"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[agreement.pk])).status_code != 200


def test_default_access_level_comes_from_settings(settings, world):
    settings.WAGTAIL_EMPLOYER = {"AGREEMENT_DEFAULT_ACCESS": "staff"}
    assert LeaderAgreementPage().access_level == "staff"


def test_hr_group_name_comes_from_settings(client, settings, world):
    settings.WAGTAIL_EMPLOYER = {"HR_GROUP_NAME": "Personal"}
    client.force_login(world["people"]["hr"])
    assert client.get(world["agreement"].url).status_code == 404
