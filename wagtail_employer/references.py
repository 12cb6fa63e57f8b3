"""What refers to an object, for refusing deletes that would break published content or
lose data."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex

# What each referring model's __str__ reads, so naming the objects that refer to something
# costs no query per object.
RELATED_FOR_NAMES = {
    "wagtail_employer.Goal": ["unit"],
    "wagtail_employer.SalaryCriterion": ["unit"],
    "wagtail_employer.FocusArea": ["policy"],
    "wagtail_employer.Commitment": ["focus_area__policy"],
    "wagtail_employer.FocusAreaExemplar": ["unit"],
    "wagtail_employer.FollowUpPlan": ["unit", "survey"],
    "wagtail_employer.SelfAssessment": ["unit"],
}


def referencing_objects(obj, child_relations=()):
    """The objects (pages, snippets, units) that refer to ``obj`` or to one of the inline
    children named in ``child_relations``, each once, ordered by kind and id.

    Children count because a block can choose one value of a set: deleting the set
    would delete that value under the page's feet. A fixed number of queries whatever the
    number of children or references: one per child relation, one for the references and
    one per kind of referring object."""
    targets = [obj]
    for relation in child_relations:
        targets.extend(getattr(obj, relation).all())
    references = ReferenceIndex.get_references_to_in_bulk(targets).values_list(
        "base_content_type_id", "object_id"
    )
    ids_by_content_type = {}
    for content_type_id, object_id in references.order_by("base_content_type_id", "object_id"):
        ids_by_content_type.setdefault(content_type_id, []).append(object_id)
    found = []
    for content_type_id, object_ids in ids_by_content_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # the app of a stale reference is gone
            continue
        pk_field = model._meta.pk
        queryset = model._default_manager.select_related(
            *RELATED_FOR_NAMES.get(model._meta.label, ())
        )
        by_pk = queryset.in_bulk({pk_field.to_python(pk) for pk in object_ids})
        found.extend(by_pk[pk] for pk in sorted(by_pk))
    return found


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
