"""Shared fixtures. Tests that need a system component (PostgreSQL, Chromium, gettext)
call ``require_system_component``: it skips loudly, or fails when CI=true."""

import contextlib
import functools
import io
import os
import shutil
import sysconfig

import django.db
import pytest
import zeal
import zeal.util
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.dispatch import receiver
from django.forms.models import BaseModelFormSet, ModelChoiceField
from django.views.generic.detail import SingleObjectMixin
from django_tasks.signals import task_finished, task_started
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key
from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks import ChooserBlock
from wagtail.models import Collection, Locale, Page, Revision, Site
from wagtail.models.reference_index import ReferenceGroups

from wagtail_employer.models import OrganisationUnit, UnitKind

from .agreement_helpers import make_index, make_people


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


def flushes_the_database(item):
    """Whether the test ran on a transactional database (asked for by fixture, or by
    ``@pytest.mark.django_db(transaction=True)``), which Django flushes afterwards."""
    if {"transactional_db", "live_server"} & set(item.fixturenames):
        return True
    marker = item.get_closest_marker("django_db")
    return marker is not None and validate_django_db(marker)[0]  # (transaction, ...)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Django runs transactional tests last because their flush empties the tables, but with
    several test processes a worker can still run an ordinary test after one. This runs once
    the test's fixtures, flush included, are torn down."""
    yield
    if nextitem is None or not flushes_the_database(item):
        return
    with item.config.stash[blocking_manager_key].unblock():
        restore_wagtail_initial_data()


# The N+1 guard: django-zeal, switched on for every request by intranet/settings/test.py.
#
# zeal counts a lookup (a relation, or a ``.get()``) by the line that made it, taken as the
# first frame outside site-packages. For a Wagtail package that is mostly the test's own
# ``client.get(...)`` line, since the views, forms and templates on the way are Wagtail's and
# Django's: two unrelated lookups of one model anywhere in a request would add up to an "N+1".
# So the line counted is the one that ran the query: the first frame outside zeal, Django's
# ORM and the standard library (wrappers such as contextlib), wherever it is. A loop in the
# package, in a template or in Wagtail then counts on its own line.
_NOT_CALL_SITES = (
    os.path.dirname(zeal.__file__) + os.sep,
    os.path.dirname(django.db.__file__) + os.sep,
)
_STANDARD_LIBRARY = sysconfig.get_paths()["stdlib"] + os.sep


def _not_a_call_site(filename):
    return filename.startswith(_NOT_CALL_SITES) or (
        filename.startswith(_STANDARD_LIBRARY) and "-packages" not in filename
    )


zeal.util._is_internal_frame = _not_a_call_site


def _outside_the_guard(owner, name, field="get()"):
    """Let third-party ``owner.name`` look objects up one by one (``.get()``, or with
    ``field="*"`` through any relation too)."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def looks_up_one_by_one(*args, **kwargs):
        with zeal.zeal_ignore([{"model": "*", "field": field}]):
            return original(*args, **kwargs)

    setattr(owner, name, looks_up_one_by_one)


def _outside_the_guard_while_iterating(owner, name):
    """The same for a generator: its own .get() lookups, while it runs."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def looks_up_one_by_one(*args, **kwargs):
        with zeal.zeal_ignore([{"model": "*", "field": "get()"}]):
            yield from original(*args, **kwargs)

    setattr(owner, name, looks_up_one_by_one)


