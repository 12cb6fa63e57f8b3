"""Sorsele's goal hierarchy "Från vision till lönekriterier" (seed 004), in Swedish.

From the seed: the vision, the overall goal and the goals of the five sectors
(verksamheter), word for word; the rule of at most three goals per team, each saying what,
how and how it is followed up; and that salary criteria (lönekriterier) refer to the goals
and to the values Mod, Glädje and Respekt. The seed's workshop set goals for one unit and
one of its teams without naming them, so the unit (Hemtjänsten), the team, their goals and
the salary criteria are illustrative, written from the sector goal they serve."""

from wagtail.models import Locale

from wagtail_employer.models import (
    Goal,
    GoalHierarchyPage,
    OrganisationUnit,
    SalaryCriterion,
    UnitKind,
    ValueSet,
)

from .pages import publish_child_page, translated_home_page

SORSELE_UNITS = [
    # (code, name, parent code, kind)
    ("SOR", "Sorsele kommun", None, UnitKind.MUNICIPALITY),
    ("SOR-SOC", "Socialtjänsten", "SOR", UnitKind.SECTOR),
    ("SOR-SKOLA", "Skolverksamheten", "SOR", UnitKind.SECTOR),
    ("SOR-TEKN", "Tekniska verksamheten", "SOR", UnitKind.SECTOR),
    ("SOR-TILLV", "Tillväxtverksamheten", "SOR", UnitKind.SECTOR),
    ("SOR-STOD", "Stödverksamheten", "SOR", UnitKind.SECTOR),
    ("SOR-SOC-HEM", "Hemtjänsten", "SOR-SOC", UnitKind.UNIT),
    ("SOR-SOC-HEM-1", "Arbetslag Centrum", "SOR-SOC-HEM", UnitKind.TEAM),
]

VISION = (
    "Ett livskraftigt Sorsele – där vi tillsammans skapar ett hållbart och generöst "
    "samhälle för alla."
)
OVERALL = (
    "Sorsele kommun är en service- och myndighetsorganisation där helhetssyn och samverkan "
    "präglar arbetet för medborgarnas bästa. Verksamheten i den samordnade förvaltningen "
    "kännetecknas av hög kvalitet. Ett gemensamt synsätt i hela organisationen är att verka "
    "för en social-, ekologisk och ekonomisk hållbar tillväxt som även är smart och "
    "inkluderande."
)
SECTOR_GOALS = {
    "SOR-SOC": (
        "Mål för socialtjänstverksamheten",
        "Tillsammans gör vi ett arbete som aktivt främjar och stärker den enskildes förmåga "
        "att leva ett självständigt liv. Vi bedriver en hälso- och sjukvård med god kvalitet, "
        "trygghet, säkerhet och på lika villkor för vår befolkning. Arbetssättet inom "
        "socialtjänsten är rättsäkert samt präglas av gott bemötande med respekt för den "
        "enskilde.",
    ),
    "SOR-SKOLA": (
        "Mål för skolverksamheten",
        "Tillsammans levererar vi en skola av hög nationell kvalitet. Barn, elever och "
        "vårdnadshavare möts med respekt av medarbetare som sätter barn och elever i centrum.",
    ),
    "SOR-TEKN": (
        "Mål för tekniska verksamheten",
        "Tillsammans levererar vi service och tjänster av hög kvalitet med gott bemötande "
        "gentemot våra kunder. Verksamheten är miljö- och energieffektiv i sin förvaltning av "
        "kommunens egendomar och verkar för en säker och attraktiv miljö.",
    ),
    "SOR-TILLV": (
        "Mål för tillväxtverksamheten",
        "Tillsammans ger vi goda förutsättningar för boende, besökare och företag att trivas "
        "och utvecklas i kommunen.",
    ),
    "SOR-STOD": (
        "Mål för stödverksamheten",
        "Tillsammans är vi effektiva med god service internt och externt. Vårt arbetssätt "
        "kännetecknas av gott bemötande och god tillgänglighet för våra kunder.",
    ),
}
UNIT_GOAL = (
    "Mål för hemtjänsten",
    "Brukarna i hemtjänsten klarar så mycket som möjligt själva och känner sig trygga och "
    "väl bemötta.",
    "Genomförandeplaner som skrivs tillsammans med brukaren.",
    "Brukarundersökning varje år; resultaten gås igenom på arbetsplatsträffen.",
)
TEAM_GOALS = [
    (
        "Brukaren är delaktig",
        "Varje brukare har en genomförandeplan som hen har varit med och tagit fram.",
        "Kontaktpersonen går igenom planen med brukaren vid första besöket och sedan varje halvår.",
        "Arbetslaget räknar planerna på arbetsplatsträffen varje månad.",
    ),
    (
        "Färre personer per brukare",
        "Varje brukare möter så få olika medarbetare som möjligt.",
        "Fasta turer och kontaktpersoner i schemat.",
        "Vi följer antalet olika medarbetare per brukare och månad.",
    ),
    (
        "Vi lär av varandra",
        "Alla i arbetslaget delar med sig av det som fungerar.",
        "Tio minuter på varje arbetsplatsträff för ett exempel från vardagen.",
        "Vi stämmer av vid medarbetarsamtalet.",
    ),
]
SALARY_CRITERIA = [
    (
        "Tar ansvar för brukarens delaktighet",
        "Skriver och följer upp genomförandeplaner tillsammans med brukaren.",
        ["Brukaren är delaktig", "Mål för hemtjänsten"],
        ["Mod", "Respekt"],
    ),
    (
        "Bidrar till arbetslaget",
        "Delar med sig av kunskap, ser sina kollegor och bidrar till god stämning.",
        ["Vi lär av varandra"],
        ["Glädje"],
    ),
]


