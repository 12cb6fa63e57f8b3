"""`manage.py load_demo`, which `make demo` runs: complete, and safe to run twice."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from wagtail_employer.models import (
    Goal,
    OrganisationUnit,
    SalaryCriterion,
    StrategyFocusArea,
    Value,
    ValueSet,
    WorkshopCandidate,
)

pytestmark = pytest.mark.django_db


def load_demo():
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def test_load_demo_builds_the_demo_intranet_and_prints_the_logins(client, loaded_demo):
    output = loaded_demo
    assert "admin" in output and "demo-admin" in output
    # The 26 units of units.csv, and Sorsele's own tree for its goal hierarchy.
    assert OrganisationUnit.objects.exclude(code__startswith="SOR").count() == 26
    assert OrganisationUnit.objects.filter(code__startswith="SOR").count() == 8
    assert OrganisationUnit.objects.get(code="OPP-MYK").parent.code == "OPP"
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert home.__class__.__name__ == "HomePage"
    response = client.get("/")
    assert response.status_code == 200
    assert "Eksempel kommune" in response.content.decode()
    assert client.login(username="admin", password="demo-admin")
    assert client.get("/admin/").status_code == 200


def test_load_demo_twice_changes_nothing_the_second_time(loaded_demo):
    fields = ("code", "name", "parent__code", "kind")
    units = list(OrganisationUnit.objects.values_list(*fields))
    with translation.override("en"):
        output = load_demo()
    assert "26 unchanged" in output
    assert list(OrganisationUnit.objects.values_list(*fields)) == units


def main_text(response):
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


def test_demo_values_pages_show_grue_real_in_bokmal_and_sorsele_in_swedish(client, loaded_demo):
    real = ValueSet.objects.get(acronym="REAL")
    assert real.locale.language_code == "nb"
    assert [value.name for value in real.values.all()] == [
        "Raushet",
        "Engasjement",
        "Anerkjennelse",
        "Likeverd",
    ]
    grue = BeautifulSoup(client.get("/verdiene-vare/").content, "html.parser")
    assert [h.get_text(strip=True) for h in grue.main.find_all("h3")][:4] == [
        "Raushet",
        "Engasjement",
        "Anerkjennelse",
        "Likeverd",
    ]
    grue_text = grue.main.get_text(" ", strip=True)
    assert "Vedtatt av Kommunestyret 22.11.2010." in grue_text
    assert "Vi stimulerer forskjellighet som ressurs." in grue_text
    assert "Verdiverksted holdt 16.03.2010." in grue_text

    sorsele = BeautifulSoup(client.get("/sv/var-vardegrund/").content, "html.parser")
    assert sorsele.html["lang"] == "sv"
    behaviours = {
        value.find("h3").get_text(strip=True): [li.get_text(strip=True) for li in value("li")]
        for value in sorsele.main.select("ol.we-values > li")
    }
    assert behaviours == {
        "Mod": ["att ta ansvar", "att fatta beslut", "att prova nytt", "att agera"],
        "Glädje": ["Positiv inställning", "Ha roligt på jobbet", "Se varandra"],
        "Respekt": [
            "Känna stolthet och respekt för uppdraget",
            "Ta alla på allvar",
            "Respektera fattade beslut",
        ],
    }

    home = client.get("/")
    assert "Innhold" in main_text(home)
    assert BeautifulSoup(home.content, "html.parser").select_one(".we-acronym-banner")


def test_load_demo_twice_adds_no_values_pages_or_revisions(loaded_demo):
    counts = (
        ValueSet.objects.count(),
        Value.objects.count(),
        WorkshopCandidate.objects.count(),
        Page.objects.count(),
        Revision.objects.count(),
    )
    load_demo()
    assert (
        ValueSet.objects.count(),
        Value.objects.count(),
        WorkshopCandidate.objects.count(),
        Page.objects.count(),
        Revision.objects.count(),
    ) == counts


def test_load_demo_puts_nesoddens_service_policy_on_a_page(client, loaded_demo):
    from bs4 import BeautifulSoup

    from wagtail_employer.models import Commitment, SelfAssessment, ServicePolicy

    policy = ServicePolicy.objects.get()
    assert policy.slogan == "Service og kvalitet – vi skaper gode opplevelser"
    codes = [
        (c.code, c.text)
        for c in Commitment.objects.filter(focus_area__policy=policy)
        .select_related("focus_area")
        .order_by("number")
    ]
    assert [code for code, _text in codes] == [
        "A1", "A2", "A3", "B4", "B5", "B6", "C7", "C8", "C9", "D10",
    ]  # fmt: skip
    assert codes[0][1] == "Vi presenterer oss, er høflige, vennlige og profesjonelle."
    assert codes[9][1].endswith("Vi holder det vi lover.")
    exemplars = {
        area.letter: [e.unit.name for e in area.exemplar_units.all()]
        for area in policy.focus_areas.all()
    }
    assert exemplars["D"] == ["Munkestien barnehage", "Plan, bygg og geodata"]
    assert len(exemplars["B"]) == 8
    assert SelfAssessment.objects.count() == 3

    soup = BeautifulSoup(client.get("/servicepolitikk/").content, "html.parser")
    assert [h3.get_text(strip=True) for h3 in soup.select(".we-focus-area h3")] == [
        "A. God kommunikasjon med brukere, innbyggere og samarbeidspartnere",
        "B. Det gode møtet",
        "C. God faglig kvalitet på tjenestene",
        "D. God oppfølging",
    ]
    assert [li["value"] for li in soup.select(".we-commitments li")] == [
        str(n) for n in range(1, 11)
    ]
    usages = [li.strong.get_text(strip=True) for li in soup.select(".we-policy-usages li")]
    assert usages[0] == "Internrevisjon" and "Medarbeidersamtaler" in usages
    rows = [row.th.get_text(strip=True) for row in soup.select(".we-assessments tbody tr")]
    assert sorted(rows) == ["Byggesak", "Munkestien barnehage", "Myklerud skole"]

    assert client.login(username="leder", password="demo-leder")
    assert client.get("/admin/employer/self-assessments/").status_code == 200


def test_load_demo_twice_keeps_the_policy_and_its_assessments(loaded_demo):
    from wagtail_employer.models import Commitment, CommitmentScore, SelfAssessment

    before = (
        list(Commitment.objects.order_by("pk").values_list("pk", "number", "text")),
        list(CommitmentScore.objects.order_by("pk").values_list("pk", "commitment", "score")),
        SelfAssessment.objects.count(),
    )
    load_demo()
    after = (
        list(Commitment.objects.order_by("pk").values_list("pk", "number", "text")),
        list(CommitmentScore.objects.order_by("pk").values_list("pk", "commitment", "score")),
        SelfAssessment.objects.count(),
    )
    assert after == before


def test_demo_leader_agreements_and_their_logins(client, loaded_demo):
    from bs4 import BeautifulSoup

    from wagtail_employer.models import AgreementTemplate, LeaderAgreementPage

    output = loaded_demo
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


def test_load_demo_twice_keeps_one_template_and_three_agreements(loaded_demo):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from wagtail_employer.models import (
        AgreementTemplate,
        LeaderAgreementIndexPage,
        LeaderAgreementPage,
    )

    signed_at = LeaderAgreementPage.objects.get(unit__code="HO-SYK").signed_at
    # A demo database from before: leaders held page permissions on the index.
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Ledere"),
        page=LeaderAgreementIndexPage.objects.get(),
        permission=Permission.objects.get(codename="change_page"),
    )
    load_demo()
    assert AgreementTemplate.objects.count() == 1
    assert LeaderAgreementPage.objects.count() == 3
    assert LeaderAgreementPage.objects.get(unit__code="HO-SYK").signed_at == signed_at
    holders = set(GroupPagePermission.objects.values_list("group__name", flat=True))
    # Wagtail's own Editors and Moderators groups hold theirs on the root; nobody in the
    # demo is in them.
    assert holders == {"HR", "Redaktører", "Editors", "Moderators"}


def test_demo_strategy_page_shows_grues_structure_and_process(client, loaded_demo):
    soup = BeautifulSoup(client.get("/arbeidsgiverstrategi/").content, "html.parser")
    assert [h2.get_text(strip=True) for h2 in soup.main.find_all("h2")] == [
        "Hva er endret",
        "Felles verdier i Grue kommune",
        "Satsingsområder",
        "Slik ble strategien til",
        "Lesebekreftelse",
    ]
    areas = [h3.get_text(strip=True) for h3 in soup.main.select(".we-strategy-area h3")]
    assert areas == [
        "Ledelse av myndiggjorte medarbeidere",
        "Rekruttering og omdømme",
        "Arbeidsmiljø og trivsel",
    ]
    steps = soup.main.select(".we-timeline li")
    assert steps[1].h3.get_text(strip=True) == "Verdiverksted"
    assert steps[1].time.get_text(strip=True) == "16. mars 2010"
    assert steps[-1].time.get_text(strip=True) == "22. november 2010"


def test_demo_goal_chain_runs_from_sorseles_vision_to_a_team_in_swedish(client, loaded_demo):
    soup = BeautifulSoup(client.get("/sv/malhierarki/").content, "html.parser")
    assert soup.html["lang"] == "sv"
    chain = soup.select_one(".we-goal-chain")
    assert chain.h2.get_text(strip=True) == "Från visionen till Arbetslag Centrum"
    levels = chain.select("ol.we-goal-chain__levels > li")
    assert [level.h3.get_text(" ", strip=True) for level in levels] == [
        "Sorsele kommun (kommun)",
        "Socialtjänsten (verksamhet)",
        "Hemtjänsten (enhet)",
        "Arbetslag Centrum (arbetslag)",
    ]
    text = chain.get_text(" ", strip=True)
    assert "Ett livskraftigt Sorsele – där vi tillsammans skapar ett hållbart" in text
    assert "Tillsammans gör vi ett arbete som aktivt främjar" in text
    assert len(levels[-1].select("h4")) == 3
    criteria = soup.select_one(".we-salary-criteria")
    assert criteria.h2.get_text(strip=True) == "Lönekriterier för Arbetslag Centrum"
    assert "Mod" in [li.get_text(strip=True) for li in criteria.select("li")]
    # The picker offers Sorsele's tree only.
    options = [option.get_text(strip=True) for option in soup.select("select option")]
    assert len(options) == 8 and options[0] == "Sorsele kommun (kommun)"


def test_demo_workplace_presentation_is_in_nynorsk_with_a_photo_that_has_alt_text(
    client, loaded_demo
):
    soup = BeautifulSoup(client.get("/nn/sunnhagen-barnehage/").content, "html.parser")
    assert soup.html["lang"] == "nn"
    headings = [h2.get_text(strip=True) for h2 in soup.main.find_all("h2")]
    assert headings[:3] == ["På denne sida", "Kjerneforteljinga vår", "Om tenesta"]
    assert "Møt Kari" in headings and "Kontakt" in headings
    photo = soup.main.select_one(".we-person img")
    assert photo["alt"].startswith("Teikna portrett")


def test_demo_staff_meeting_has_a_two_hour_agenda_and_an_action_plan(client, loaded_demo):
    soup = BeautifulSoup(client.get("/nn/personalmote-synleg/").content, "html.parser")
    total = soup.select_one(".we-agenda__total time")
    assert (total["datetime"], total.get_text(strip=True)) == ("PT120M", "2 timar")
    plan = soup.select_one(".we-action-plan table")
    assert [th.get_text(strip=True) for th in plan.select("thead th")] == [
        "Kva",
        "Kven",
        "Når",
        "Status",
    ]
    hats = [h3.get_text(strip=True) for h3 in soup.select(".we-method-card h3")]
    assert len(hats) == 6 and hats[0] == "Den kvite hatten"


def test_load_demo_twice_adds_no_goals_strategy_or_workplace_content(loaded_demo):

    def counts():
        return (
            OrganisationUnit.objects.count(),
            Goal.objects.count(),
            SalaryCriterion.objects.count(),
            StrategyFocusArea.objects.count(),
            get_image_model().objects.count(),
            Page.objects.count(),
            Revision.objects.count(),
        )

    before = counts()
    load_demo()
    assert counts() == before


def test_demo_policies_have_an_owner_a_review_date_a_change_log_and_readers(client, loaded_demo):
    """The lifecycle on every policy page, and the reports HR and leaders read."""
    from wagtail_employer.models import (
        EmployerStrategyPage,
        ReadConfirmation,
        ServicePolicyPage,
        UnitMembership,
        ValuesPage,
    )

    output = loaded_demo
    policies = [
        *ValuesPage.objects.live(),
        *ServicePolicyPage.objects.live(),
        *EmployerStrategyPage.objects.live(),
    ]
    assert len(policies) == 4
    for policy in policies:
        assert policy.content_owner is not None, policy
        assert policy.contact and policy.next_review_on and policy.change_log, policy
        assert policy.asks_for_read_confirmation, policy
    due = [policy.url for policy in policies if policy.is_due_for_review]
    assert due == ["/servicepolitikk/"]
    assert "/servicepolitikk/: owner Kåre Kommunalsjef, next review 2013-06-01" in output
    service_policy = ServicePolicyPage.objects.get()
    assert service_policy.policy_version == 2
    placements = dict(UnitMembership.objects.values_list("user__username", "unit__code"))
    assert placements == {
        "admin": "RAD",
        "hr": "RAD-HR",
        "kommunalsjef": "HO",
        "leder": "HO-SYK",
        "ansatt": "HO-SYK-A",
    }
    assert ReadConfirmation.objects.filter(page=service_policy, version=1).count() == 1

    # Readers see what changed at the top of the page.
    page = BeautifulSoup(client.get("/servicepolitikk/").content, "html.parser")
    changes = page.main.select_one(".we-policy-changes")
    assert "Kjennetegn 10 har fått tillegget" in changes.get_text(" ", strip=True)
    assert page.main.find(["h2", "section"]) == changes

    # Arne confirmed version 1; the significant change asks him again.
    assert client.login(username="ansatt", password="demo-ansatt")
    text = main_text(client.get("/servicepolitikk/"))
    assert "vesentlig endret siden du bekreftet versjon 1" in text

    # HR lists the overdue policy and sees who has and has not confirmed.
    assert client.login(username="hr", password="demo-hr")
    reviews = main_text(client.get("/admin/employer/reports/policy-reviews/"))
    assert "Servicepolitikken" in reviews and "Verdiene våre" not in reviews
    report = BeautifulSoup(
        client.get(
            f"/admin/employer/reports/read-confirmations/?policy={service_policy.pk}"
        ).content,
        "html.parser",
    )
    rows = {
        row.find_all("td")[0].get_text(strip=True): row.get_text(" ", strip=True)
        for row in report.select("table tbody tr")
    }
    assert "Ikke bekreftet" in rows["Arne Ansatt"]
    assert "Bekreftet" in rows["Hilde HR"] and "Ikke" not in rows["Hilde HR"]
    assert "Ikke bekreftet" in rows["Liv Leder"]
    # Liv Leder sees her own unit's staff only.
    assert client.login(username="leder", password="demo-leder")
    leader_report = client.get(
        f"/admin/employer/reports/read-confirmations/?policy={service_policy.pk}"
    )
    leader_rows = main_text(leader_report)
    assert "Arne Ansatt" in leader_rows and "Hilde HR" not in leader_rows


def test_demo_home_page_links_to_every_page_type_and_shows_the_logins(client, loaded_demo):
    from wagtail.models import get_page_models

    from home.demo.users import DEMO_LOGINS

    output = loaded_demo
    demo_types = {
        page.specific_class for page in Page.objects.live().filter(depth__gte=2).specific()
    }
    # Every page type the package and the demo site offer has a demo page.
    apps = ("wagtail_employer", "home")
    offered = {model for model in get_page_models() if model._meta.app_label in apps}
    assert offered <= demo_types

    home = BeautifulSoup(client.get("/").content, "html.parser")
    tour = home.select_one(".demo-tour")
    linked = {a["href"] for a in tour.select("a[href]")}
    public = Page.objects.live().public().filter(depth__gte=2).specific()
    for page in public:
        if page.specific_class.__name__ != "LeaderAgreementPage":
            assert page.url in linked, page.url
    languages = [h3.get_text(strip=True) for h3 in tour.select("h3")]
    assert languages == ["Norsk bokmål", "Norsk nynorsk", "Svenska"]
    assert "logg inn som leder, kommunalsjef eller hr" in tour.get_text(" ", strip=True)

    logins = home.select_one(".demo-logins table")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in logins.select("tbody tr")
    ]
    assert [row[1:3] for row in rows] == [[login.username, login.password] for login in DEMO_LOGINS]
    assert all(row[0] and row[3] for row in rows)

    # HR also finds the private agreements in the tour.
    assert client.login(username="hr", password="demo-hr")
    hr_home = BeautifulSoup(client.get("/").content, "html.parser")
    hr_links = {a["href"] for a in hr_home.select(".demo-tour a[href]")}
    assert "/lederavtaler/lederavtale-2012-sykehjemmet-liv-leder/" in hr_links

    # make demo prints the same logins in aligned columns, however long a role is.
    table = output.split("Demo logins")[1].splitlines()[1:]
    header = table[0]
    username_column = header.index("Username")
    password_column = header.index("Password")
    for login in DEMO_LOGINS:
        line = next(line for line in table if line.startswith(f"  {login.role} "))
        assert line.index(f" {login.username} ") + 1 == username_column
        assert line.index(f" {login.password}") + 1 == password_column
