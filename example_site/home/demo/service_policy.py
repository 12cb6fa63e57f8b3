"""Nesodden's service policy, “10 kjennetegn på god praksis” (seed 002, slides 58-62),
on a service policy page, with a few self-assessments. Safe to run again: it updates
in place and keeps the assessments' scores attached to the same commitments."""

import datetime

from django.db import transaction
from wagtail.models import Locale

from home.demo.site import load_home_page
from wagtail_employer.models import (
    Commitment,
    CommitmentScore,
    FocusArea,
    FocusAreaExemplar,
    OrganisationUnit,
    PolicyUsage,
    SelfAssessment,
    ServicePolicy,
    ServicePolicyPage,
    ServicePolicyStatus,
    UnitKind,
)

POLICY_TITLE = "10 kjennetegn på god praksis i Nesodden kommune"
SLOGAN = "Service og kvalitet – vi skaper gode opplevelser"
INTRO = (
    "<p>Det er både det du sier og det du gjør som teller. Det må være samsvar mellom ord "
    "og handling for å skape troverdighet og tillit. Kjennetegnene er hentet fra god "
    "praksis i våre egne virksomheter.</p>"
)

# The exemplar units of slide 58 (“Hentet fra”), by the demo tree's unit codes; a unit
# that is missing from the tree is created under its parent.
UNITS = {
    "EK": ("Eksempel kommune", UnitKind.MUNICIPALITY, None),
    "HO": ("Helse og omsorg", UnitKind.SECTOR, "EK"),
    "PBG": ("Plan, bygg og geodata", UnitKind.SECTOR, "EK"),
    "OPP": ("Oppvekst", UnitKind.SECTOR, "EK"),
    "HO-OAS": ("Opplærings- og aktivitetssenteret (OAS)", UnitKind.UNIT, "HO"),
    "OPP-MYK": ("Myklerud skole", UnitKind.UNIT, "OPP"),
    "OPP-MUN": ("Munkestien barnehage", UnitKind.UNIT, "OPP"),
    "OPP-SUN": ("Sunnhagen barnehage", UnitKind.UNIT, "OPP"),
    "OPP-ALV": ("Alværn ungdomsskole", UnitKind.UNIT, "OPP"),
    "OPP-SKO": ("Skoklefallsletta barnehage", UnitKind.UNIT, "OPP"),
    "OPP-FJE": ("Fjellstrand skole", UnitKind.UNIT, "OPP"),
    "PBG-BYGG": ("Byggesak", UnitKind.UNIT, "PBG"),
}

# (title, [commitments], [exemplar unit codes]) in the order of slide 58.
FOCUS_AREAS = [
    (
        "God kommunikasjon med brukere, innbyggere og samarbeidspartnere",
        [
            "Vi presenterer oss, er høflige, vennlige og profesjonelle.",
            "Vi inviterer til samarbeid for å finne gode løsninger: "
            "Sammen skaper vi det gode livet.",
            "Vi sørger for at våre tjenester er lett tilgjengelige for våre brukere og gir "
            "god informasjon. Vi informerer om når vi selv er tilgjengelig.",
        ],
        ["HO", "PBG", "OPP-MYK", "OPP-MUN", "OPP-SUN"],
    ),
    (
        "Det gode møtet",
        [
            "Vi møter våre brukere og innbyggere med interesse, åpenhet, respekt og tillit: "
            "Det du sier er viktig for oss.",
            "Vi avklarer behov og planlegger hva kommunen skal gjøre, og hva brukeren/"
            "innbyggeren/samarbeidspartneren skal gjøre, gjennom en god dialog.",
            "Vi er interessert i lære av brukernes erfaringer med våre tjenester for å kunne "
            "forbedre dem.",
        ],
        [
            "HO",
            "HO-OAS",
            "OPP-ALV",
            "OPP-SUN",
            "OPP-SKO",
            "OPP-MYK",
            "OPP-MUN",
            "OPP-FJE",
        ],
    ),
    (
        "God faglig kvalitet på tjenestene",
        [
            "Vi involverer brukerne og gir dem innflytelse. Vi motiverer, gir råd og "
            "veiledning ved behov.",
            "Vi har oppdatert fagkompetanse og sikrer at tjenestene er godt planlagt, "
            "virkningsfulle og i tråd med lov, forskrift og vedtatte mål.",
            "Vi samordner tjenestene og sikrer at de er rettferdig fordelt. Vi sørger for god "
            "kontinuitet og effektive arbeidsprosesser.",
        ],
        ["OPP-MUN", "OPP-FJE", "PBG", "HO-OAS", "OPP-ALV"],
    ),
    (
        "God oppfølging",
        [
            "Vi gir foreløpige tilbakemeldinger og endelige svar innen fastsatte frister, "
            "eller innen rimelig tid. Vi holder det vi lover.",
        ],
        ["OPP-MUN", "PBG"],
    ),
]

# Slide 62, “Hvordan skal vi bruke policyen framover?”
USAGES = [
    ("Internrevisjon", "Virksomhetene besøker hverandre, vurderer og gir tilbakemelding."),
    ("Brukerundersøkelser", "Vi vurderer hvordan vi lykkes."),
    ("Medarbeidersamtaler", "Kjennetegnene er tema i medarbeidersamtalen."),
    ("Introduksjon av nyansatte", "Nye medarbeidere blir kjent med kjennetegnene."),
    ("Veiledning", "Kjennetegnene brukes når vi veileder hverandre."),
    ("Opplæring", "Kjennetegnene er en del av opplæringen."),
    ("På nettsidene", "Kjennetegnene står på kommunens nettsider."),
    (
        "Tjenestebeskrivelser og serviceerklæringer",
        "Når vi beskriver tjenestene, bygger vi på kjennetegnene.",
    ),
    ("Visjonen", "Kjennetegnene kobles mot visjonen, som forankres ordentlig."),
]

