"""Ordinary content pages built from the package's blocks, so that every block family
appears somewhere in the demo, the way an editor would use them:

- "Medarbeiderundersøkelsen på Sykehjemmet": a unit card, the unit's survey results (all
  dimensions, and one with its trend), its follow-up plan, how the work went (a process
  timeline) and a picture from the staff meeting;
- "Ny i Eksempel kommune", for new staff: a heading and paragraph, one value, the service
  policy in compact form, one focus area, one commitment and one strategy focus area;
- "Arbetslag Centrum: våra mål" in Swedish: a team's goals and one of Sorsele's values.

The people, dates and the drawing are illustrative; the content they point to is the
seeds' (see the other demo modules)."""

import datetime
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import ContentPage
from wagtail_employer.models import (
    Commitment,
    FocusArea,
    FollowUpPlan,
    OrganisationUnit,
    ServicePolicy,
    StrategyFocusArea,
    Survey,
    Value,
)

from .pages import publish_child_page, translated_home_page

BOARD_TITLE = "Demo: tavla fra personalmøtet på Sykehjemmet"
BOARD_ALT = (
    "Tegnet tavle med gule lapper i to kolonner: fire lapper under «Ta vare på» til "
    "venstre og tre under «Forbedre» til høyre"
)


def meeting_board_image():
    """A drawn whiteboard with sticky notes in Wagtail's image library, created once."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=BOARD_TITLE).first()
    if image is not None:
        return image
    canvas = PillowImage.new("RGB", (640, 360), "#fafafa")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((10, 10, 630, 350), outline="#5a5a5a", width=6)
    draw.line((320, 30, 320, 330), fill="#5a5a5a", width=3)
    for column, notes in ((40, 4), (360, 3)):
        for row in range(notes):
            top = 40 + row * 75
            draw.rectangle((column, top, column + 110, top + 60), fill="#f7d046")
            draw.rectangle((column + 130, top, column + 240, top + 60), fill="#f7d046")
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=BOARD_TITLE,
        description=BOARD_ALT,
        file=ImageFile(BytesIO(buffer.getvalue()), name="demo-tavle-personalmote.png"),
    )


def step(title, date, participants, description=""):
    return {
        "title": title,
        "date": date,
        "date_precision": "day",
        "participants": participants,
        "description": description,
    }


def load_block_pages(home):
    """The three pages; returns them."""
    nursing_home = OrganisationUnit.objects.get(code="HO-SYK")
    ten_factor = Survey.objects.get(slug="10-faktor-2024")
    survey_page = publish_child_page(
        home,
        ContentPage,
        slug="sykehjemmet-medarbeiderundersokelsen",
        title="Medarbeiderundersøkelsen på Sykehjemmet",
        intro="Hva 10-FAKTOR 2024 viste for Sykehjemmet, og hva vi gjør med det.",
        body=[
            ("unit_card", {"unit": nursing_home, "heading_level": "h2", "show_leader": True}),
            (
                "survey_result",
                {
                    "survey": ten_factor,
                    "unit": nursing_home,
                    "dimension": "",
                    "heading_level": "h2",
                },
            ),
            (
                "survey_result",
                {
                    "survey": ten_factor,
                    "unit": nursing_home,
                    "dimension": "Nyttemotivasjon",
                    "heading_level": "h2",
                },
            ),
            (
                "follow_up_plan",
                {
                    "plan": FollowUpPlan.objects.get(survey=ten_factor, unit=nursing_home),
                    "heading_level": "h2",
                },
            ),
            (
                "process_timeline",
                {
                    "heading": "Slik arbeidet vi med resultatene",
                    "heading_level": "h2",
                    "steps": [
                        step(
                            "Resultatene kom",
                            datetime.date(2024, 11, 4),
                            "Virksomhetsleder",
                            "Rapporten for Sykehjemmet ble delt med alle ansatte.",
                        ),
                        step(
                            "Gjennomgang på personalmøtet",
                            datetime.date(2024, 12, 5),
                            "Alle ansatte, tillitsvalgt og verneombud",
                            "Grupper valgte hva vi tar vare på og hva vi forbedrer.",
                        ),
                        step(
                            "Oppfølgingsplanen vedtatt",
                            datetime.date(2025, 1, 15),
                            "Virksomhetsleder, tillitsvalgt og verneombud",
                        ),
                    ],
                },
            ),
            (
                "image",
                {
                    "image": {
                        "image": meeting_board_image(),
                        "decorative": False,
                        "alt_text": BOARD_ALT,
                    },
                    "caption": "Tavla fra personalmøtet: ta vare på til venstre, forbedre "
                    "til høyre.",
                },
            ),
        ],
    )

    policy = ServicePolicy.objects.get(locale=home.locale)
    strategy_area = StrategyFocusArea.objects.filter(
        page__slug="arbeidsgiverstrategi", title="Ledelse av myndiggjorte medarbeidere"
    ).first()
    newcomer_page = publish_child_page(
        home,
        ContentPage,
        slug="ny-i-kommunen",
        title="Ny i Eksempel kommune",
        intro="Verdiene, servicepolitikken og arbeidsgiverstrategien på én side, for deg som "
        "har begynt hos oss.",
        body=[
            ("heading", {"text": "Verdiene våre", "level": "h2"}),
            (
                "paragraph",
                "<p>Verdiene gjelder alle som arbeider i kommunen, og står i hele "
                '<a href="/verdiene-vare/">verdigrunnlaget</a>. Slik beskriver vi den '
                "første av dem:</p>",
            ),
            (
                "single_value",
                {
                    "value": Value.objects.get(value_set__acronym="REAL", name="Raushet"),
                    "heading_level": "h3",
                    "show_behaviours": True,
                },
            ),
            ("service_policy", {"policy": policy, "display": "compact", "heading_level": "h2"}),
            ("heading", {"text": "Et fokusområde og et kjennetegn å begynne med", "level": "h2"}),
            (
                "focus_area",
                {
                    "focus_area": FocusArea.objects.get(policy=policy, title="Det gode møtet"),
                    "heading_level": "h3",
                    "show_exemplar_units": True,
                },
            ),
            (
                "commitment",
                {
                    "commitment": Commitment.objects.get(focus_area__policy=policy, number=10),
                    "heading_level": "h3",
                },
            ),
            ("strategy_focus_area", {"focus_area": strategy_area, "heading_level": "h2"}),
        ],
    )

    swedish = Locale.objects.get(language_code="sv")
    team_page = publish_child_page(
        translated_home_page(home, swedish),
        ContentPage,
        slug="arbetslag-centrum",
        title="Arbetslag Centrum: våra mål",
        intro="Arbetslagets tre mål, hur vi når dem och hur vi följer upp dem.",
        body=[
            (
                "unit_goals",
                {
                    "unit": OrganisationUnit.objects.get(code="SOR-SOC-HEM-1"),
                    "heading_level": "h2",
                    "show_how": True,
                },
            ),
            ("heading", {"text": "Värderingen vi arbetar med i år", "level": "h2"}),
            (
                "single_value",
                {
                    "value": Value.objects.get(value_set__locale=swedish, name="Respekt"),
                    "heading_level": "h3",
                    "show_behaviours": True,
                },
            ),
        ],
    )
    return survey_page, newcomer_page, team_page
