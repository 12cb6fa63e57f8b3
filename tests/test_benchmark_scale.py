"""The benchmark's large municipality and its import measurements (``make bench``) work: a
change to the organisation model or the survey import that breaks them fails here, in
seconds, instead of twenty minutes into a benchmark run. Timings are not checked."""

import pytest

from benchmarks.imports import all_or_nothing, measure_size
from benchmarks.organisation import make_leaders, make_municipality, place_staff
from benchmarks.run import import_targets, print_import_table
from wagtail_employer.models import OrganisationUnit, UnitKind, UnitMembership

pytestmark = pytest.mark.django_db


def test_the_benchmark_municipality_has_a_thousand_units_in_a_valid_tree():
    units = make_municipality(1000)
    assert len(units) == 1000
    kinds = [unit.kind for unit in units]
    assert kinds.count(UnitKind.MUNICIPALITY) == 1
    assert kinds.count(UnitKind.SECTOR) == 8
    assert kinds.count(UnitKind.UNIT) + kinds.count(UnitKind.TEAM) == 991
    by_pk = {unit.pk: unit for unit in units}
    for unit in units[1:]:
        parent = by_pk[unit.parent_id]
        # Each unit sits right under a unit of the kind above it, in tree order.
        assert UnitKind.level(parent.kind) == UnitKind.level(unit.kind) - 1
        assert unit.tree_path.startswith(parent.tree_path) and unit.depth == parent.depth + 1
        unit.full_clean()
    leaders = make_leaders(units)
    assert len(leaders) == 1 + 8 + kinds.count(UnitKind.UNIT)
    place_staff(units, 30)
    assert UnitMembership.objects.count() == 30


def test_the_import_measurements_run_and_print(capsys):
    units = make_municipality(20)
    assert OrganisationUnit.objects.filter(code__startswith="BK").count() == 20
    size = len(units) * 10
    sizes = {str(size): measure_size(units, size)}
    figures = sizes[str(size)]
    assert figures["dimensions"] == 10
    for method in ("package", "package_again", "default", "floor"):
        assert figures[method]["rows"] == size
    assert figures["package"]["queries_per_row"] < figures["default"]["queries_per_row"]
    check = all_or_nothing(units, size)
    assert check == {
        "rows": size,
        "errors": 1,
        "error_row": size + 1,
        "written": 0,
        "holds": True,
    }

    run = {
        "database": "sqlite",
        "version": "3",
        "imports": {"units": 20, "sizes": sizes, "all_or_nothing": check, "load_average": 1.0},
    }
    print_import_table([run])
    table = capsys.readouterr().out
    assert "django-import-export default" in table and "bulk_create floor" in table
    descriptions = [description for _passed, description in import_targets([run])]
    assert any("all or nothing" in description for description in descriptions)
    assert any("queries per row" in description for description in descriptions)
