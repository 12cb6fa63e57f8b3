"""The demo's value sets, each on a values page: Grue's REAL in bokmål (seed 000, adopted by
the municipal council on 22.11.2010) and Sorsele's Mod, Glädje, Respekt in Swedish (seed 004).

The seed records that every workshop group put three values in the value bank, but not which;
the demo's value bank is illustrative, built from words in the adopted texts."""

import datetime

from wagtail.models import Locale

from wagtail_employer.models import Value, ValueSet, ValueSetStatus, ValuesPage, WorkshopCandidate

from .pages import publish_child_page, translated_home_page

GRUE_REAL = {
    "name": "Felles verdier i Grue kommune",
    "acronym": "REAL",
    "intro": (
        "<p>Verdiene er kjennetegn for våre handlinger. De ble til i en prosess der ansatte, "
        "politikere, tillitsvalgte og administrasjonen var med, og gjelder for alle som "
        "arbeider i Grue kommune.</p>"
    ),
    "status": ValueSetStatus.ADOPTED,
    "adopted_by": "Kommunestyret",
    "adopted_on": datetime.date(2010, 11, 22),
    "adoption_reference": "",
    "workshop_held_on": datetime.date(2010, 3, 16),
    "workshop_summary": (
        "<p>Samling for ansatte i Grue kommune 16. mars 2010. Alle deltakerne ble delt i grupper "
        "på tvers av enhetene. Hver gruppe presenterte verdiene de mener er viktige på sin "
        "arbeidsplass, og valgte tre verdier til verdibanken. Et utvalg i rådmannens "
        "ledergruppe grupperte verdiordene og formet kortord og handlinger på bakgrunn av "
        "dem.</p>"
    ),
}

GRUE_VALUES = [
    (
        "Raushet",
        "blue",
        "Våre handlinger og holdninger som tjenesteytere og kollegaer bygger på samarbeid, "
        "toleranse og aksept. Vi har tillit til enkeltmennesket, fremmer kreativitet og møter "
        "nye forslag, løsninger og innspill med et åpent sinn, er imøtekommende og tar "
        "innbyggerne på alvor. Raushet handler om å dele kunnskap og erfaringer, og gi støtte "
        "til både den som lykkes og den som feiler.",
        [],
    ),
    (
        "Engasjement",
        "orange",
        "Vi utfører vårt arbeid med glede og begeistring for det vi som individ og gruppe kan "
        "forme av positiv utvikling for kommunens innbyggere og det kollegiale fellesskap. "
        "Humor og glede er kjennetegn i vår organisasjon. Vi er stolte av en livskraftig og "
        "levende kommune og er ambassadører for dette i våre handlinger og ord!",
        [],
    ),
    (
        "Anerkjennelse",
        "green",
        "Vi erkjenner det fundamentale behovet for å bli akseptert og respektert som menneske. "
        "Dette betyr at alle blir sett, hørt og får bekreftelser og tilbakemeldinger.",
        [],
    ),
    (
        "Likeverd",
        "purple",
        "Alle, uansett bakgrunn, skal ha de samme muligheter og rettigheter og skal møtes med "
        "respekt. Vi stimulerer forskjellighet som ressurs. Likeverd betyr rett (og plikt) til "
        "å medvirke og bidra fra sitt ståsted.",
        [],
    ),
]

GRUE_VALUE_BANK = [
    ("Gruppe 1", "Toleranse", "Raushet"),
    ("Gruppe 1", "Humor", "Engasjement"),
    ("Gruppe 1", "Respekt", "Likeverd"),
    ("Gruppe 2", "Åpenhet", "Raushet"),
    ("Gruppe 2", "Glede", "Engasjement"),
    ("Gruppe 2", "Å bli sett", "Anerkjennelse"),
    ("Gruppe 3", "Tillit", "Raushet"),
    ("Gruppe 3", "Stolthet", "Engasjement"),
    ("Gruppe 3", "Tilbakemelding", "Anerkjennelse"),
    ("Gruppe 4", "Samarbeid", "Raushet"),
    ("Gruppe 4", "Medvirkning", "Likeverd"),
    ("Gruppe 4", "Like muligheter", "Likeverd"),
]