def load_goal_hierarchy(home):
    """Sorsele's units, goals and salary criteria, and the Swedish goal hierarchy page."""
    swedish, _created = Locale.objects.get_or_create(language_code="sv")
    units = save_units()
    vision = save_goal(units["SOR"], "Vision för Sorsele kommun", VISION, is_vision=True)
    overall = save_goal(units["SOR"], "Sorsele kommuns övergripande mål", OVERALL, parent=vision)
    sectors = {
        code: save_goal(units[code], title, text, parent=overall, position=position)
        for position, (code, (title, text)) in enumerate(SECTOR_GOALS.items())
    }
    title, text, how, follow_up = UNIT_GOAL
    unit_goal = save_goal(
        units["SOR-SOC-HEM"], title, text, parent=sectors["SOR-SOC"], how=how, follow_up=follow_up
    )
    goals = {unit_goal.title: unit_goal}
    for position, (title, text, how, follow_up) in enumerate(TEAM_GOALS):
        goals[title] = save_goal(
            units["SOR-SOC-HEM-1"],
            title,
            text,
            parent=unit_goal,
            how=how,
            follow_up=follow_up,
            position=position,
        )
    save_salary_criteria(units["SOR-SOC-HEM-1"], goals, swedish)
    swedish_home = translated_home_page(home, swedish)
    return publish_child_page(
        swedish_home,
        GoalHierarchyPage,
        slug="malhierarki",
        title="Från vision till lönekriterier",
        intro=(
            "<p>Målhierarkin visar hur visionen bryts ner till övergripande mål, "
            "verksamheternas mål, enheternas mål och arbetslagens mål – högst tre per "
            "arbetslag – och hur lönekriterierna knyter an till målen och värdegrunden.</p>"
        ),
        default_unit=units["SOR-SOC-HEM-1"],
    )


def save_units():
    units = {}
    for code, name, parent_code, kind in SORSELE_UNITS:
        unit = OrganisationUnit.objects.filter(code=code).first() or OrganisationUnit(code=code)
        parent = units.get(parent_code)
        if unit.pk is None or (unit.name, unit.parent_id, unit.kind) != (
            name,
            parent.pk if parent else None,
            kind,
        ):
            unit.name, unit.parent, unit.kind = name, parent, kind
            unit.full_clean()
            unit.save()
        units[code] = unit
    # Each save re-sorts the tree; hand out the units as they are stored now.
    return OrganisationUnit.objects.in_bulk(list(units), field_name="code")


def save_goal(unit, title, statement, parent=None, is_vision=False, position=0, **fields):
    goal = Goal.objects.filter(unit=unit, title=title).first() or Goal(unit=unit, title=title)
    wanted = {
        "statement": statement,
        "parent": parent,
        "is_vision": is_vision,
        "sort_order": position,
        "how": fields.get("how", ""),
        "follow_up": fields.get("follow_up", ""),
    }
    if goal.pk and all(getattr(goal, name) == value for name, value in wanted.items()):
        return goal
    for name, value in wanted.items():
        setattr(goal, name, value)
    goal.full_clean()
    goal.save()
    return goal


def save_salary_criteria(unit, goals, locale):
    values = {
        value.name: value
        for value in ValueSet.objects.get(
            locale=locale, name="Gemensam värdegrund i Sorsele kommun"
        ).values.all()
    }
    for position, (name, description, goal_titles, value_names) in enumerate(SALARY_CRITERIA):
        criterion = SalaryCriterion.objects.filter(unit=unit, name=name).first()
        criterion = criterion or SalaryCriterion(unit=unit, name=name)
        criterion.description = description
        criterion.sort_order = position
        criterion.goals = [goals[title] for title in goal_titles]
        criterion.values = [values[value_name] for value_name in value_names]
        criterion.save()
