"""Value sets (verdigrunnlag / värdegrund): the municipality's shared values, and the
values workshop (verdiverksted) that produced them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from ..forms.values import ValueSetForm

ONE_PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class ValueSetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    RETIRED = "retired", _("Retired")


class ValueToken(models.TextChoices):
    """Theme tokens a host project can style; the value's name always carries the meaning."""

    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")
    ORANGE = "orange", _("Orange")
    PURPLE = "purple", _("Purple")
    RED = "red", _("Red")
    TEAL = "teal", _("Teal")


class ValueSet(TranslatableMixin, index.Indexed, ClusterableModel):
    """A small, ordered set of shared values adopted by the council, e.g. Grue's REAL."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("E.g. “Felles verdier i Grue kommune”.")
    )
    acronym = models.CharField(
        _("acronym"),
        max_length=20,
        blank=True,
        help_text=_(
            "Optional. When given, the first letters of the values must spell it in order "
            "(REAL: Raushet, Engasjement, Anerkjennelse, Likeverd)."
        ),
    )
    intro = RichTextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ValueSetStatus.choices, default=ValueSetStatus.DRAFT
    )
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("E.g. Kommunestyret.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_reference = models.CharField(
        _("case or reference"),
        max_length=100,
        blank=True,
        help_text=_("E.g. the council's case number."),
    )
    workshop_held_on = models.DateField(_("workshop held on"), null=True, blank=True)
    workshop_summary = RichTextField(
        _("about the workshop"),
        blank=True,
        help_text=_("How the values workshop (verdiverksted) was run and who took part."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.SearchField("intro"),
        index.RelatedFields("values", [index.SearchField("name"), index.SearchField("meaning")]),
        index.FilterField("locale_id"),
        index.FilterField("status"),
    ]

    base_form_class = ValueSetForm
    # Blocks can choose a single value, so references to values protect the set too.
    reference_protected_children = ("values",)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("acronym"),
                    FieldPanel("intro"),
                    InlinePanel("values", label=_("Value"), min_num=1, heading=_("Values")),
                ],
                heading=_("Values"),
            ),
            ObjectList(
                [
                    FieldPanel("status"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("adopted_by"), FieldPanel("adopted_on")]),
                            FieldPanel("adoption_reference"),
                        ],
                        heading=_("Adoption"),
                    ),
                ],
                heading=_("Adoption"),
            ),
            ObjectList(
                [
                    FieldPanel("workshop_held_on"),
                    FieldPanel("workshop_summary"),
                    InlinePanel(
                        "workshop_candidates",
                        label=_("Candidate value"),
                        heading=_("The value bank (verdibank)"),
                    ),
                ],
                heading=_("Workshop"),
            ),
        ]
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("value set")
        verbose_name_plural = _("value sets")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_adopted(self):
        return self.status == ValueSetStatus.ADOPTED

    def candidates_by_group(self):
        """The value bank as [(group, [candidates])], in the order they were entered."""
        groups = {}
        for candidate in self.workshop_candidates.all():
            groups.setdefault(candidate.group_name, []).append(candidate)
        return list(groups.items())

    def candidates_for(self, value):
        return [
            candidate
            for candidate in self.workshop_candidates.all()
            if candidate.grouped_under.casefold() == value.name.casefold()
        ]


class Value(TranslatableMixin, index.Indexed, Orderable):
    """One value of a set, with what it means in action and, optionally, behaviours."""

    value_set = ParentalKey(ValueSet, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("name"), max_length=100)
    meaning = RichTextField(
        _("meaning"),
        features=ONE_PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("One paragraph: what the value means in action."),
    )
    behaviours = StreamField(
        [("behaviour", blocks.CharBlock(label=_("Behaviour"), max_length=200))],
        verbose_name=_("behaviours"),
        blank=True,
        use_json_field=True,
        help_text=_("Optional short statements, e.g. “att ta ansvar”."),
    )
    token = models.CharField(
        _("colour token"),
        max_length=20,
        choices=ValueToken.choices,
        blank=True,
        help_text=_("Optional theme colour; never the only way the value is told apart."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.RelatedFields("value_set", [index.SearchField("name")]),
        index.FilterField("locale_id"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("meaning"),
        FieldPanel("behaviours"),
        FieldPanel("token"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.value_set.name}: {self.name}" if self.value_set_id else self.name

    def save(self, *args, **kwargs):
        # A value always lives in its set's language.
        if self.value_set_id:
            self.locale_id = self.value_set.locale_id
        super().save(*args, **kwargs)

    @property
    def initial(self):
        return self.name[:1].upper()

    @property
    def behaviour_texts(self):
        return [block.value for block in self.behaviours]


class WorkshopCandidate(Orderable):
    """A candidate value one workshop group put in the value bank."""

    value_set = ParentalKey(ValueSet, on_delete=models.CASCADE, related_name="workshop_candidates")
    group_name = models.CharField(_("group"), max_length=100, help_text=_("E.g. “Gruppe 3”."))
    candidate = models.CharField(_("candidate value"), max_length=100)
    grouped_under = models.CharField(
        _("grouped under"),
        max_length=100,
        blank=True,
        help_text=_("The adopted value this candidate was grouped under, as it is named above."),
    )

    panels = [
        FieldRowPanel([FieldPanel("group_name"), FieldPanel("candidate")]),
        FieldPanel("grouped_under"),
    ]

    class Meta:
        verbose_name = _("workshop candidate")
        verbose_name_plural = _("workshop candidates")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.group_name}: {self.candidate}"
