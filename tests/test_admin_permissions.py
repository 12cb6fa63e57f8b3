"""Permissions audit: every admin URL the package adds refuses people who may not use it.

The URLs are not listed by hand: they are read from Django's URL resolver (everything
named after the package: its own ``wagtail_employer`` namespace from
``register_admin_urls``, its modeladmin views, snippet viewsets, snippet choosers and
chooser viewsets), so a URL added later is audited too. The permission each one needs is
derived from its family (a modeladmin or snippet view needs its model's permissions, a
chooser only admin access) or, for the package's own views, looked up in ``OWN_VIEWS``;
a new own view that is not there fails the audit until someone says who may use it.

Every URL is requested, with its arguments filled from real objects, by:

* an anonymous visitor: sent to the admin login;
* a logged-in member of staff without admin access: sent to the admin login;
* an admin user without the matching permission (one with admin access only, and one
  with every permission of the package except the matching ones, so that a view
  checking the wrong model is caught): refused with 403 or 404, or sent to the dashboard
  with Wagtail's "you do not have permission" message, never shown the object;
* a user with the matching permission (or role): gets the page (200, after redirects).

Wagtail answers a ``PermissionDenied`` raised in an admin view with a redirect to the
dashboard and a message (``wagtail.admin.auth.permission_denied``); the package's own
views answer 403 instead.
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import GroupPagePermission

from wagtail_employer.imports import get_importer
from wagtail_employer.models import PendingImport

from .conftest import use_admin_language
from .security_world import build_world

pytestmark = pytest.mark.django_db

# Every object of the world carries this text; no refusal may show it.
MARKER = "Hemmelig-objekt-7Q"


def package_urls():
    """(URL name, route) of every URL pattern named after the package."""
    found = []

    def walk(patterns, route, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = (pattern.namespace,) if pattern.namespace else ()
                walk(pattern.url_patterns, route + str(pattern.pattern), namespaces + namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = ":".join((*namespaces, pattern.name))
                if "wagtail_employer" in name:
                    found.append((name, route + str(pattern.pattern)))

    walk(get_resolver().url_patterns, "", ())
    return found


@dataclass
class Case:
    """One URL as requested: ``who`` may use it, the objects filling its arguments."""

    name: str
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    # Permission codenames (app label wagtail_employer unless dotted), "admin" (any user
    # with admin access), "hr", "leader", "uploader" or "nobody".
    who: tuple = ()
    label: str = ""

    def url(self):
        return reverse(self.name, kwargs=self.kwargs) + self.query

    def __str__(self):
        return self.label or self.name


def model_permissions(model_name):
    return tuple(f"{action}_{model_name}" for action in ("add", "change", "delete", "view"))


def object_for(world, model_name):
    objects = {model._meta.model_name: instance for model, instance in world["objects"].items()}
    if model_name not in objects:
        raise AssertionError(f"security_world.build_world makes no {model_name} to audit with")
    return objects[model_name]


# The package's own views (the wagtail_employer namespace): who may use each.
OWN_VIEWS = {
    "import_upload": None,  # one case per import kind, below
    "import_preview": None,
    "import_progress": None,  # like the preview: its uploader, with the import permissions
    "import_status": None,
    "export_units": ("view_organisationunit",),
    "export_agreements": ("hr",),
    "export_survey_results": ("view_surveyresult",),
    # Lists only the agreements the user manages (none for most): any admin user.
    "my_agreements": ("admin",),
    "agreement_create": ("hr", "leader"),
    "agreement_sign": ("hr",),
    "agreement_next_year": ("hr", "leader"),
    "agreement_end": ("hr",),
    "agreement_hand_over": ("hr",),
    "read_confirmations": ("hr", "leader"),
    "read_confirmations_results": ("hr", "leader"),
    "policy_reviews": ("hr",),
    "policy_reviews_results": ("hr",),
    "unit_usage": model_permissions("organisationunit"),
    "self_assessment_index": model_permissions("selfassessment"),
    "self_assessment_add": ("add_selfassessment",),
    "self_assessment_edit": ("change_selfassessment",),
    "self_assessment_delete": ("delete_selfassessment",),
}

MODELADMIN = re.compile(r"^wagtail_employer_(?P<model>\w+?)_modeladmin_(?P<action>\w+)$")
SNIPPET = re.compile(r"^wagtailsnippets_wagtail_employer_(?P<model>\w+):(?P<action>\w+)$")
SNIPPET_CHOOSER = re.compile(
    r"^wagtailsnippetchoosers_wagtail_employer_(?P<model>\w+):(?P<action>\w+)$"
)
CHOOSER = re.compile(r"^(?P<viewset>wagtail_employer_\w+_chooser):(?P<action>\w+)$")
OWN = re.compile(r"^wagtail_employer:(?P<view>\w+)$")


def cases_for(name, route, world):
    """The requests that audit one URL; raises LookupError for an unclassified URL."""
    if match := MODELADMIN.match(name):
        model, action = match["model"], match["action"]
        kwargs = {"instance_pk": object_for(world, model).pk} if "instance_pk" in route else {}
        if model == "leaderagreementpage":
            # The HR overview; its create views are switched off for everyone.
            who = ("nobody",) if action in ("create", "choose_parent") else ("hr",)
            if "instance_pk" in route:
                kwargs = {"instance_pk": world["pages"]["agreement"].pk}
        else:
            who = model_permissions(model)
        return [Case(name, kwargs, who=who)]
    if match := SNIPPET.match(name):
        model = match["model"]
        kwargs = {"pk": object_for(world, model).pk} if "<" in route else {}
        return [Case(name, kwargs, who=model_permissions(model))]
    if match := SNIPPET_CHOOSER.match(name) or CHOOSER.match(name):
        action = match["action"]
        viewset_models = {f"{viewset.name}": viewset.model for viewset in _chooser_viewsets()}
        model = (
            viewset_models[match["viewset"]]._meta.model_name
            if "viewset" in match.groupdict()
            else match["model"]
        )
        pk = object_for(world, model).pk
        if action == "create":
            return [Case(name, who=("add_" + model,))]
        if action == "chosen":
            return [Case(name, {"pk": pk}, who=("admin",))]
        if action == "chosen_multiple":
            return [Case(name, query=f"?id={pk}", who=("admin",))]
        return [Case(name, who=("admin",))]
    if match := OWN.match(name):
        view = match["view"]
        if view not in OWN_VIEWS:
            raise LookupError(name)
        return own_cases(name, view, world)
    raise LookupError(name)


def _chooser_viewsets():
    from wagtail_employer import viewsets

    return [
        value for value in vars(viewsets).values() if isinstance(value, viewsets.ChooserViewSet)
    ]


def own_cases(name, view, world):
    pages, survey = world["pages"], world["survey"]
    if view in ("import_upload", "import_preview", "import_progress", "import_status"):
        cases = []
        for kind in ("units", "survey_results"):
            who = tuple(
                permission.split(".")[1] for permission in get_importer(kind).required_permissions
            )
            if view == "import_upload":
                cases.append(Case(name, {"kind": kind}, who=who, label=f"{name} ({kind})"))
            else:
                cases.append(
                    Case(
                        name,
                        {"kind": kind, "pending_id": "PENDING"},
                        who=(*who, "uploader"),
                        label=f"{name} ({kind})",
                    )
                )
        return cases
    kwargs = {}
    if view in ("export_units", "export_agreements"):
        return [
            Case(name, {"file_format": fmt}, who=OWN_VIEWS[view], label=f"{name} ({fmt})")
            for fmt in ("csv", "xlsx")
        ]
    if view == "export_survey_results":
        return [
            Case(
                name,
                {"pk": survey.pk, "file_format": fmt},
                who=OWN_VIEWS[view],
                label=f"{name} ({fmt})",
            )
            for fmt in ("csv", "xlsx")
        ]
    if view in ("agreement_sign", "agreement_next_year", "agreement_end", "agreement_hand_over"):
        kwargs = {"page_id": pages["agreement"].pk}
    elif view == "unit_usage":
        kwargs = {"pk": world["units"]["unit"].pk}
    elif view == "self_assessment_add":
        kwargs = {"policy_pk": world["policy"].pk}
    elif view in ("self_assessment_edit", "self_assessment_delete"):
        kwargs = {"pk": world["assessment"].pk}
    return [Case(name, kwargs, who=OWN_VIEWS[view])]


# The people.


def make_user(username, permissions=(), admin=True, groups=()):
    user = get_user_model().objects.create_user(username=username, password="password")
    codenames = [*permissions, *(["access_admin"] if admin else [])]
    user.user_permissions.add(
        *[
            Permission.objects.get(
                content_type__app_label="wagtailadmin"
                if codename == "access_admin"
                else "wagtail_employer",
                codename=codename,
            )
            for codename in codenames
        ]
    )
    for group in groups:
        user.groups.add(group)
    use_admin_language(user, "en")
    return user


def package_permissions():
    return set(
        Permission.objects.filter(content_type__app_label="wagtail_employer").values_list(
            "codename", flat=True
        )
    )


@pytest.fixture
def world(home_page):
    world = build_world(MARKER, home_page)
    hr_group = Group.objects.get_or_create(name="HR")[0]
    # HR manages the agreements under the index page, as the README tells integrators to.
    for codename in ("add_page", "change_page", "publish_page", "delete_page"):
        GroupPagePermission.objects.create(
            group=hr_group,
            page=world["pages"]["agreement_index"],
            permission=Permission.objects.get(codename=codename),
        )
    world["hr_group"] = hr_group
    for person in world["people"].values():
        use_admin_language(person, "en")
    return world


def permitted_user(case, world, number):
    """A user given exactly what ``case`` needs (one role is enough)."""
    roles = set(case.who)
    permissions = [
        codename
        for codename in case.who
        if codename.startswith(("add_", "change_", "delete_", "view_"))
    ]
    if "hr" in roles:
        return make_user(f"hr{number}", groups=[world["hr_group"]])
    if "leader" in roles:
        return world["people"]["superior"]
    if "admin" in roles:
        return make_user(f"admin{number}")
    return make_user(f"permitted{number}", permissions)


def unrelated_user(case, number):
    """Admin access and every permission of the package except the matching ones."""
    others = package_permissions() - set(case.who)
    return make_user(f"unrelated{number}", sorted(others))


def fill_pending(case, user):
    """The preview URL of an upload by ``user`` (only its uploader may see it)."""
    if case.kwargs.get("pending_id") != "PENDING":
        return case
    pending = PendingImport.objects.create(
        kind=case.kwargs["kind"],
        file_name=f"{MARKER}.csv",
        content=b"",
        created_by=user,
        summary={"kind": case.kwargs["kind"], "file_name": f"{MARKER}.csv"},
    )
    return Case(
        case.name, {**case.kwargs, "pending_id": pending.pk}, case.query, case.who, case.label
    )


def get(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url, follow=True)


def refused(response, to_login):
    """How ``response`` refused, or None when it did not."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if MARKER.encode() in body:
        return None
    final = response.resolver_match.url_name if response.resolver_match else ""
    if to_login:
        return "login" if final == "wagtailadmin_login" else None
    if response.status_code in (403, 404):
        return str(response.status_code)
    # Wagtail's message is in the site's language: the refusal happens outside the
    # user's (see wagtail.admin.auth.require_admin_access).
    if final == "wagtailadmin_home" and BeautifulSoup(body, "html.parser").select(
        ".messages li.error"
    ):
        return "dashboard"
    if final == "wagtailadmin_login":
        return "login"
    return None


