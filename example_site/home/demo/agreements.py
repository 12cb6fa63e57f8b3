# ruff: noqa: E501  (the seed's tables read best one row to a line)
"""The demo municipality's leader agreements: the template as Nesodden's chief executive
presented it in 2012 (seed 002, slides 63-88), one signed agreement (Sykehjemmet) and one
draft (Helse og omsorg), and the groups that let the demo logins work with them."""

import datetime
import uuid

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from wagtail_employer.models import (
    AgreementStatus,
    AgreementTemplate,
    AgreementTemplateStatus,
    LeaderAgreementIndexPage,
    LeaderAgreementPage,
    OrganisationUnit,
)
from wagtail_employer.settings import employer_settings
from wagtail_employer.views.agreements import add_agreement

PERIOD = (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31))

GOALS_INTRO = (
    "<p>A) Mål for perioden 2012–2013 og B) resultatmål for året, hvert med et spesifisert "
    "resultatkrav til lederen. Gjør målene målbare med driverindikatorer (innsats og "
    "aktivitet, f.eks. antall medarbeidersamtaler) og resultatindikatorer (effekt, f.eks. "
    "medarbeidernes opplevelse av å bli hørt).</p>"
)


def item(value):
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def section(heading, required=True, intro="", **fields):
    return {"heading": heading, "intro": intro, "required_before_signing": required, **fields}


def goal(text, horizon="period", requirement="", indicators=()):
    return item(
        {
            "goal": text,
            "horizon": horizon,
            "result_requirement": requirement,
            "indicators": [
                item({"kind": kind, "measure": measure, "target": target, "source": source})
                for kind, measure, target, source in indicators
            ],
        }
    )


def delegation_rows(rows):
    return [
        item({"authority": authority, "delegated": delegated, "note": note})
        for authority, delegated, note in rows
    ]


FINANCE = [
    ("Disponere budsjettmidlene", "yes", "Ut over vanlige disposisjoner i samråd med kommunal-/stabssjef"),
    ("Omdisponere budsjettmidlene innenfor ramme", "yes", "Ut over vanlige disposisjoner i samråd med kommunal-/stabssjef"),
    ("Opprette nye stillinger", "no", "I samråd med kommunalsjef/stabssjef/HR/rådmannen"),
    ("Plikt til fortløpende å informere om avvik / forventet avvik til nærmeste overordnet", "yes", ""),
    ("Rapportere regnskapsresultat annenhver måned (formannskapet)", "yes", "I samråd med nærmeste leder/kommunalsjef/stabssjef"),
    ("Rapportere regnskapsresultat hvert tertial og årsrapportering (kommunestyret)", "yes", "I samråd med nærmeste leder/kommunalsjef/stabssjef"),
    ("Foreta innkjøp", "yes", "Innenfor rammen av formål"),
    ("Attestasjon", "yes", "Jf. særskilt beskrivelse"),
    ("Anvisning", "no", "Jf. særskilt beskrivelse"),
]  # fmt: skip

PERSONNEL = [
    ("Ansette i faste stillinger", "no", "Skjer i samråd med HR/OU"),
    ("Ansette i midlertidige stillinger", "yes", "Kun vikariater inntil 6 måneder"),
    ("Fastsette lønn", "yes", "Ikke utover tariffastsatt minstelønn"),
    ("Lønnsinnrapportering", "yes", ""),
    ("HMS og IA", "yes", ""),
    ("Oppfølging av medarbeiderundersøkelser", "yes", "I samråd med kommunalsjef/virksomhetsleder"),
    ("Innstille endret lønn ved lønnsforhandlinger", "yes", "I samråd med kommunalsjef/virksomhetsleder"),
    ("Permisjoner", "yes", "Kun inntil 5 dager med lønn"),
    ("Fastsette ferie", "yes", ""),
    ("Kompetanseutvikling", "yes", "I henhold til lokal kompetanseplan"),
    ("Medarbeidersamtaler", "yes", ""),
    ("Oppfølging av sykmeldte", "yes", "I samarbeid med bedriftshelsetjenesten"),
    ("Organisasjonsutvikling", "yes", "I samarbeid med HR/OU"),
    ("Medbestemmelse med tillitsvalgte", "yes", "I samarbeid med kommunalsjef/virksomhetsleder"),
]  # fmt: skip

