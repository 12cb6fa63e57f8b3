"""Service policy blocks: the whole policy (full or compact), one focus area, or one
commitment shown with its letter and number (“B5”)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from ..localization import active_language_code, i18n_enabled, localize_in_bulk
from .basic import HeadingLevelBlock, StaticChoiceBlock


def _policies():
    from ..models.service_policy import policies_with_parts

    return policies_with_parts()


class ServicePolicyChooserBlock(SnippetChooserBlock):
    """Chooses a service policy; fetches every chosen policy of a page, with its focus
    areas, commitments, exemplar units and uses, in a fixed number of queries."""

    def __init__(self, **kwargs):
        super().__init__("wagtail_employer.ServicePolicy", **kwargs)

    def bulk_to_python(self, values):
        found = _policies().in_bulk([value for value in values if value is not None])
        chosen = [found.get(value) for value in values]
        return localize_in_bulk(self.target_model, chosen, _policies())


class _ViewSetChooserBlock(blocks.ChooserBlock):
    """A chooser block whose widget comes from one of the package's chooser viewsets."""

    model_name = None
    viewset_name = None

    @cached_property
    def target_model(self):
        from .. import models

        return getattr(models, self.model_name)

    @cached_property
    def widget(self):
        from .. import viewsets

        return getattr(viewsets, self.viewset_name).widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def get_queryset(self):
        return self.target_model.objects.all()

    def bulk_to_python(self, values):
        found = self.get_queryset().in_bulk([value for value in values if value is not None])
        return [found.get(value) for value in values]


def _localize_parts(parts, policy_of, key_of):
    """Replace each focus area or commitment with its counterpart in the active
    language's translation of its policy, matched by letter or number (translations
    are copies, so they share them). A fixed number of queries, none without i18n."""
    if not i18n_enabled() or not any(parts):
        return parts
    language_code = active_language_code()
    keys = {
        policy_of(part).translation_key
        for part in parts
        if part is not None and policy_of(part).locale.language_code != language_code
    }
    if not keys:
        return parts
    counterparts = {}
    for policy in _policies().filter(translation_key__in=keys, locale__language_code=language_code):
        for area in policy.focus_areas.all():
            counterparts[(policy.translation_key, area.letter)] = area
            for commitment in area.commitments.all():
                commitment.focus_area = area
                counterparts[(policy.translation_key, commitment.number)] = commitment
    return [
        counterparts.get((policy_of(part).translation_key, key_of(part)), part)
        if part is not None
        else None
        for part in parts
    ]


class FocusAreaChooserBlock(_ViewSetChooserBlock):
    """Chooses one focus area of a service policy."""

    model_name = "FocusArea"
    viewset_name = "focus_area_chooser_viewset"

    def get_queryset(self):
        return self.target_model.objects.select_related("policy__locale").prefetch_related(
            "commitments", "exemplar_units__unit"
        )

    def bulk_to_python(self, values):
        return _localize_parts(
            super().bulk_to_python(values), lambda area: area.policy, lambda area: area.letter
        )

    class Meta:
        icon = "list-ol"
        label = _("Focus area")


class CommitmentChooserBlock(_ViewSetChooserBlock):
    """Chooses one commitment of a service policy."""

    model_name = "Commitment"
    viewset_name = "commitment_chooser_viewset"

    def get_queryset(self):
        return self.target_model.objects.select_related("focus_area__policy__locale")

    def bulk_to_python(self, values):
        return _localize_parts(
            super().bulk_to_python(values),
            lambda commitment: commitment.focus_area.policy,
            lambda commitment: commitment.number,
        )

    class Meta:
        icon = "tick"
        label = _("Commitment")


class ServicePolicyDisplay:
    FULL = "full"
    COMPACT = "compact"
    CHOICES = [
        (FULL, _("Full: introductions, exemplar units and how we use it")),
        (COMPACT, _("Compact: the numbered commitments under their focus areas")),
    ]


class ServicePolicyBlock(blocks.StructBlock):
    """A whole service policy, in full or compact."""

    policy = ServicePolicyChooserBlock(label=_("Service policy"))
    display = StaticChoiceBlock(
        choices=ServicePolicyDisplay.CHOICES, default=ServicePolicyDisplay.FULL, label=_("Display")
    )
    heading_level = HeadingLevelBlock()

    class Meta:
        icon = "list-ol"
        label = _("Service policy")
        template = "wagtail_employer/blocks/service_policy.html"
        description = _("The service policy's numbered commitments under their focus areas.")


class FocusAreaBlock(blocks.StructBlock):
    """One focus area with its numbered commitments."""

    focus_area = FocusAreaChooserBlock(label=_("Focus area"))
    heading_level = HeadingLevelBlock(default="h3")
    show_exemplar_units = blocks.BooleanBlock(
        label=_("Show the units it was drawn from"), required=False, default=True
    )

    class Meta:
        icon = "list-ol"
        label = _("Service policy focus area")
        template = "wagtail_employer/blocks/focus_area.html"
        description = _("One focus area of a service policy, with its commitments.")


class CommitmentBlock(blocks.StructBlock):
    """One commitment, with its letter and number (“B5”) and the area it belongs to."""

    commitment = CommitmentChooserBlock(label=_("Commitment"))
    heading_level = HeadingLevelBlock(default="h3")

    class Meta:
        icon = "tick"
        label = _("Service policy commitment")
        template = "wagtail_employer/blocks/commitment.html"
        description = _("One commitment of a service policy, e.g. “B5”.")
