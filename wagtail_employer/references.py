"""What refers to an object, for refusing deletes that would break published content or
lose data."""

from wagtail.models import ReferenceIndex


def referencing_objects(obj, child_relations=()):
    """The objects (pages, snippets, units) that refer to ``obj`` or to one of the inline
    children named in ``child_relations``, each once, in the order found.

    Children count because a block can choose one value of a set: deleting the set
    would delete that value under the page's feet."""
    targets = [obj]
    for relation in child_relations:
        targets.extend(getattr(obj, relation).all())
    found = {}
    for target in targets:
        references = ReferenceIndex.get_references_to(target).group_by_source_object()
        for source, _references in references:
            if source is not None:
                found.setdefault((source._meta.label, source.pk), source)
    return list(found.values())


def protected_child_relations(model):
    return getattr(model, "reference_protected_children", ())


def unindexed_referrers(obj):
    """Objects that keep ``obj`` from being deleted although Wagtail's reference index
    leaves them out: a unit's survey results (see ``SurveyResult``), which deleting the
    unit would delete with it."""
    from .models import OrganisationUnit, SurveyResult

    if isinstance(obj, OrganisationUnit):
        return list(
            SurveyResult.objects.filter(unit=obj)
            .select_related("survey", "unit", "dimension")
            .order_by("survey__year", "survey__name", "dimension__sort_order", "pk")
        )
    return []