QUALITY = [
    ("subjective", "Egenskaper ved tjenesten slik brukeren oppfatter den: den tilfredsheten den enkelte tjenestemottaker opplever."),
    ("objective", "Det nivået et standardsettende organ har definert som riktig eller godt nok: staten i lov og forskrift, kommunestyret ved vedtak, rådmannen i en retningslinje."),
    ("process", "Måten tjenesten blir utført på: med hvilke virkemidler, form og hensyn, grad av medvirkning, informasjon og veiledning."),
    ("structure", "Egenskaper ved organisasjon og systemer som er forutsetninger for å levere objektiv og brukeropplevd kvalitet."),
]  # fmt: skip

MILESTONES = [
    ("Utkast til lederavtale sendes til arbeidstakerorganisasjonene raskest mulig", None, "Rådmannen"),
    ("Høringsrunde og drøftingsmøte primo juni", None, "Rådmannen"),
    ("Alle kommunalsjefer og stabssjefer har sine lederavtaler på plass", datetime.date(2012, 6, 15), "Kommunalsjefer og stabssjefer"),
    ("Alle virksomhetsledere, fagsjefer og avdelingsledere har sine lederavtaler på plass", datetime.date(2012, 7, 1), "Virksomhetsledere, fagsjefer og avdelingsledere"),
    ("Siste frist for virksomhetsledere, fagsjefer og avdelingsledere", datetime.date(2012, 9, 1), "Virksomhetsledere, fagsjefer og avdelingsledere"),
]  # fmt: skip


def template_body():
    return [
        {
            "type": "perspective",
            "value": section(
                "Overordnede mål- og resultatkrav",
                required=False,
                intro="<p>Målene for omstillingsprosessen gjelder alle ledere.</p>",
                scope="overall",
                goals=[
                    goal("Bedre tjenestekvalitet for kommunens innbyggere"),
                    goal("Bedre ressursutnyttelse både økonomisk og kompetansemessig"),
                    goal("Bedre og tydeligere ledelse – på alle nivåer"),
                    goal(
                        "Bedre integrasjon og flyt i organisasjonen koblet mot effektiv bruk av IKT"
                    ),
                ],
            ),
        },
        *[
            {
                "type": "perspective",
                "value": section(heading, intro=GOALS_INTRO, scope="local", goals=[]),
            }
            for heading in (
                "1 Mål knyttet til økonomi",
                "2 Tjeneste og brukere",
                "3 Medarbeider og organisasjon",
                "4 Samfunn og innbyggere",
            )
        ],
        {
            "type": "quality_dimensions",
            "value": section(
                "Kvalitetsdimensjoner",
                required=False,
                intro="<p>Vi kan definere målbare mål innenfor flere kvalitetsdimensjoner.</p>",
                dimensions=[
                    item({"dimension": dimension, "description": description, "measure": ""})
                    for dimension, description in QUALITY
                ],
            ),
        },
        {"type": "personal_development", "value": section("Personlige utviklingsmål", goals=[])},
        {
            "type": "values_requirement",
            "value": section(
                "Verdier – krav til holdninger og lederatferd",
                value_set=None,
                expectations=(
                    "Lederen skal være en tydelig rollemodell og vise kommunens verdier i "
                    "holdninger og lederatferd, i dialog med medarbeiderne."
                ),
            ),
        },
        {
            "type": "delegation",
            "value": section(
                "Økonomiansvar", area="finance", rows=delegation_rows(FINANCE), required=False
            ),
        },
        {
            "type": "delegation",
            "value": section(
                "Personalansvar", area="personnel", rows=delegation_rows(PERSONNEL), required=False
            ),
        },
        {
            "type": "delegation",
            "value": section(
                "Fagansvar",
                area="professional",
                required=False,
                intro="<p>Hva vi legger i delegering av fagansvar, presenteres av rådmannen.</p>",
                rows=[],
            ),
        },
        {
            "type": "milestones",
            "value": section(
                "Milepelsplan for lederavtaler 2012",
                required=False,
                milestones=[
                    item(
                        {
                            "what": what,
                            "date": date.isoformat() if date else None,
                            "responsible": who,
                        }
                    )
                    for what, date, who in MILESTONES
                ],
            ),
        },
        {"type": "follow_up", "value": section("Oppfølgingssamtaler", meetings=[])},
        {
            "type": "signature",
            "value": {
                "heading": "Underskrifter",
                "statement": (
                    "Lederavtalen er inngått mellom lederen og nærmeste overordnede leder for "
                    "perioden, og følges opp i oppfølgingssamtalene."
                ),
                "place": "Eksempel",
            },
        },
    ]


