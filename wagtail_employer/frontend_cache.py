"""Purging Wagtail's frontend cache of the pages that show a changed snippet.

Wagtail purges a page from the frontend cache (``wagtail.contrib.frontend_cache``) when
that page is published; it knows nothing of the value sets, policies, surveys and units the
page shows through its blocks and foreign keys. Here, saving one of those purges every live
page that shows it, found through Wagtail's reference index: the pages that refer to it, to
one of its parts (a block can show one value of a set), to a translation of it (a page shows
the set in its own language), or to a snippet that shows it (a policy names its value set).

Each save only notes what changed; the pages are looked up and purged once, when the
transaction commits, so an import of thousands of rows costs a fixed number of queries.
Code that writes without signals (``bulk_create``, ``QuerySet.update``) calls
:func:`purge_pages_using` itself. Nothing happens unless the frontend cache app is installed.
"""

from collections import defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete

FRONTEND_CACHE_APP = "wagtail.contrib.frontend_cache"

# Each model whose rows pages show, and what shows it: the objects ("Model", "id field")
# whose pages to purge when a row changes; "self" when pages refer to the row itself.
SHOWN_THROUGH = {
    "ValueSet": [("self", "pk")],
    "Value": [("ValueSet", "value_set_id")],
    "WorkshopCandidate": [("ValueSet", "value_set_id")],
    "ServicePolicy": [("self", "pk")],
    "FocusArea": [("ServicePolicy", "policy_id")],
    "Commitment": [("FocusArea", "focus_area_id")],
    "FocusAreaExemplar": [("FocusArea", "focus_area_id")],
    "PolicyUsage": [("ServicePolicy", "policy_id")],
    # A service policy page can show every unit's latest self-assessment.
    "SelfAssessment": [("ServicePolicy", "policy_id")],
    "CommitmentScore": [("SelfAssessment", "assessment_id")],
    "Survey": [("self", "pk")],
    "SurveyDimension": [("Survey", "survey_id")],
    "SurveyResult": [("Survey", "survey_id")],
    # A survey results page shows the chosen unit's follow-up plan.
    "FollowUpPlan": [("self", "pk"), ("Survey", "survey_id")],
    "FollowUpFocus": [("FollowUpPlan", "plan_id")],
    "FollowUpAction": [("FollowUpPlan", "plan_id")],
    "FollowUpReview": [("FollowUpPlan", "plan_id")],
    "OrganisationUnit": [("self", "pk")],
    "Goal": [("OrganisationUnit", "unit_id")],
    "SalaryCriterion": [("OrganisationUnit", "unit_id")],
    # Published with its strategy page; other pages show it through a block.
    "StrategyFocusArea": [("self", "pk")],
}

# Page types that show more than what they refer to: the goal hierarchy page shows the chain
# of any unit a reader picks, and both it and the survey results page list the units.
ALSO_SHOWN_ON = {
    "Goal": ["GoalHierarchyPage"],
    "SalaryCriterion": ["GoalHierarchyPage"],
    "OrganisationUnit": ["GoalHierarchyPage", "SurveyResultsPage"],
}

# Parts that pages can refer to on their own, so a page choosing one shows the whole.
REFERABLE_PARTS = {
    "ValueSet": [("Value", "value_set_id")],
    "ServicePolicy": [("FocusArea", "policy_id"), ("Commitment", "focus_area__policy_id")],
    "Survey": [("SurveyDimension", "survey_id")],
}

# Deleting a survey result sends no signal: a listener would make Django delete a survey's
# results one by one. Results are deleted with their survey or unit, which purge.
NO_DELETE_SIGNAL = {"SurveyResult"}


def frontend_cache_enabled():
    return apps.is_installed(FRONTEND_CACHE_APP)


def _model(name):
    return apps.get_model("wagtail_employer", name)


class PendingPurge:
    """What changed in one transaction: ``{model name: {ids}}`` of the shown objects, and
    the ids of pages found before a delete removed their references."""

    def __init__(self):
        self.shown = defaultdict(set)
        self.page_ids = set()
        self.page_models = set()

    def note(self, instance):
        name = type(instance).__name__
        for shown_model, id_field in SHOWN_THROUGH[name]:
            object_id = getattr(instance, id_field)
            if object_id is not None:
                self.shown[name if shown_model == "self" else shown_model].add(object_id)
        self.page_models.update(ALSO_SHOWN_ON.get(name, ()))

    def purge(self):
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        pages = pages_showing(self.shown, self.page_models, self.page_ids)
        if pages:
            purge_pages_from_cache(pages)


def _resolve_to_shown_objects(shown):
    """Follow parts up to what pages show: a commitment to its focus area to its policy.
    One query per kind of part."""
    shown = defaultdict(set, {name: set(ids) for name, ids in shown.items()})
    # SHOWN_THROUGH lists every model before its parts, so backwards reaches a part's
    # parent after the part.
    for name in reversed(SHOWN_THROUGH):
        parents = [(m, f) for m, f in SHOWN_THROUGH[name] if m != "self"]
        ids = shown.get(name)
        if not ids or not parents:
            continue
        rows = _model(name).objects.filter(pk__in=ids).values_list(*(f for _m, f in parents))
        for row in rows:
            for (parent_model, _field), parent_id in zip(parents, row, strict=True):
                if parent_id is not None:
                    shown[parent_model].add(parent_id)
    return shown