# (unit code, date, {commitment number: (score, comment, action, who, due)})
ASSESSMENTS = [
    (
        "OPP-MUN",
        datetime.date(2012, 10, 15),
        {
            1: (5, "Alle presenterer seg ved henting og levering.", "", "", None),
            4: (4, "", "", "", None),
            6: (
                3,
                "Vi spør sjelden foreldrene.",
                "Kort foreldreundersøkelse hver vår",
                "Styrer",
                datetime.date(2013, 5, 1),
            ),
            10: (4, "", "", "", None),
        },
    ),
    (
        "PBG-BYGG",
        datetime.date(2012, 10, 22),
        {
            3: (
                3,
                "Byggesaksbehandler er vanskelig å nå.",
                "Fast telefontid og timeavtale via Infosenteret",
                "Virksomhetsleder",
                datetime.date(2012, 12, 1),
            ),
            9: (4, "", "", "", None),
            10: (
                2,
                "Vi svarer ofte etter fristen.",
                "Foreløpig svar i alle saker innen to uker",
                "Saksbehandlerne",
                datetime.date(2013, 1, 15),
            ),
        },
    ),
    (
        "OPP-MYK",
        datetime.date(2012, 11, 5),
        dict.fromkeys(range(1, 11), (4, "", "", "", None)),
    ),
]


def _unit(code):
    unit = OrganisationUnit.objects.filter(code=code).first()
    if unit is not None:
        return unit
    name, kind, parent_code = UNITS[code]
    parent = _unit(parent_code) if parent_code else None
    return OrganisationUnit.objects.create(code=code, name=name, kind=kind, parent=parent)


def _set(instance, **values):
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


@transaction.atomic
def load_service_policy():
    """Returns (policy, page, number of self-assessments)."""
    policy = ServicePolicy.objects.filter(
        title=POLICY_TITLE, locale=Locale.get_default()
    ).first() or ServicePolicy(title=POLICY_TITLE, locale=Locale.get_default())
    _set(
        policy,
        slogan=SLOGAN,
        intro=INTRO,
        version="2012",
        # Seed 002 shows the policy as the leaders' draft (slides 60-61: comments to the
        # chief executive's management group by 25 May 2012); it records no adoption.
        status=ServicePolicyStatus.DRAFT,
        adopted_by="",
        adopted_on=None,
        valid_from=None,
        scale_min=1,
        scale_max=5,
        scale_min_label="Ikke i gang",
        scale_max_label="Slik jobber vi alltid",
    )
    existing_areas = list(policy.focus_areas.all()) if policy.pk else []
    areas = []
    for position, (title, texts, unit_codes) in enumerate(FOCUS_AREAS):
        area = existing_areas[position] if position < len(existing_areas) else FocusArea()
        _set(area, title=title, sort_order=position, intro="")
        existing_commitments = list(area.commitments.all()) if area.pk else []
        area.commitments = [
            _set(
                existing_commitments[index] if index < len(existing_commitments) else Commitment(),
                text=text,
                sort_order=index,
            )
            for index, text in enumerate(texts)
        ]
        existing_exemplars = list(area.exemplar_units.all()) if area.pk else []
        area.exemplar_units = [
            _set(
                existing_exemplars[index]
                if index < len(existing_exemplars)
                else FocusAreaExemplar(),
                unit=_unit(code),
                sort_order=index,
            )
            for index, code in enumerate(unit_codes)
        ]
        areas.append(area)
    policy.focus_areas = areas
    existing_usages = list(policy.usages.all()) if policy.pk else []
    policy.usages = [
        _set(
            existing_usages[index] if index < len(existing_usages) else PolicyUsage(),
            title=title,
            description=description,
            sort_order=index,
        )
        for index, (title, description) in enumerate(USAGES)
    ]
    policy.save()
    page = _load_page(policy)
    count = _load_assessments(policy)
    return policy, page, count


def _load_page(policy):
    """Creates the page once; an editor's later changes to it are kept."""
    home = load_home_page()
    page = ServicePolicyPage.objects.child_of(home).filter(slug="servicepolitikk").first()
    if page is not None:
        return page
    page = ServicePolicyPage(
        title="Servicepolitikken",
        slug="servicepolitikk",
        policy=policy,
        intro="<p>Slik skaper vi gode opplevelser for innbyggere og brukere.</p>",
        show_exemplar_units=True,
        show_usages=True,
        show_self_assessments=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _load_assessments(policy):
    commitments = {
        commitment.number: commitment
        for commitment in Commitment.objects.filter(focus_area__policy=policy)
    }
    for code, assessed_on, scores in ASSESSMENTS:
        unit = _unit(code)
        assessment = SelfAssessment.objects.filter(
            policy=policy, unit=unit, assessed_on=assessed_on
        ).first() or SelfAssessment(policy=policy, unit=unit, assessed_on=assessed_on)
        existing = assessment.scores_by_commitment() if assessment.pk else {}
        rows = []
        for number, (score, comment, action, who, due) in scores.items():
            commitment = commitments[number]
            rows.append(
                _set(
                    existing.get(commitment.pk) or CommitmentScore(commitment=commitment),
                    score=score,
                    comment=comment,
                    action=action,
                    action_responsible=who,
                    action_due=due,
                )
            )
        assessment.scores = rows
        assessment.save()
    return len(ASSESSMENTS)