def fill_in(raw, goals_by_heading, development, meetings):
    for child in raw:
        value = child["value"]
        if child["type"] == "perspective" and value["heading"] in goals_by_heading:
            value["goals"] = goals_by_heading[value["heading"]]
        elif child["type"] == "personal_development":
            value["goals"] = [item(goal_value) for goal_value in development]
        elif child["type"] == "follow_up":
            value["meetings"] = [
                item({"date": date.isoformat(), "topic": topic}) for date, topic in meetings
            ]
    return raw


SYKEHJEM_GOALS = {
    "1 Mål knyttet til økonomi": [
        goal(
            "Drift innenfor vedtatt budsjettramme",
            "year",
            "Avvik fra budsjett under 1 prosent ved årsslutt",
            [("result", "Avvik fra budsjett", "< 1 %", "Regnskapet")],
        )
    ],
    "2 Tjeneste og brukere": [
        goal(
            "Beboerne opplever å bli tatt med på råd",
            "period",
            "Brukerundersøkelsen viser bedring fra 2012 til 2013",
            [
                ("driver", "Andel beboere med individuell plan", "100 %", "Fagsystemet"),
                ("result", "Brukertilfredshet, medvirkning", "4,5 av 6", "Brukerundersøkelsen"),
            ],
        )
    ],
    "3 Medarbeider og organisasjon": [
        goal(
            "Redusert sykefravær",
            "year",
            "Sykefraværet under 8 prosent",
            [
                ("driver", "Antall gjennomførte medarbeidersamtaler", "Alle", "HR-systemet"),
                ("result", "Sykefravær", "< 8 %", "Fraværsstatistikken"),
            ],
        )
    ],
    "4 Samfunn og innbyggere": [
        goal("Synlig i lokalsamfunnet", "period", "Minst ett åpent arrangement i året")
    ],
}

HO_GOALS = {
    "1 Mål knyttet til økonomi": [
        goal("Sektoren drives innenfor rammen", "year", "Balanse i sektorens regnskap")
    ],
}


def load_groups(index):
    """Leaders get admin access and no page permissions: they manage their own agreements
    by row (the package's permission tester and policy), so no group permission can show
    them anyone else's. Only HR holds page permissions on the agreements index."""
    access_admin = Permission.objects.get(codename="access_admin")
    page_permissions = {
        codename: Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in ("add_page", "change_page", "publish_page", "delete_page")
    }
    leaders = Group.objects.get_or_create(name="Ledere")[0]
    leaders.permissions.add(access_admin)
    # Earlier demos gave leaders page permissions on the index; load_demo runs again.
    GroupPagePermission.objects.filter(group=leaders).delete()
    hr_group = Group.objects.get_or_create(name=employer_settings.HR_GROUP_NAME)[0]
    hr_group.permissions.add(
        access_admin,
        *Permission.objects.filter(
            content_type__app_label="wagtail_employer", codename__endswith="agreementtemplate"
        ),
        # The survey export without suppression (README: Employee surveys, Export).
        *Permission.objects.filter(
            content_type__app_label="wagtail_employer",
            codename__in=("view_survey", "view_surveyresult"),
        ),
    )
    for codename in ("add_page", "change_page", "publish_page", "delete_page"):
        GroupPagePermission.objects.get_or_create(
            group=hr_group, page=index, permission=page_permissions[codename]
        )
    return {"leaders": leaders, "hr": hr_group}


