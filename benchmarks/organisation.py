"""A large municipality for the benchmark: about a thousand units (municipality, eight
sectors, their units and the units' teams), leaders, and staff placed in the units.

Written with ``bulk_create`` so that building it takes seconds; the benchmark measures
what comes after (imports, listings, pages), never this."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from wagtail_employer.models import OrganisationUnit, UnitKind, UnitMembership

SECTORS = (
    ("HO", "Helse og omsorg", ("{} sykehjem", "Hjemmetjenesten {}", "{} bofellesskap")),
    ("OPP", "Oppvekst", ("{} skole", "{} barnehage", "{} ungdomsskole")),
    ("TEK", "Teknisk drift", ("Vei og park {}", "Vann og avløp {}", "Eiendom {}")),
    ("KUL", "Kultur og fritid", ("{} bibliotek", "{} kulturhus", "{} fritidsklubb")),
    ("SAM", "Samfunnsutvikling", ("Plan og bygg {}", "Landbruk {}", "Miljø {}")),
    ("ORG", "Organisasjon og økonomi", ("Lønn {}", "Regnskap {}", "IKT {}")),
    ("NAV", "NAV og velferd", ("NAV {}", "Flyktningtjenesten {}", "Boligkontoret {}")),
    ("BRA", "Brann og redning", ("{} brannstasjon", "Feiervesenet {}", "Beredskap {}")),
)
PLACES = (
    "Solbakken",
    "Myklerud",
    "Berger",
    "Fjellstrand",
    "Bjørnemyr",
    "Flaskebekk",
    "Fagerstrand",
    "Jaer",
    "Tangenåsen",
    "Alværn",
    "Nordre Nesodden",
    "Hellvik",
    "Skoklefall",
    "Torvet",
    "Oksval",
    "Kjøya",
    "Spro",
    "Ursvik",
    "Tangen",
    "Hasle",
    "Sjøstrand",
    "Vestby",
    "Ildjernet",
    "Blylaget",
)
TEAMS_PER_UNIT = 4
# Nobody logs in as the generated people; the benchmark logs its clients in directly.
UNUSABLE_PASSWORD = make_password(None)


def make_municipality(unit_count=1000, code_prefix="BK"):
    """A municipality of ``unit_count`` units under a new root; returns the units in tree
    order. Codes start with ``code_prefix`` (so they never clash with the demo's)."""
    root = OrganisationUnit(
        name="Storby kommune", code=code_prefix, kind=UnitKind.MUNICIPALITY, depth=1
    )
    OrganisationUnit.objects.bulk_create([root])
    sectors = OrganisationUnit.objects.bulk_create(
        OrganisationUnit(
            name=name, code=f"{code_prefix}-{code}", kind=UnitKind.SECTOR, parent=root, depth=2
        )
        for code, name, _patterns in SECTORS
    )
    # One unit with its teams is 1 + TEAMS_PER_UNIT units.
    unit_total = (unit_count - 1 - len(sectors)) // (1 + TEAMS_PER_UNIT)
    units = []
    patterns = itertools.cycle(
        (sector, pattern)
        for sector, (_code, _name, sector_patterns) in zip(sectors, SECTORS, strict=True)
        for pattern in sector_patterns
    )
    places = itertools.cycle(PLACES)
    for number in range(unit_total):
        sector, pattern = next(patterns)
        units.append(
            OrganisationUnit(
                name=pattern.format(next(places)),
                code=f"{sector.code}-{number + 1:03d}",
                kind=UnitKind.UNIT,
                parent=sector,
                depth=3,
            )
        )
    units = OrganisationUnit.objects.bulk_create(units)
    teams_needed = unit_count - 1 - len(sectors) - len(units)
    teams = [
        OrganisationUnit(
            name=f"Team {letter}",
            code=f"{unit.code}-{letter}",
            kind=UnitKind.TEAM,
            parent=unit,
            depth=4,
        )
        for letter in "ABCDEFGH"[: TEAMS_PER_UNIT + 1]
        for unit in units
    ][:teams_needed]
    OrganisationUnit.objects.bulk_create(teams)
    OrganisationUnit.objects.rebuild_tree()
    return list(OrganisationUnit.objects.filter(code__startswith=code_prefix).order_by("tree_path"))


def make_leaders(units):
    """A leader (a user) for every unit but the teams; returns unit pk → leader."""
    User = get_user_model()
    led = [unit for unit in units if unit.kind != UnitKind.TEAM]
    users = User.objects.bulk_create(
        User(
            username=f"leder-{unit.code.lower()}",
            first_name="Leder",
            last_name=unit.name,
            password=UNUSABLE_PASSWORD,
        )
        for unit in led
    )
    for unit, user in zip(led, users, strict=True):
        unit.leader = user
    OrganisationUnit.objects.bulk_update(led, ["leader"], batch_size=500)
    return {unit.pk: unit.leader for unit in led}


def place_staff(units, count, prefix="ansatt"):
    """``count`` staff members, placed round-robin in ``units``; returns the users."""
    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"{prefix}-{number:05d}",
            first_name="Ansatt",
            last_name=f"{number:05d}",
            password=UNUSABLE_PASSWORD,
        )
        for number in range(count)
    )
    UnitMembership.objects.bulk_create(
        UnitMembership(user=user, unit=unit)
        for user, unit in zip(users, itertools.cycle(units), strict=False)
    )
    return users
