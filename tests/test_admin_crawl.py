"""The whole admin, crawled as each demo role: no agreement the role may not read is named.

For each role, ``admin_crawler.Crawl`` starts at ``/admin/`` and follows every admin
address it finds (links, components' ``data-…`` URLs, redirects, GET forms with their
defaults and with searches for each hidden agreement's leader and for "Lederavtale", POST
forms' confirmation pages), and visits, whatever it found, the surfaces that name a page
by id: each agreement's explorer page and its results, editor, history, revisions and
usage, the admin API (detail, ``child_of``, ``search``), the page bulk actions, the page
type's usage, the aging-pages, locked-pages and site-history reports, the admin page
search, and the package's agreement views and exports. Every HTML, JSON, CSV and XLSX
response is read (XLSX cell by cell), and the test fails when one names an agreement that
the role may not read (``privacy.can_read_agreement``): its title, its title without the
leader's name (listings truncate), or its address. A 500 fails too.

New admin screens, Wagtail's or the package's, are crawled without editing this test.
Run with ``-s`` to print, per role, how many addresses were visited, of which kind.
"""

import pytest
import zeal
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import VERSION as WAGTAIL_VERSION

from wagtail_employer.models import LeaderAgreementIndexPage, LeaderAgreementPage
from wagtail_employer.privacy import can_read_agreement

from .admin_crawler import Crawl

pytestmark = pytest.mark.django_db

# The six roles, as demo logins.
ROLES = {
    "staff with admin access": "ansatt",
    "leader": "leder",
    "superior": "kommunalsjef",
    "another leader": "leder2",
    "HR": "hr",
    "ordinary editor": "redaktor",
}
SUMMARY = {}


def markers(agreement):
    """What would name ``agreement``: its title, the title up to the leader's name (a
    listing may cut the rest), and its slug."""
    return {agreement.title, agreement.title.split(" (")[0], agreement.slug}


def by_id_surfaces(agreements, indexes):
    urls = [
        "/admin/",
        "/admin/pages/usage/wagtail_employer/leaderagreementpage/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/api/main/pages/?search=Lederavtale",
        "/admin/api/main/pages/?type=wagtail_employer.LeaderAgreementPage",
        "/admin/pages/search/?q=Lederavtale",
        "/admin/pages/search/results/?q=Lederavtale",
        reverse("wagtail_employer_leaderagreementpage_modeladmin_index"),
        reverse("wagtail_employer:export_agreements", args=["csv"]),
        reverse("wagtail_employer:export_agreements", args=["xlsx"]),
        reverse("wagtail_employer:agreement_create"),
        reverse("wagtail_employer:my_agreements"),
    ]
    for index in indexes:
        urls += [
            f"/admin/pages/{index.pk}/",
            f"/admin/api/main/pages/?child_of={index.pk}",
            f"/admin/choose-page/{index.pk}/",
        ]
    for agreement in agreements:
        pk = agreement.pk
        urls += [
            f"/admin/pages/{pk}/",
            f"/admin/pages/{pk}/results/",
            f"/admin/pages/{pk}/edit/",
            f"/admin/pages/{pk}/history/",
            f"/admin/pages/{pk}/usage/",
            f"/admin/pages/{pk}/revisions/{agreement.latest_revision_id}/view/",
            f"/admin/pages/{pk}/view_draft/",
            f"/admin/pages/{pk}/delete/",
            f"/admin/pages/{pk}/move/",
            f"/admin/pages/{pk}/unpublish/",
            f"/admin/pages/{pk}/copy/",
            f"/admin/api/main/pages/{pk}/",
            reverse("wagtail_employer:agreement_sign", args=[pk]),
            reverse("wagtail_employer:agreement_next_year", args=[pk]),
        ]
        for action in ("delete", "move", "publish", "unpublish"):
            urls.append(f"/admin/bulk/wagtailcore/page/{action}/?id={pk}")
    return urls


def crawl_as(client, username):
    user = get_user_model().objects.get(username=username)
    agreements = list(LeaderAgreementPage.objects.select_related("leader", "unit"))
    hidden = [agreement for agreement in agreements if not can_read_agreement(user, agreement)]
    forbidden = {marker: agreement for agreement in hidden for marker in markers(agreement)}

    def check(url, kind, text):
        return [
            f"{url} ({kind}) names “{agreement.title}”: {marker!r}"
            for marker, agreement in forbidden.items()
            if marker in text
        ]

    client.force_login(user)
    search_terms = ["Lederavtale", *sorted({agreement.leader_name for agreement in hidden})]
    crawl = Crawl(client, check, search_terms=search_terms)
    # A privacy test, not a query count: Wagtail's own screens look rows up one by one
    # (the admin API's serializer, each page's locale), which the N+1 guard would stop.
    with zeal.zeal_ignore():
        crawl.run(
            ["/admin/"],
            always=by_id_surfaces(agreements, LeaderAgreementIndexPage.objects.all()),
        )
    return crawl, agreements, hidden


@pytest.mark.parametrize("role", list(ROLES))
def test_the_admin_names_no_agreement_the_role_may_not_read(client, loaded_demo, role, request):
    if role == "ordinary editor" and WAGTAIL_VERSION < (8,):
        # Wagtail 7 has no policy registry: an editor with page permissions above the
        # agreements sees their titles in the site history and the page type's usage.
        # The layout is refused by the system check instead (the test below).
        request.applymarker(
            pytest.mark.xfail(strict=True, reason="Wagtail 7: see wagtail_employer.W010")
        )
    crawl, agreements, hidden = crawl_as(client, ROLES[role])
    SUMMARY[role] = (len(crawl.visited), dict(crawl.kinds))
    print(
        f"\n{role} ({ROLES[role]}): {len(crawl.visited)} admin addresses, "
        + ", ".join(f"{count} {kind}" for kind, count in sorted(crawl.kinds.items()))
        + f"; {len(hidden)} of {len(agreements)} agreements hidden"
    )
    assert crawl.problems == [], "\n".join(crawl.problems)
    # The crawl went somewhere: beyond the surfaces visited by id.
    found = set(crawl.visited) - set(
        by_id_surfaces(agreements, LeaderAgreementIndexPage.objects.all())
    )
    assert len(found) >= 10
    for url in sorted(crawl.seconds, key=crawl.seconds.get)[-5:]:
        print(f"  {crawl.seconds[url]:.2f}s {url}")
    if role == "HR":
        # The detector works: HR reads every agreement, and the crawl finds each title.
        assert hidden == []
        everything = "\n".join(crawl.texts.values())
        for agreement in agreements:
            assert agreement.title in everything
    else:
        assert hidden, "every role but HR has an agreement it may not read in the demo"


@pytest.mark.skipif(WAGTAIL_VERSION >= (8,), reason="Wagtail 8 asks the package's policy")
def test_wagtail_7_warns_when_a_group_but_hr_holds_page_permissions_above_agreements(
    loaded_demo,
):
    from wagtail_employer.checks import check_agreement_page_permissions

    warnings = check_agreement_page_permissions(databases=["default"])
    assert [warning.id for warning in warnings] == ["wagtail_employer.W010"]
    assert "Redaktører" in warnings[0].msg
