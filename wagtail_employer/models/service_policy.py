"""The service policy (kjennetegn på god praksis): lettered focus areas, commitments
numbered straight through them, the units each area was drawn from, and how the policy
is used. Nesodden's "10 kjennetegn" (seed 002, slides 58-62) is the model."""

import string

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from ..forms.service_policy import ServicePolicyForm
from .org import OrganisationUnit
from .values import ONE_PARAGRAPH_FEATURES, ValueSet

# Focus areas are lettered A, B, C ... in their order; 26 letters are the limit.
FOCUS_AREA_LETTERS = string.ascii_uppercase


def policies_with_parts():
    """Policies with everything a reader sees fetched in a fixed number of queries."""
    return ServicePolicy.objects.select_related("value_set", "locale").prefetch_related(
        "focus_areas__commitments",
        "focus_areas__exemplar_units__unit",
        "usages__link_page",
    )


class ServicePolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    RETIRED = "retired", _("Retired")


class ServicePolicy(TranslatableMixin, index.Indexed, ClusterableModel):
    """A municipality's service policy: numbered commitments grouped in focus areas."""

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("E.g. “10 kjennetegn på god praksis i Nesodden kommune”."),
    )
    slogan = models.CharField(
        _("slogan"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Service og kvalitet – vi skaper gode opplevelser”."),
    )
    intro = RichTextField(_("introduction"), blank=True)
    value_set = models.ForeignKey(
        ValueSet,
        verbose_name=_("builds on the value set"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_policies",
    )
    version = models.CharField(
        _("version"),
        max_length=50,
        blank=True,
        help_text=_("Optional, e.g. “2012” or “2.0”; tells versions of the same policy apart."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ServicePolicyStatus.choices,
        default=ServicePolicyStatus.DRAFT,
    )
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("E.g. Rådmannens ledergruppe.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    scale_min = models.PositiveSmallIntegerField(
        _("lowest score"), default=1, validators=[MaxValueValidator(10)]
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    scale_min_label = models.CharField(
        _("what the lowest score means"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “Not started”."),
    )
    scale_max_label = models.CharField(
        _("what the highest score means"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “This is how we always work”."),
    )

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("slogan"),
        index.SearchField("intro"),
        index.RelatedFields("focus_areas", [index.SearchField("title")]),
        index.FilterField("locale_id"),
        index.FilterField("status"),
    ]

    base_form_class = ServicePolicyForm
    # Blocks can choose one focus area or one commitment, so references to them protect
    # the policy too (see references.referencing_objects).
    reference_protected_children = ("focus_areas", "commitments_in_order")

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slogan"),
                    FieldPanel("intro"),
                    FieldPanel("value_set"),
                    InlinePanel(
                        "focus_areas",
                        label=_("Focus area"),
                        heading=_("Focus areas and their commitments"),
                        help_text=_(
                            "Focus areas are lettered A, B, C … and commitments numbered "
                            "1, 2, 3 … straight through them, in the order you give them here."
                        ),
                        min_num=1,
                        max_num=len(FOCUS_AREA_LETTERS),
                    ),
                ],
                heading=_("Policy"),
            ),
            ObjectList(
                [InlinePanel("usages", label=_("Use"), heading=_("How we use it"))],
                heading=_("How we use it"),
            ),
            ObjectList(
                [
                    FieldPanel("version"),
                    FieldPanel("status"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("adopted_by"), FieldPanel("adopted_on")]),
                            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                            FieldPanel("previous_version"),
                        ],
                        heading=_("Adoption and validity"),
                    ),
                ],
                heading=_("Version"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("scale_min"), FieldPanel("scale_max")]),
                    FieldRowPanel([FieldPanel("scale_min_label"), FieldPanel("scale_max_label")]),
                ],
                heading=_("Self-assessment"),
            ),
        ]
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service policy")
        verbose_name_plural = _("service policies")
        ordering = ["title", "-valid_from"]

    def __str__(self):
        return f"{self.title} ({self.version})" if self.version else self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.renumber()

    @property
    def commitments_in_order(self):
        return Commitment.objects.filter(focus_area__policy=self).order_by(
            "focus_area__sort_order", "focus_area__pk", "sort_order", "pk"
        )

    def renumber(self):
        """Letter the focus areas and number the commitments in their current order.

        Editors never type letters or numbers: whatever order they give the focus areas
        and commitments, A1, A2 … follow it. Only changed rows are written."""
        areas = list(FocusArea.objects.filter(policy=self).order_by("sort_order", "pk"))
        changed_areas = []
        for position, area in enumerate(areas):
            letter = FOCUS_AREA_LETTERS[position]
            if area.letter != letter:
                area.letter = letter
                changed_areas.append(area)
        if changed_areas:
            FocusArea.objects.bulk_update(changed_areas, ["letter"])
        changed_commitments = []
        for number, commitment in enumerate(self.commitments_in_order, start=1):
            if commitment.number != number:
                commitment.number = number
                changed_commitments.append(commitment)
        if changed_commitments:
            Commitment.objects.bulk_update(changed_commitments, ["number"])

    @property
    def is_adopted(self):
        return self.status == ServicePolicyStatus.ADOPTED

    @property
    def scale(self):
        return list(range(self.scale_min, self.scale_max + 1))

    def all_commitments(self):
        """Commitments in number order, from what is prefetched (no query when the
        focus areas and their commitments are prefetched)."""
        return [
            commitment for area in self.focus_areas.all() for commitment in area.commitments.all()
        ]

    @transaction.atomic
    def start_new_version(self):
        """A draft copy of this policy, to be edited into the next version; it records
        this one as its previous version. Assessments stay with this version."""
        new_version = ServicePolicy(
            locale_id=self.locale_id,
            title=self.title,
            slogan=self.slogan,
            intro=self.intro,
            value_set_id=self.value_set_id,
            status=ServicePolicyStatus.DRAFT,
            previous_version=self,
            scale_min=self.scale_min,
            scale_max=self.scale_max,
            scale_min_label=self.scale_min_label,
            scale_max_label=self.scale_max_label,
        )
        new_version.focus_areas = [
            FocusArea(
                title=area.title,
                intro=area.intro,
                sort_order=area.sort_order,
                commitments=[
                    Commitment(text=commitment.text, sort_order=commitment.sort_order)
                    for commitment in area.commitments.all()
                ],
                exemplar_units=[
                    FocusAreaExemplar(unit_id=exemplar.unit_id, sort_order=exemplar.sort_order)
                    for exemplar in area.exemplar_units.all()
                ],
            )
            for area in self.focus_areas.all()
        ]
        new_version.usages = [
            PolicyUsage(
                title=usage.title,
                description=usage.description,
                link_page_id=usage.link_page_id,
                link_url=usage.link_url,
                sort_order=usage.sort_order,
            )
            for usage in self.usages.all()
        ]
        new_version.save()
        return new_version


