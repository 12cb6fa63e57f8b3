"""The demo's employee surveys (``load_demo``): Nesodden's 2012 and 2011 Bedre kommune
figures with the national average and response rates, made-up 10-FAKTOR results with a
hidden unit, follow-up plans; and a second run that changes nothing."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation

from wagtail_employer.models import FollowUpPlan, Survey, SurveyResult

pytestmark = pytest.mark.django_db


def load_demo():
    output = StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=output)
    return output.getvalue()


def section_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, soup.select_one("section.we-survey-unit").get_text(" ", strip=True)


def test_demo_shows_nesoddens_2012_table_with_land_and_response_rates(client, loaded_demo):
    soup, text = section_text(client, "/medarbeiderundersokelsen-2012/")
    assert "Svarprosent: 68 %." in text
    assert "Svarprosent tidligere: 2010: 74 %, 2011: 70 %." in text
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in soup.select("table.we-survey-table tbody tr")
    }
    # 2012 Nesodden, 2012 Land, 2011 Nesodden (seed 002, slide 11).
    assert rows["Nærmeste leder"] == ["4,5", "4,6", "4,5"]
    assert rows["Fysiske arbeidsforhold"] == ["4,1", "4,2", "3,8"]
    plan = soup.select_one("section.we-follow-up")
    assert len(plan.select("ul.we-follow-up__focus li")) == 6  # three to keep, three to improve


def test_demo_ten_factor_survey_hides_the_small_team_and_what_would_single_people_out(
    client, loaded_demo
):
    hidden = "For få svar til å vise resultater."
    _soup, text = section_text(client, "/medarbeiderundersokelsen/?unit=HO-SYK-B")
    assert hidden in text
    # Sykehjemmet (16) less Avdeling A (11) is 5 people: Avdeling A may show.
    _soup, text = section_text(client, "/medarbeiderundersokelsen/?unit=HO-SYK-A")
    assert hidden not in text and "11 av 15 svarte" in text
    # Hjemmetjenesten (28) = nord (14) + sør (12) + 2 people in neither: sør is hidden,
    # Hjemmetjenesten and nord show.
    _soup, text = section_text(client, "/medarbeiderundersokelsen/?unit=HO-HJEM-SOR")
    assert hidden in text and "12" not in text
    for code in ("HO-HJEM", "HO-HJEM-NORD", "PBG", "PBG-BYGG", "OPP"):
        _soup, text = section_text(client, f"/medarbeiderundersokelsen/?unit={code}")
        assert hidden not in text, code
    for code in ("PBG-GEO", "OPP-OKS"):
        _soup, text = section_text(client, f"/medarbeiderundersokelsen/?unit={code}")
        assert hidden in text, code
    soup, text = section_text(client, "/medarbeiderundersokelsen/?unit=HO-SYK")
    assert "Svarprosent" in text and soup.select("svg.we-chart__svg")
    assert "Oppfølgingsplan for Sykehjemmet" in soup.get_text()


def test_load_demo_twice_leaves_the_surveys_unchanged(loaded_demo):
    snapshot = list(
        SurveyResult.objects.order_by("pk").values_list("survey__slug", "unit_id", "score")
    )
    plans = list(FollowUpPlan.objects.values_list("pk", "leader"))
    output = load_demo()
    assert "10-FAKTOR 2024: 296 values: 0 new, 0 updated, 296 unchanged." in output
    assert Survey.objects.count() == 5
    assert (
        list(SurveyResult.objects.order_by("pk").values_list("survey__slug", "unit_id", "score"))
        == snapshot
    )
    assert list(FollowUpPlan.objects.values_list("pk", "leader")) == plans