def load_agreements(home, users):
    """Idempotent: what exists is left as it is (a signed agreement is never re-signed)."""
    index = LeaderAgreementIndexPage.objects.child_of(home).first()
    if index is None:
        index = LeaderAgreementIndexPage(
            title="Lederavtaler",
            slug="lederavtaler",
            intro="<p>Lederavtalene mellom hver leder og nærmeste overordnede leder.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    groups = load_groups(index)
    for leader in ("leder", "kommunalsjef", "leder2"):
        users[leader].groups.add(groups["leaders"])
    users["hr"].groups.add(groups["hr"])

    nursing_home = OrganisationUnit.objects.get(code="HO-SYK")
    health = OrganisationUnit.objects.get(code="HO")
    school = OrganisationUnit.objects.get(code="OPP-MYK")
    for unit, leader in (
        (nursing_home, users["leder"]),
        (health, users["kommunalsjef"]),
        (school, users["leder2"]),
    ):
        if unit.leader_id != leader.pk:
            unit.leader = leader
            unit.save()

    template, _created = AgreementTemplate.objects.get_or_create(
        name="Lederavtale for Eksempel kommune",
        version="2012.1",
        defaults={
            "valid_from": datetime.date(2012, 1, 1),
            "valid_to": datetime.date(2013, 12, 31),
            "status": AgreementTemplateStatus.ACTIVE,
            "intro": "<p>Rådmannens mal for lederavtaler, presentert på ledersamlingen 21. mai "
            "2012.</p>",
            "body": template_body(),
        },
    )

    signed = agreement_for(index, template, nursing_home, users["leder"], users["hr"])
    if signed.status == AgreementStatus.DRAFT and not signed.empty_required_sections():
        signed = signed.get_latest_revision_as_object()
        signed.status = AgreementStatus.SIGNED
        signed.signed_by = users["kommunalsjef"]
        signed.signed_at = datetime.datetime(2012, 6, 28, 14, 0, tzinfo=datetime.UTC)
        signed.save_revision(user=users["kommunalsjef"]).publish(
            user=users["kommunalsjef"], skip_permission_checks=True
        )
    agreement_for(index, template, health, users["kommunalsjef"], users["hr"])
    agreement_for(index, template, school, users["leder2"], users["hr"])
    return index


def agreement_for(index, template, unit, leader, hr_user):
    existing = LeaderAgreementPage.objects.filter(
        leader=leader, unit=unit, period_start=PERIOD[0], period_end=PERIOD[1]
    ).first()
    if existing is not None:
        return existing
    agreement = LeaderAgreementPage(
        leader=leader, unit=unit, period_start=PERIOD[0], period_end=PERIOD[1]
    )
    agreement.copy_from_template(template)
    add_agreement(index, agreement, hr_user)
    raw = [dict(child) for child in agreement.body.raw_data]
    if unit.code == "HO-SYK":
        raw = fill_in(
            raw,
            SYKEHJEM_GOALS,
            development=[
                {
                    "goal": "Styrke egen kompetanse i endringsledelse",
                    "actions": "Delta i kommunens lederutviklingsprogram",
                    "deadline": "2012-12-31",
                }
            ],
            meetings=[
                (datetime.date(2012, 9, 15), "Halvårlig oppfølging"),
                (datetime.date(2013, 1, 20), "Årlig oppfølging og ny avtale"),
            ],
        )
        agreement.body = raw
    else:
        agreement.body = fill_in(raw, HO_GOALS, development=[], meetings=[])
    agreement.save_revision(user=hr_user).publish(user=hr_user)
    agreement.refresh_from_db()
    return agreement