# When an editor saves a StreamField, Wagtail validates each chooser block by itself: it
# fetches the chosen object with .get() (ChooserBlock.clean's own comment calls it "a wasted
# round-trip"), one query per block. Saving is Wagtail's; rendering is ours, and stays guarded.
_outside_the_guard(ChooserBlock, "clean")
_outside_the_guard(ChooserBlock, "value_from_form")
# Wagtail's chooser widget (a foreign key in an admin form, e.g. each follow-up action's
# dimension) fetches the object it shows by itself.
_outside_the_guard(BaseChooser, "get_instance")
# Wagtail's usage view (what refers to a snippet) fetches each referring object by itself,
# then names it and finds its edit URL, row by row.
_outside_the_guard_while_iterating(ReferenceGroups, "__iter__")
_outside_the_guard(UsageView, "get_table", field="*")
# Loading a revision (to publish, preview or compare it) rebuilds the object from JSON, and
# modelcluster checks each foreign key exists with its own .get() (owner, locked_by,
# content_type ...).
_outside_the_guard(Revision, "as_object")
# Django's forms: a field that chooses one object fetches it by itself, and a formset has
# one such field (its rows' ids) per row; in nested inline panels (a policy's focus areas,
# each with its commitments) each row's formset fetches that row's children.
_outside_the_guard(ModelChoiceField, "to_python")
_outside_the_guard(BaseModelFormSet, "_existing_object", field="*")
# Wagtail's edit views fetch their object twice, in setup() and in get(): twice per
# request, not once per row.
_outside_the_guard(SingleObjectMixin, "get_object")
# Wagtail's copy view (a snippet's "Copy") fetches the original twice the same way.
_outside_the_guard(CopyViewMixin, "get_object")
# Wagtail's dashboard finds the site of the user's explorable root page twice (the
# welcome text and the pages summary), a Site lookup each, for anyone below the root.
_outside_the_guard(PagesSummaryItem, "get_context_data")
# Wagtail 7's Page.save() fetches the stored page, as its specific type, to see whether
# the slug changed: once per save, and publishing saves twice. Wagtail 8 no longer does.
if WAGTAIL_VERSION < (8,):
    _outside_the_guard(Page, "save")

# Saving an object makes Wagtail enqueue background tasks for it (reference index, search
# index: Wagtail's and modelsearch's code, never ours), and the test settings run them at
# once, inside the request. On a task worker each runs alone, one object each, so one task
# per object saved is no N+1 of the view; and a task's errors are only logged, they never
# fail a test. So tasks run outside the guard, and the request's count resumes after them.
_task_ignores = []


@receiver(task_started)
def _tasks_run_outside_the_guard(**kwargs):
    ignore = zeal.zeal_ignore()
    ignore.__enter__()
    _task_ignores.append(ignore)


@receiver(task_finished)
def _guard_resumes_after_the_task(**kwargs):
    if _task_ignores:
        _task_ignores.pop().__exit__(None, None, None)


@pytest.fixture
def require_executable():
    def check(executable, hint):
        require_system_component(executable, shutil.which(executable) is not None, hint)

    return check


# Tests that build their own world and share nothing with the rest of their module, spread
# over the test processes in this many groups; every other module stays whole on one
# process (make test runs pytest-xdist with --dist loadgroup), so its module-scoped fixtures
# are built once. The XSS sweep is a sixth of the SQLite run's work: whole, it kept one
# process busy after the other had finished.
SPREAD_TESTS = {"tests/test_xss_sweep.py::test_no_payload_comes_out_executable": 2}


def pytest_collection_modifyitems(items):
    for number, item in enumerate(items):
        module, _, name = item.nodeid.partition("::")
        groups = SPREAD_TESTS.get(f"{module}::{name.split('[')[0]}")
        group = f"{module}-{number % groups}" if groups else module
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def _empty_caches():
    """Django's caches live as long as the test process, the rows behind them only as long
    as a test or a module: on SQLite a rolled-back image's id comes back for the next one,
    and Wagtail would serve the next test the old image's cached rendition (a file that
    the next test's storage does not have)."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker):
    """A transaction around a whole test module's shared data, rolled back at the end.

    Each test of the module runs in its own savepoint inside it (pytest-django nests the
    test's transaction), so what a test writes is rolled back and the shared data stays:
    built once, where building it takes longer than the tests that read it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo intranet (``load_demo``), loaded once for a whole test module; its output."""
    from django.core.management import call_command

    output = io.StringIO()
    with kept_for_the_module(django_db_blocker):
        call_command("load_demo", stdout=output)
        yield output.getvalue()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


def make_home_page(root_page):
    """The intranet's home page, as the default site's root."""
    from home.models import HomePage

    home = root_page.add_child(instance=HomePage(title="Intranett", slug="intranett"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def home_page(root_page):
    return make_home_page(root_page)


@pytest.fixture
def unit_tree(db):
    return make_unit_tree()


def make_unit_tree():
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


# The leader agreement tests' world (tests/agreement_helpers.py): the agreements index
# under the home page, and the people an agreement concerns.


@pytest.fixture
def index(home_page):
    return make_index(home_page)


@pytest.fixture
def people(django_user_model, unit_tree, index):
    return make_people(django_user_model, unit_tree, index)