def _with_translations_and_parts(shown):
    """``{model: {ids}}`` of everything a page can refer to in order to show ``shown``."""
    from wagtail.models import TranslatableMixin

    targets = defaultdict(set)
    for name, ids in shown.items():
        model = _model(name)
        if issubclass(model, TranslatableMixin):
            keys = model.objects.filter(pk__in=ids).values("translation_key")
            ids = set(model.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
        targets[name].update(ids)
        for part, path in REFERABLE_PARTS.get(name, ()):
            part_ids = _model(part).objects.filter(**{f"{path}__in": ids})
            targets[part].update(part_ids.values_list("pk", flat=True))
    return targets


def _base_model(model):
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def _sources_referring_to(keys, source_types):
    """``{(base content type id, object id)}`` of the objects of ``source_types`` (content
    type ids) whose references point at any of ``keys`` (``{content type id: {ids}}``).
    One query."""
    from wagtail.models import ReferenceIndex

    condition = Q()
    for content_type_id, ids in keys.items():
        if ids:
            condition |= Q(
                to_content_type_id=content_type_id, to_object_id__in=[str(pk) for pk in ids]
            )
    if not condition:
        return set()
    return set(
        ReferenceIndex.objects.filter(condition, base_content_type_id__in=source_types)
        .values_list("base_content_type_id", "object_id")
        .distinct()
    )


def pages_showing(shown, page_models=(), page_ids=()):
    """The live pages that show any of ``shown`` (``{model name: {ids}}``), plus every live
    page of ``page_models`` and the pages ``page_ids``. A fixed number of queries."""
    from wagtail.models import Page

    targets = _with_translations_and_parts(_resolve_to_shown_objects(shown))
    shown_models = [
        _model(name) for name, through in SHOWN_THROUGH.items() if ("self", "pk") in through
    ]
    # One query at most for all the content types (Django caches them).
    content_types = ContentType.objects.get_for_models(
        Page,
        *(_base_model(_model(name)) for name in targets),
        *(_base_model(model) for model in shown_models),
        *(_model(name) for name in page_models),
    )
    page_type = content_types[Page].pk
    keys = {content_types[_base_model(_model(name))].pk: ids for name, ids in targets.items()}
    # Pages, and what pages show: a page that shows a policy shows the value set the
    # policy names. (Not every row that refers to it: a unit has thousands of results.)
    shown_types = {content_types[_base_model(model)].pk for model in shown_models}
    page_ids = set(page_ids)
    other_sources = defaultdict(set)
    for content_type_id, object_id in _sources_referring_to(keys, {page_type, *shown_types}):
        if content_type_id == page_type:
            page_ids.add(int(object_id))
        else:
            other_sources[content_type_id].add(object_id)
    for _page_type, object_id in _sources_referring_to(other_sources, {page_type}):
        page_ids.add(int(object_id))
    if not page_ids and not page_models:
        return []
    condition = Q(pk__in=page_ids)
    for name in page_models:
        condition |= Q(content_type=content_types[_model(name)])
    return list(Page.objects.live().filter(condition).order_by("path"))


def _pending(using=None):
    """The transaction's PendingPurge, purged once the transaction commits; outside a
    transaction, a new one that the caller purges at once (``None`` is returned then)."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return None
    pending = getattr(connection, "wagtail_employer_pending_purge", None)
    # A transaction that rolled back dropped its on-commit callback: start afresh.
    if pending is None or not any(
        entry[1] == pending.flush_callback for entry in connection.run_on_commit
    ):
        pending = PendingPurge()

        def flush():
            connection.wagtail_employer_pending_purge = None
            pending.purge()

        pending.flush_callback = flush
        connection.wagtail_employer_pending_purge = pending
        transaction.on_commit(flush, using=using)
    return pending


def purge_pages_using(*objects):
    """Purge from the frontend cache every live page that shows one of ``objects`` (value
    sets, policies, surveys, survey results, units, ...), once the transaction commits.

    Saves and deletes do this by themselves; call it after writing without signals, e.g. an
    import's ``bulk_create`` (passing the survey, or one result, is enough)."""
    if not frontend_cache_enabled():
        return
    pending = _pending()
    batch = pending if pending is not None else PendingPurge()
    for obj in objects:
        batch.note(obj)
    if pending is None:
        batch.purge()


def _changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_pages_using(instance)


def _about_to_be_deleted(sender, instance, **kwargs):
    """Pages refer to a deleted object only until Wagtail removes its references, right
    after the delete: find them now. (The package refuses to delete what pages use, so
    this is a safety net.)"""
    pending = _pending()
    if pending is None:
        return
    name = type(instance).__name__
    if SHOWN_THROUGH[name][0][0] == "self":
        pages = pages_showing({name: {instance.pk}})
        pending.page_ids.update(page.pk for page in pages)


def _results_imported(sender, survey, **kwargs):
    """An import writes results in bulk, without ``post_save``: it says so once, after its
    transaction commits."""
    purge_pages_using(survey)


def connect_signals():
    """Connected from ``AppConfig.ready`` when the frontend cache app is installed."""
    from .imports.survey_writer import survey_results_imported

    survey_results_imported.connect(
        _results_imported, dispatch_uid="wagtail_employer_purge_imported_results"
    )
    for name in SHOWN_THROUGH:
        model = _model(name)
        post_save.connect(_changed, sender=model, dispatch_uid=f"wagtail_employer_purge_{name}")
        if name in NO_DELETE_SIGNAL:
            continue
        pre_delete.connect(
            _about_to_be_deleted, sender=model, dispatch_uid=f"wagtail_employer_find_{name}"
        )
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"wagtail_employer_purge_deleted_{name}"
        )
