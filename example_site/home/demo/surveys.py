"""Employee surveys of the demo municipality, imported through the package's import
service from the files in ``survey_files/`` (the same path as an upload in the admin).

* Bedre kommune 2010–2012: Nesodden kommune's own figures from its 2012 leader
  gathering (seed 002, slides 11 and 33), shown for the demo municipality: the 2012 and
  2011 table with the national average ("Land") and response rates of 68 %, 70 % and
  74 %. The 2012 respondents (753) are from slide 12; the 2011 count is not given
  there, so 775 is an estimate (70 % of about 1 107 invited).
* 10-FAKTOR 2022 and 2024: made-up results for the demo organisation tree. In 2024
  Avdeling B at the nursing home has 2 answers and is hidden (Avdeling A stays: the
  nursing home less Avdeling A is 5 people, its own 3 and Avdeling B's 2). Hjemmetjenesten,
  Plan, bygg og geodata and Oppvekst each have 2 people in none of their units, so one
  unit under each is hidden too (sør, Geodata, Oksval barnehage), or those 2 people's
  results could be worked out.
"""

import datetime
from pathlib import Path

from django.core.management.base import CommandError
from wagtail.models import Page

from wagtail_employer.imports.service import get_importer
from wagtail_employer.models import (
    ActionStatus,
    FocusKind,
    FollowUpAction,
    FollowUpFocus,
    FollowUpPlan,
    FollowUpReview,
    OrganisationUnit,
    Survey,
    SurveyResultsPage,
)

FILES = Path(__file__).with_name("survey_files")

SURVEYS = [
    # slug, name, year, preset, file
    (
        "bedre-kommune-2010",
        "Medarbeiderundersøkelsen 2010",
        2010,
        "bedre-kommune-2012",
        "bedre-kommune-2010.csv",
    ),
    (
        "bedre-kommune-2011",
        "Medarbeiderundersøkelsen 2011",
        2011,
        "bedre-kommune-2012",
        "bedre-kommune-2011.csv",
    ),
    (
        "bedre-kommune-2012",
        "Medarbeiderundersøkelsen 2012",
        2012,
        "bedre-kommune-2012",
        "bedre-kommune-2012.csv",
    ),
    ("10-faktor-2022", "10-FAKTOR 2022", 2022, "10-faktor", "10-faktor-2022.csv"),
    ("10-faktor-2024", "10-FAKTOR 2024", 2024, "10-faktor", "10-faktor-2024.csv"),
]

PAGES = [
    (
        "10-faktor-2024",
        "medarbeiderundersokelsen",
        "Medarbeiderundersøkelsen 2024",
        "<p>Resultatene fra 10-FAKTOR 2024 for hver enhet, sammenlignet med enheten over, "
        "hele kommunen og landet. Velg enheten din.</p>",
    ),
    (
        "bedre-kommune-2012",
        "medarbeiderundersokelsen-2012",
        "Medarbeiderundersøkelsen 2012",
        "<p>Tilfredshet per dimensjon i 2012, med landssnittet og fjorårets resultater. "
        "Svarprosenten var 68 %, mot 70 % i 2011 og 74 % i 2010.</p>",
    ),
]


def load_surveys(home):
    """Surveys, their results, two results pages and two follow-up plans; returns a
    summary line. Running it again changes nothing."""
    importer = get_importer("survey_results")
    summaries = []
    for slug, name, year, preset, file_name in SURVEYS:
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            survey = Survey(slug=slug, name=name, year=year)
            survey.save()
            survey.apply_preset(preset)
        content = (FILES / file_name).read_bytes()
        report = importer.preview(content, file_name, None, options={"survey": survey.pk})
        if not report.has_errors:
            report = importer.confirm(importer.pending_import_for(report), None)
        if report.has_errors:
            raise CommandError("\n".join(report.error_lines()))
        summaries.append(f"{name}: {report.counts_text()}")
    for slug, page_slug, title, intro in PAGES:
        page = SurveyResultsPage.objects.filter(slug=page_slug).first()
        if page is None:
            page = SurveyResultsPage(
                title=title, slug=page_slug, intro=intro, survey=Survey.objects.get(slug=slug)
            )
            Page.objects.get(pk=home.pk).add_child(instance=page)
            page.save_revision().publish()
    load_follow_up_plans()
    return summaries


