"""Shared fixtures. Tests that need a system component (PostgreSQL, Chromium, gettext)
call ``require_system_component``: it skips loudly, or fails when CI=true."""

import os
import shutil

import pytest
from django.contrib.auth.models import Group, Permission
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Collection, Locale, Page, Site

from wagtail_employer.models import OrganisationUnit, UnitKind


def require_system_component(name, available, hint):
    if available:
        return
    message = f"{name} is missing: {hint}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {message}")
    pytest.skip(f"SKIPPED BECAUSE {message.upper()}")


def restore_wagtail_initial_data():
    """The root page, default site, locale and root collection that Wagtail's migrations
    create: a live-server test runs on a transactional database, whose flush after each
    test removes them."""
    locale = Locale.objects.first() or Locale.objects.create(language_code="nb")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Django runs transactional tests last because their flush empties the tables, but with
    several test processes a worker can still run an ordinary test after one. This runs once
    the test's fixtures, flush included, are torn down."""
    yield
    if nextitem is None or not {"transactional_db", "live_server"} & set(item.fixturenames):
        return
    with item.config.stash[blocking_manager_key].unblock():
        restore_wagtail_initial_data()


@pytest.fixture
def require_executable():
    def check(executable, hint):
        require_system_component(executable, shutil.which(executable) is not None, hint)

    return check


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_page(root_page):
    from home.models import HomePage

    home = root_page.add_child(instance=HomePage(title="Intranett", slug="intranett"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def unit_tree(db):
    """A small municipality: Nesodden → Helse og omsorg → Sykehjem → Team A;
    and Oppvekst → Myklerud skole."""
    municipality = OrganisationUnit.objects.create(
        name="Nesodden kommune", code="K", kind=UnitKind.MUNICIPALITY
    )
    health = OrganisationUnit.objects.create(
        name="Helse og omsorg", code="HO", kind=UnitKind.SECTOR, parent=municipality
    )
    nursing_home = OrganisationUnit.objects.create(
        name="Sykehjem", code="HO-SYK", kind=UnitKind.UNIT, parent=health
    )
    team = OrganisationUnit.objects.create(
        name="Team A", code="HO-SYK-A", kind=UnitKind.TEAM, parent=nursing_home
    )
    education = OrganisationUnit.objects.create(
        name="Oppvekst", code="OPP", kind=UnitKind.SECTOR, parent=municipality
    )
    school = OrganisationUnit.objects.create(
        name="Myklerud skole", code="OPP-MYK", kind=UnitKind.UNIT, parent=education
    )
    return {
        "municipality": municipality,
        "health": health,
        "nursing_home": nursing_home,
        "team": team,
        "education": education,
        "school": school,
    }


@pytest.fixture
def editor(django_user_model):
    """A Wagtail editor with the package's unit permissions (not a superuser)."""
    user = django_user_model.objects.create_user(
        username="editor", password="password", email="editor@example.invalid"
    )
    group = Group.objects.get_or_create(name="Employer editors")[0]
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtail_employer",
            codename__in=[
                "add_organisationunit",
                "change_organisationunit",
                "delete_organisationunit",
                "view_organisationunit",
            ],
        ),
    )
    user.groups.add(group)
    return user


def use_admin_language(user, language_code):
    """The admin speaks the user's preferred language, else the site's (nb here)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()


@pytest.fixture
def admin_user_client(client, admin_user):
    use_admin_language(admin_user, "en")
    client.force_login(admin_user)
    return client


@pytest.fixture
def editor_client(client, editor):
    use_admin_language(editor, "en")
    client.force_login(editor)
    return client