class FocusArea(ClusterableModel, Orderable):
    """A lettered group of commitments, e.g. “B. Det gode møtet”."""

    policy = ParentalKey(ServicePolicy, on_delete=models.CASCADE, related_name="focus_areas")
    letter = models.CharField(_("letter"), max_length=2, editable=False, default="")
    title = models.CharField(_("title"), max_length=200)
    intro = RichTextField(_("introduction"), features=ONE_PARAGRAPH_FEATURES, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel("commitments", label=_("Commitment"), heading=_("Commitments"), min_num=1),
        InlinePanel(
            "exemplar_units",
            label=_("Unit"),
            heading=_("Drawn from the practice of"),
            help_text=_("The units whose practice this focus area was drawn from."),
        ),
    ]

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["sort_order"]

    def __str__(self):
        label = f"{self.letter}. {self.title}" if self.letter else self.title
        return f"{self.policy.title}: {label}" if self.policy_id else label

    @property
    def heading(self):
        return f"{self.letter}. {self.title}" if self.letter else self.title

    @property
    def first_number(self):
        commitments = list(self.commitments.all())
        return commitments[0].number if commitments else 1

    @property
    def number_range(self):
        """“1–3”, or “10” for a single commitment."""
        numbers = [commitment.number for commitment in self.commitments.all()]
        if not numbers:
            return ""
        if len(numbers) == 1:
            return str(numbers[0])
        return f"{numbers[0]}\u2013{numbers[-1]}"


class Commitment(Orderable):
    """One commitment (kjennetegn), numbered automatically across the policy."""

    focus_area = ParentalKey(FocusArea, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField(_("number"), editable=False, default=0)
    text = models.TextField(
        _("commitment"),
        max_length=600,
        help_text=_("One or two short sentences, e.g. “Vi holder det vi lover.”"),
    )

    panels = [FieldPanel("text")]

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["sort_order"]

    def __str__(self):
        if self.focus_area_id:
            return f"{self.focus_area.policy.title}: {self.code} {self.text}"
        return self.text

    @property
    def code(self):
        """The letter of its focus area and its number, e.g. “B5”."""
        letter = self.focus_area.letter if self.focus_area_id else ""
        return f"{letter}{self.number}"


class FocusAreaExemplar(Orderable):
    """A unit whose practice a focus area was drawn from (“Hentet fra”)."""

    focus_area = ParentalKey(FocusArea, on_delete=models.CASCADE, related_name="exemplar_units")
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="service_policy_exemplars",
    )

    panels = [FieldPanel("unit")]

    class Meta:
        verbose_name = _("exemplar unit")
        verbose_name_plural = _("exemplar units")
        ordering = ["sort_order"]

    def __str__(self):
        return str(self.unit) if self.unit_id else ""


class PolicyUsage(Orderable):
    """One way the policy is used, e.g. internal audit or appraisal talks."""

    policy = ParentalKey(ServicePolicy, on_delete=models.CASCADE, related_name="usages")
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. “Internrevisjon”."))
    description = models.TextField(_("description"), max_length=1000, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("or a web address"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([PageChooserPanel("link_page"), FieldPanel("link_url")]),
    ]

    class Meta:
        verbose_name = _("use of the policy")
        verbose_name_plural = _("uses of the policy")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @property
    def url(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url