def load_follow_up_plans():
    ten_factor = Survey.objects.get(slug="10-faktor-2024")
    plan = _plan(
        ten_factor,
        "HO-SYK",
        leader="Per Kristian Larsen",
        union_representative="Tillitsvalgt, Fagforbundet",
        safety_representative="Verneombud ved sykehjemmet",
        summary="Gjennomgått på personalmøtet. Vi tar vare på nyttemotivasjonen og "
        "prioriterer kompetanseutvikling.",
        focus=[
            (FocusKind.KEEP, "Nyttemotivasjon", "Fortelle hverandre hva vi får til for beboerne"),
            (FocusKind.IMPROVE, "Relevant kompetanseutvikling", "Alle har en kursplan for 2025"),
        ],
        actions=[
            (
                "Relevant kompetanseutvikling",
                "Lage kompetanseplan for avdelingene",
                "Virksomhetsleder",
                datetime.date(2025, 3, 31),
                ActionStatus.IN_PROGRESS,
            ),
            (
                "Nyttemotivasjon",
                "Fast punkt om gode erfaringer på personalmøtet",
                "Avdelingslederne",
                datetime.date(2025, 1, 31),
                ActionStatus.DONE,
            ),
        ],
        reviews=[
            (datetime.date(2025, 3, 15), "Kvartalsvis gjennomgang"),
            (datetime.date(2025, 6, 15), "Kvartalsvis gjennomgang"),
            (datetime.date(2025, 9, 15), "Kvartalsvis gjennomgang"),
        ],
    )
    bedre_kommune = Survey.objects.get(slug="bedre-kommune-2012")
    _plan(
        bedre_kommune,
        "EK",
        leader="Rådmannen",
        union_representative="Hovedtillitsvalgte",
        safety_representative="Hovedverneombudet",
        summary="Hver enhet velger 3 forbedringsområder og 3 bevaringsområder. HR utarbeider "
        "en samlet analyse som legges fram for rådmannens ledergruppe.",
        focus=[
            (FocusKind.KEEP, "Samarbeid og trivsel med kollegene", ""),
            (FocusKind.KEEP, "Innhold i jobben", ""),
            (FocusKind.KEEP, "Mobbing, diskriminering og varsling", ""),
            (FocusKind.IMPROVE, "Fysiske arbeidsforhold", ""),
            (FocusKind.IMPROVE, "Overordnet ledelse", ""),
            (FocusKind.IMPROVE, "Systemer for lønns- og arbeidstidsordninger", ""),
        ],
        actions=[
            (
                None,
                "Tilbakemelding til HR om oppfølging fase 1",
                "Alle ledere som har fått rapport",
                datetime.date(2012, 6, 29),
                ActionStatus.DONE,
            ),
            (
                "Overordnet ledelse",
                "Samlet analyse av oppfølgingen i alle enheter",
                "HR og organisasjonsutvikling",
                datetime.date(2012, 11, 1),
                ActionStatus.DONE,
            ),
            (
                None,
                "Orientering i AMU om oppfølgingen",
                "HR og organisasjonsutvikling",
                datetime.date(2012, 11, 21),
                ActionStatus.DONE,
            ),
        ],
        reviews=[(datetime.date(2012, 11, 21), "Lederseminar og orientering i AMU")],
    )
    return plan


def _plan(survey, code, *, focus, actions, reviews, **fields):
    unit = OrganisationUnit.objects.get(code=code)
    plan, _created = FollowUpPlan.objects.update_or_create(
        survey=survey, unit=unit, defaults=fields
    )
    dimensions = {dimension.name: dimension for dimension in survey.dimensions.all()}
    # Children are replaced as a whole so a second run ends in the same state.
    for model in (FollowUpFocus, FollowUpAction, FollowUpReview):
        model.objects.filter(plan=plan).delete()
    for order, (kind, name, goal) in enumerate(focus):
        FollowUpFocus.objects.create(
            plan=plan, kind=kind, dimension=dimensions[name], goal=goal, sort_order=order
        )
    for order, (name, what, who, due, status) in enumerate(actions):
        FollowUpAction.objects.create(
            plan=plan,
            dimension=dimensions.get(name),
            what=what,
            who=who,
            due_date=due,
            status=status,
            sort_order=order,
        )
    for order, (date, note) in enumerate(reviews):
        FollowUpReview.objects.create(plan=plan, date=date, note=note, sort_order=order)
    return plan