FAMILIES = {
    "modeladmin": MODELADMIN,
    "snippets": SNIPPET,
    "snippet choosers": SNIPPET_CHOOSER,
    "choosers": CHOOSER,
    "own views": OWN,
}


def urls_of(family):
    return [(name, route) for name, route in package_urls() if FAMILIES[family].match(name)]


def test_every_package_url_belongs_to_an_audited_family():
    urls = package_urls()
    unclassified = [
        name for name, _route in urls if not any(f.match(name) for f in FAMILIES.values())
    ]
    assert not unclassified
    counts = Counter(
        family
        for name, _route in urls
        for family, pattern in FAMILIES.items()
        if pattern.match(name)
    )
    print(f"\nPackage admin URLs by family: {dict(counts)}, {len(urls)} in all")
    assert len(urls) > 100
    assert all(counts[family] for family in FAMILIES)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_admin_url_refuses_everyone_without_the_permission(world, family):
    outsider = make_user("ansatt-uten-admin", admin=False)
    bare = make_user("bare-admin")
    rows, problems = [], []
    numbers = itertools.count()
    for name, route in urls_of(family):
        try:
            cases = cases_for(name, route, world)
        except LookupError:
            problems.append(f"{name}: not in OWN_VIEWS; say who may use it")
            continue
        for case in cases:
            number = next(numbers)
            permitted = None if case.who == ("nobody",) else permitted_user(case, world, number)
            case = fill_pending(case, permitted or bare)
            url = case.url()
            outcome = {}
            outcome["anonymous"] = refused(get(None, url), to_login=True)
            outcome["no admin access"] = refused(get(outsider, url), to_login=True)
            if "admin" not in case.who:
                outcome["admin access only"] = refused(get(bare, url), to_login=False)
                outcome["other permissions"] = refused(
                    get(unrelated_user(case, number), url), to_login=False
                )
            if permitted is not None:
                response = get(permitted, url)
                final = response.resolver_match.url_name if response.resolver_match else ""
                ok = response.status_code == 200 and final not in (
                    "wagtailadmin_home",
                    "wagtailadmin_login",
                )
                outcome["permitted"] = "200" if ok else None
                if not ok:
                    problems.append(
                        f"{case} {url}: permitted user ({', '.join(case.who)}) got "
                        f"{response.status_code} at {final}"
                    )
            for who, result in outcome.items():
                if result is None and who != "permitted":
                    problems.append(f"{case} {url}: not refused for {who}")
            rows.append((str(case), url, outcome))
    print(f"\n{family}: {len(rows)} requests audited")
    for label, _url, outcome in rows:
        print(f"  {label:<70} " + " ".join(f"{who}={result}" for who, result in outcome.items()))
    assert rows
    assert not problems, "\n".join(problems)