SORSELE = {
    "name": "Gemensam värdegrund i Sorsele kommun",
    "acronym": "",
    "intro": (
        "<p>Mod, Glädje och Respekt är vår gemensamma värdegrund. Den ligger till grund för "
        "målarbetet, från visionen ända ner till arbetslagens mål och lönekriterierna.</p>"
    ),
    "status": ValueSetStatus.ADOPTED,
    "adopted_by": "",
    "adopted_on": None,
    "adoption_reference": "",
    "workshop_held_on": None,
    "workshop_summary": "",
}

SORSELE_VALUES = [
    ("Mod", "red", "", ["att ta ansvar", "att fatta beslut", "att prova nytt", "att agera"]),
    ("Glädje", "orange", "", ["Positiv inställning", "Ha roligt på jobbet", "Se varandra"]),
    (
        "Respekt",
        "teal",
        "",
        [
            "Känna stolthet och respekt för uppdraget",
            "Ta alla på allvar",
            "Respektera fattade beslut",
        ],
    ),
]


def load_value_sets(home):
    """Both demo sets and their pages; returns the pages (Grue's, Sorsele's)."""
    norwegian = home.locale
    swedish, _created = Locale.objects.get_or_create(language_code="sv")
    real = save_value_set(norwegian, GRUE_REAL, GRUE_VALUES, GRUE_VALUE_BANK)
    sorsele = save_value_set(swedish, SORSELE, SORSELE_VALUES, [])
    grue_page = publish_child_page(
        home,
        ValuesPage,
        slug="verdiene-vare",
        title="Verdiene våre: REAL",
        intro=(
            "<p>Raushet, Engasjement, Anerkjennelse og Likeverd: de felles verdiene "
            "kommunestyret vedtok, og hvor de kom fra.</p>"
        ),
        value_set=real,
        show_workshop=True,
    )
    swedish_home = translated_home_page(
        home,
        swedish,
        title="Exempel kommun",
        intro="<p>Välkommen till intranätet. Här hittar du vår värdegrund.</p>",
    )
    sorsele_page = publish_child_page(
        swedish_home,
        ValuesPage,
        slug="var-vardegrund",
        title="Vår värdegrund: Mod, Glädje och Respekt",
        intro="<p>Vad våra värderingar betyder i vardagen.</p>",
        value_set=sorsele,
        show_workshop=False,
    )
    add_values_banner(home, real)
    return grue_page, sorsele_page


def add_values_banner(home, value_set):
    """The acronym banner on the home page, as an editor would add it in a block."""
    if any(block.block_type == "value_set" for block in home.body):
        return
    home.body.append(("value_set", {"value_set": value_set, "display": "acronym"}))
    home.save_revision().publish()


def save_value_set(locale, fields, values, value_bank):
    value_set = ValueSet.objects.filter(locale=locale, name=fields["name"]).first()
    if value_set is None:
        value_set = ValueSet(locale=locale)
    for name, field_value in fields.items():
        setattr(value_set, name, field_value)
    value_set.save()
    for position, (name, token, meaning, behaviours) in enumerate(values):
        Value.objects.update_or_create(
            value_set=value_set,
            name=name,
            defaults={
                "locale": locale,
                "sort_order": position,
                "token": token,
                "meaning": f"<p>{meaning}</p>" if meaning else "",
                "behaviours": [("behaviour", text) for text in behaviours],
            },
        )
    value_set.values.exclude(name__in=[name for name, *_rest in values]).delete()
    kept = []
    for position, (group_name, candidate, grouped_under) in enumerate(value_bank):
        kept.append(
            WorkshopCandidate.objects.update_or_create(
                value_set=value_set,
                group_name=group_name,
                candidate=candidate,
                defaults={"grouped_under": grouped_under, "sort_order": position},
            )[0].pk
        )
    value_set.workshop_candidates.exclude(pk__in=kept).delete()
    return value_set
