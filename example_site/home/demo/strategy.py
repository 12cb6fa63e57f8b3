"""Grue's employer strategy (seed 000): the structure and the process that produced it.

From the seed: the start in the chief executive's management group in 2009, the two-part
process (values with everyone, the rest drafted by leaders, discussed with the unions and
the administration committee), the steps with their months and who took part, the values
workshop on 16 March 2010, the REAL values adopted by the council on 22.11.2010, and the
framework for each focus area (goal, success factors and measures, indicators). The seed
names one of the six focus areas ("Ledelse av myndiggjorte medarbeidere") and the reasons
for the strategy (recruitment, working environment and well-being, reputation); the
demo's wording inside the focus areas is illustrative, built from those phrases. The seed
gives no vision or period for Grue, so the demo shows none."""

import datetime

from wagtail_employer.models import EmployerStrategyPage, StrategyFocusArea, ValueSet

from .pages import publish_child_page


def step(title, date, participants, precision="month", description=""):
    return (
        "step",
        {
            "title": title,
            "date": date,
            "date_precision": precision,
            "participants": participants,
            "description": description,
        },
    )


GRUE_PROCESS = [
    step(
        "Oppstart i rådmannens ledergruppe",
        datetime.date(2009, 9, 1),
        "Rådmannens ledergruppe",
        description="Enighet om en prosess som involverer ansatte, politikere, tillitsvalgte "
        "og administrasjonen.",
    ),
    step(
        "Verdiverksted",
        datetime.date(2010, 3, 16),
        "Alle ansatte",
        precision="day",
        description="Grupper på tvers valgte tre verdier hver til verdibanken.",
    ),
    step("Arbeid med tekstutforming", datetime.date(2010, 6, 1), "Ledere"),
    step("Dialogmøte", datetime.date(2010, 9, 1), "Politikere, tillitsvalgte og ledere"),
    step("Utkast", datetime.date(2010, 10, 1), "Rådmannen"),
    step("Høring", datetime.date(2010, 10, 15), "Alle"),
    step(
        "Behandling og beslutning",
        datetime.date(2010, 11, 22),
        "Administrasjonsutvalget og kommunestyret",
        precision="day",
        description="Kommunestyret vedtok verdigrunnlaget; hele dokumentet vedtas i kommunestyret.",
    ),
]


def items(*texts):
    return [("item", text) for text in texts]


def indicator(name, kind="result", target=""):
    return ("indicator", {"name": name, "kind": kind, "target": target})


GRUE_FOCUS_AREAS = [
    {
        "title": "Ledelse av myndiggjorte medarbeidere",
        "goal": "Ledere i Grue kommune gir medarbeiderne ansvar, tillit og handlingsrom.",
        "success_factors": items(
            "Tydelige forventninger til ledere og medarbeidere",
            "Ledere som ser, hører og gir tilbakemeldinger",
        ),
        "measures": items("Lederverktøy bygd på verdiene", "Lederutvikling med KS-konsulent"),
        "indicators": [
            indicator("Medarbeidernes opplevelse av å bli sett og hørt"),
            indicator("Andel medarbeidere som har hatt medarbeidersamtale", "driver"),
        ],
    },
    {
        "title": "Rekruttering og omdømme",
        "goal": "Grue kommune er en attraktiv arbeidsgiver som synliggjør det som er unikt.",
        "success_factors": items("Felles verdier som kjennes igjen utad"),
        "measures": items("Bruke arbeidsgiverstrategien i kommunikasjon med omgivelsene"),
        "indicators": [indicator("Antall kvalifiserte søkere per utlyste stilling")],
    },
    {
        "title": "Arbeidsmiljø og trivsel",
        "goal": "Vi fremmer utvikling, måloppnåelse, arbeidsmiljø og trivsel.",
        "success_factors": items("Humor og glede er kjennetegn i vår organisasjon"),
        "measures": items("Verdiene brukes på personalmøter"),
        "indicators": [
            indicator("Trivsel i medarbeiderundersøkelsen"),
            indicator("Sykefravær", target="Lavere enn året før"),
        ],
    },
]


def load_strategy(home):
    real = ValueSet.objects.get(locale=home.locale, acronym="REAL")
    page = publish_child_page(
        home,
        EmployerStrategyPage,
        slug="arbeidsgiverstrategi",
        title="Arbeidsgiverstrategi for Grue kommune",
        intro=(
            "<p>Et felles fundament for folkevalgte, ledere, medarbeidere og tillitsvalgte. "
            "Strategien synliggjør felles mål, verdier, holdninger og handlinger som "
            "arbeidsgiver, tydeliggjør forventninger og er et verktøy for ledere.</p>"
        ),
        vision="",
        value_set=real,
        adopted_by="Kommunestyret",
        process=GRUE_PROCESS,
    )
    save_focus_areas(page, GRUE_FOCUS_AREAS)
    return page


def save_focus_areas(page, areas):
    """The page's focus areas as given, updated in place (so blocks that chose one keep it);
    a new revision is published only when something changed."""
    existing = {area.title: area for area in page.focus_areas.all()}
    changed = False
    for position, fields in enumerate(areas):
        area = existing.pop(fields["title"], None)
        if area is not None and area.sort_order == position and _content(area) == _wanted(fields):
            continue
        area = area or StrategyFocusArea(page=page)
        area.sort_order = position
        for name, value in fields.items():
            setattr(area, name, value)
        area.save()
        changed = True
    for leftover in existing.values():
        leftover.delete()
        changed = True
    if changed:
        page.save_revision().publish()
    return page


def _content(area):
    return (
        area.title,
        area.goal,
        [block.value for block in area.success_factors],
        [block.value for block in area.measures],
        [_filled(dict(block.value)) for block in area.indicators],
    )


def _wanted(fields):
    return (
        fields["title"],
        fields["goal"],
        [text for _type, text in fields["success_factors"]],
        [text for _type, text in fields["measures"]],
        [_filled(value) for _type, value in fields["indicators"]],
    )


def _filled(indicator):
    """An indicator's filled-in fields: optional links left empty compare as absent."""
    return {name: value for name, value in indicator.items() if value not in (None, "")}
