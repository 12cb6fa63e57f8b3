"""A Bø-style workplace presentation in nynorsk (seed 001), the staff meeting that starts
the "synleg-prosessen" with its agenda and action plan, and the six thinking hats (seed 003).

From the seeds: the themes (kjerneforteljing, oversikt over tenesta, praktisk info,
mål/planar, ..., møt ein tilsett), how the core story is made (small groups, "Kva er vi
gode på? Kva er vi stolte over?", an editorial group), the two-hour agenda in minutes, the
action plan's columns Kva / Kven / Når, and each hat's meaning. The workplace, its people,
the action plan's rows and the hats' questions are illustrative. The portrait is drawn
here (no photograph ships with the demo), and its alt text says what it shows."""

import datetime
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import ContentPage
from wagtail_employer.models import OrganisationUnit, WorkplacePage

from .pages import publish_child_page, translated_home_page

PORTRAIT_TITLE = "Demo: teikna portrett av Kari"
PORTRAIT_ALT = "Teikna portrett: ein person med mørkt hår og grøn genser mot gul bakgrunn"


def portrait_image():
    """A drawn portrait in Wagtail's image library, created once."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=PORTRAIT_TITLE).first()
    if image is not None:
        return image
    canvas = PillowImage.new("RGB", (480, 480), "#f2d16b")
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((150, 90, 330, 290), fill="#e8b98f")
    draw.pieslice((140, 70, 340, 270), 180, 360, fill="#3b2a20")
    draw.rectangle((110, 300, 370, 480), fill="#2e7d32")
    draw.ellipse((205, 170, 225, 190), fill="#3b2a20")
    draw.ellipse((255, 170, 275, 190), fill="#3b2a20")
    draw.arc((205, 200, 275, 250), 20, 160, fill="#3b2a20", width=5)
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=PORTRAIT_TITLE,
        description=PORTRAIT_ALT,
        file=ImageFile(BytesIO(buffer.getvalue()), name="demo-portrett-kari.png"),
    )


def section(theme, text, heading=""):
    return (
        "section",
        {"theme": theme, "heading": heading, "text": text, "image": None, "caption": ""},
    )


BO_SECTIONS = [
    section(
        "core_story",
        "<p>Vi er gode på leik, og vi er stolte av at alle born blir sette kvar dag. "
        "Kjerneforteljinga vår laga vi saman på personalmøtet: kvar gruppe skreiv korte "
        "setningar om kva vi er gode på og stolte over, og redaksjonsgruppa sette dei saman.</p>",
    ),
    section(
        "service",
        "<p>Sunnhagen barnehage har fire avdelingar for born frå eitt til seks år.</p>",
    ),
    section(
        "practical",
        "<p>Søknad om plass og endring av opphaldstid skjer via eSkjema på nettsida til "
        "kommunen. Meldingar om fråvær sender du på eDialog.</p>",
    ),
    section(
        "goals",
        "<p>I år arbeider vi med språk i leiken og med meir tid ute, i tråd med måla for "
        "oppvekst.</p>",
    ),
    section(
        "work_here",
        "<p>Vil du jobbe hos oss? Vi treng pedagogar og fagarbeidarar som likar å vere ute.</p>",
    ),
    section(
        "meet_an_employee",
        "<p>Kari har vore fagarbeidar hos oss i tolv år. «Det beste med jobben er når eit "
        "born meistrar noko for første gong.»</p>",
        heading="Møt Kari",
    ),
]


def bo_people(portrait):
    return [
        (
            "person",
            {
                "name": "Kari Nordmann",
                "role": "Fagarbeidar",
                "photo": {"image": portrait, "decorative": False, "alt_text": PORTRAIT_ALT},
                "phone": "",
                "email": "kari.nordmann@eksempel-kommune.invalid",
                "about": "",
            },
        ),
        (
            "person",
            {
                "name": "Ola Dunk",
                "role": "Styrar",
                "photo": None,
                "phone": "35 00 00 00",
                "email": "styrar.sunnhagen@eksempel-kommune.invalid",
                "about": "",
            },
        ),
    ]


BO_AGENDA = [
    (5, "Opning ved leiar", "presentation", "Leiar"),
    (10, "Introduksjon til temaet", "presentation", "Endringsagenten"),
    (5, "Introduksjon: Kjerneforteljingsoppgåva", "presentation", "Endringsagenten"),
    (30, "Arbeid i gruppene – kjerneforteljingsoppgåva", "groups", ""),
    (
        15,
        "Presentasjon i plenum av svara frå gruppene; namna til redaksjonsgruppa",
        "plenary",
        "Endringsagenten",
    ),
    (5, "Introduksjon: «Tema-oppgåva»", "presentation", "Endringsagenten"),
    (10, "Summing – forslag til tema – påmelding til tema", "pairs", ""),
    (
        40,
        "Oppstart arbeid i gruppene, kort rapportering frå tidsplanen i plenum; oppsummering "
        "og vegen vidare",
        "individual_group_plenary",
        "Leiar",
    ),
]

BO_ACTIONS = [
    (
        "Skrive forslag til kjerneforteljing",
        "Redaksjonsgruppa",
        datetime.date(2026, 12, 4),
        "in_progress",
    ),
    ("Ta bilete til nettsida", "Redaksjonsgruppa", datetime.date(2026, 12, 11), "not_started"),
    ("Oppdatere praktisk info og eSkjema", "Leiar", datetime.date(2026, 12, 18), "not_started"),
    ("Publisere presentasjonen", "Webredaktøren", datetime.date(2027, 1, 15), "not_started"),
]

SIX_HATS = [
    (
        "Den kvite hatten",
        "Kva fakta og tal har vi?",
        "Kvitt er nøytralt og objektivt. Den kvite hatten handlar om objektive fakta og "
        "statistikk.",
    ),
    (
        "Den raude hatten",
        "Kva kjenner vi på?",
        "Raudt er kjensler. Den raude hatten gir den emosjonelle synsvinkelen.",
    ),
    (
        "Den svarte hatten",
        "Kva kan gå gale?",
        "Svart er dystert og alvorleg. Den svarte hatten er forsiktig og peikar ut svake "
        "sider ved ein idé.",
    ),
    (
        "Den gule hatten",
        "Kva er det gode med dette?",
        "Gult er solfylt og positivt. Den gule hatten er optimistisk og handlar om håp.",
    ),
    (
        "Den grøne hatten",
        "Kva nye idear har vi?",
        "Grønt er vekst. Den grøne hatten står for kreativitet og nye idear.",
    ),
    (
        "Den blå hatten",
        "Korleis organiserer vi tenkinga?",
        "Blått er himmelen over alt anna. Den blå hatten har kontroll på tankeprosessen og "
        "bruken av dei andre hattane.",
    ),
]


def load_workplace(home):
    """The nynorsk workplace presentation and the staff meeting page; returns both pages."""
    nynorsk, _created = Locale.objects.get_or_create(language_code="nn")
    nynorsk_home = translated_home_page(
        home,
        nynorsk,
        title="Eksempel kommune",
        intro="<p>Velkomen til intranettet. Her finn du presentasjonane av arbeidsplassane "
        "våre.</p>",
    )
    workplace = publish_child_page(
        nynorsk_home,
        WorkplacePage,
        slug="sunnhagen-barnehage",
        title="Sunnhagen barnehage",
        unit=OrganisationUnit.objects.get(code="OPP-SUN"),
        intro="<p>Ein barnehage der leiken kjem først.</p>",
        sections=BO_SECTIONS,
        show_unit_goals=False,
        phone="35 00 00 00",
        email="sunnhagen@eksempel-kommune.invalid",
        visiting_address="Sunnhagen 1\n0000 Eksempel",
        opening_hours="Måndag–fredag 07.00–16.30",
        people=bo_people(portrait_image()),
    )
    meeting = publish_child_page(
        nynorsk_home,
        ContentPage,
        slug="personalmote-synleg",
        title="Personalmøte: idéverkstad for synleg-prosessen",
        intro="Korleis vil vi presentere oss? Kva står vi for? Kva er vi stolte av?",
        body=[
            (
                "meeting_agenda",
                {
                    "title": "Tidsplan for personalmøtet",
                    "heading_level": "h2",
                    "starts_at": datetime.time(14, 0),
                    "items": [
                        {"minutes": m, "activity": a, "method": method, "led_by": who}
                        for m, a, method, who in BO_AGENDA
                    ],
                },
            ),
            (
                "action_plan",
                {
                    "title": "Tidsplan med arbeidsfordeling",
                    "heading_level": "h2",
                    "actions": [
                        {"what": what, "who": who, "when": when, "status": status}
                        for what, who, when, status in BO_ACTIONS
                    ],
                },
            ),
            (
                "method_card",
                {
                    "name": "De Bono sine seks tenkjehattar",
                    "heading_level": "h2",
                    "summary": "Snu dykk mot kvarandre tre og tre. Finn ei endring de held på "
                    "med, vel ein hatt og vurder endringa i lys av han. Skriv stikkord.",
                    "steps": [
                        {"name": name, "question": question, "description": description}
                        for name, question, description in SIX_HATS
                    ],
                    "source": "Edward de Bono, via KS-kurset Medarbeidarskap",
                },
            ),
        ],
    )
    return workplace, meeting
