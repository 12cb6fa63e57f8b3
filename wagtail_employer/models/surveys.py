"""Employee surveys (medarbeiderundersøkelse / medarbetarenkät) and their results.

A survey has ordered dimensions (10-FAKTOR's ten factors, Bedre kommune's dimensions,
HME's sub-indices). Its results are the cells of the provider's table, one
:class:`SurveyResult` per cell:

==============  ==============  ===========================================
unit            dimension       what the row holds
==============  ==============  ===========================================
a unit          a dimension     the unit's mean score and its respondents
a unit          empty           the unit's invited, respondents and response rate
empty           a dimension     the national benchmark ("Land") for the dimension
empty           empty           the national response rate, when the file gives it
==============  ==============  ===========================================

One table keeps the import a single django-import-export resource keyed on
(survey, unit, dimension), and export → import a round trip of one file.
"""

from decimal import Decimal

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from ..settings import employer_settings


class SurveyProvider(models.TextChoices):
    TEN_FACTOR = "10-faktor", _("KS 10-FAKTOR")
    BEDRE_KOMMUNE = "bedre-kommune", _("KS Bedre kommune")
    HME = "hme", _("SKR HME (Hållbart medarbetarengagemang)")
    OTHER = "other", _("Other")


# The dimension lists an editor can start from instead of typing them.
# Each preset: provider, scale (min, max, decimals), follow-up counts (keep, improve)
# and (name, short description) per dimension.
SURVEY_PRESETS = {
    "10-faktor": {
        "label": _("KS 10-FAKTOR: ten factors, scale 1–5"),
        "provider": SurveyProvider.TEN_FACTOR,
        "scale": (1, 5, 1),
        "follow_up": (1, 1),
        "dimensions": [
            ("Oppgavemotivasjon", "Motivasjon for selve arbeidsoppgavene."),
            ("Mestringstro", "Tro på egen evne til å løse oppgavene."),
            ("Opplevd selvstendighet", "Frihet til å bestemme hvordan arbeidet gjøres."),
            ("Bruk av kompetanse", "Om kompetansen blir brukt i jobben."),
            ("Mestringsorientert ledelse", "Ledelse som støtter læring og mestring."),
            ("Rolleklarhet", "Klare forventninger til hva jobben innebærer."),
            ("Relevant kompetanseutvikling", "Muligheter til å lære det jobben krever."),
            ("Fleksibilitetsvilje", "Vilje til å tilpasse seg endringer i arbeidet."),
            ("Mestringsklima", "Et arbeidsmiljø der kolleger lærer og utvikler seg."),
            ("Nyttemotivasjon", "Motivasjon for å gjøre noe nyttig for andre."),
        ],
    },
    "bedre-kommune-2012": {
        "label": _("KS Bedre kommune (2012 table): twelve dimensions and total, scale 1–6"),
        "provider": SurveyProvider.BEDRE_KOMMUNE,
        "scale": (1, 6, 1),
        "follow_up": (3, 3),
        "dimensions": [
            ("Organisering av arbeidet", ""),
            ("Innhold i jobben", ""),
            ("Fysiske arbeidsforhold", ""),
            ("Samarbeid og trivsel med kollegene", ""),
            ("Mobbing, diskriminering og varsling", ""),
            ("Nærmeste leder", ""),
            ("Medarbeidersamtale", ""),
            ("Overordnet ledelse", ""),
            ("Faglig og personlig utvikling", ""),
            ("Systemer for lønns- og arbeidstidsordninger", ""),
            ("Stolthet over egen arbeidsplass", ""),
            ("Helhetsvurdering", ""),
            ("Snitt totalt", "Gjennomsnittet av alle dimensjonene."),
        ],
    },
    "hme": {
        "label": _("SKR HME: total index and three sub-indices, scale 0–100"),
        "provider": SurveyProvider.HME,
        "scale": (0, 100, 0),
        "follow_up": (1, 1),
        "dimensions": [
            ("HME totalt", "Hållbart medarbetarengagemang, totalindex."),
            ("Motivation", "Delindex för motivation."),
            ("Ledarskap", "Delindex för ledarskap."),
            ("Styrning", "Delindex för styrning."),
        ],
    },
}


def preset_choices():
    return [(key, preset["label"]) for key, preset in SURVEY_PRESETS.items()]


def default_anonymity_threshold():
    return employer_settings.ANONYMITY_THRESHOLD


SCORE_DIGITS = {"max_digits": 6, "decimal_places": 2}


class Survey(index.Indexed, ClusterableModel):
    """One round of an employee survey, e.g. "Medarbeiderundersøkelsen 2024"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Names the survey in URLs and in the import command; made from the name."),
    )
    provider = models.CharField(
        _("provider"), max_length=20, choices=SurveyProvider.choices, default=SurveyProvider.OTHER
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    scale_min = models.DecimalField(_("lowest score"), default=Decimal(1), **SCORE_DIGITS)
    scale_max = models.DecimalField(_("highest score"), default=Decimal(5), **SCORE_DIGITS)
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=1, validators=[MaxValueValidator(2)]
    )
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("fewest respondents shown"),
        default=default_anonymity_threshold,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A unit with fewer respondents than this shows no scores anywhere, only a notice."
        ),
    )
    keep_count = models.PositiveSmallIntegerField(
        _("areas to keep"),
        default=1,
        help_text=_("How many dimensions a unit's follow-up plan picks to keep (preserve)."),
    )
    improve_count = models.PositiveSmallIntegerField(
        _("areas to improve"),
        default=1,
        help_text=_("How many dimensions a unit's follow-up plan picks to improve."),
    )

    search_fields = [index.SearchField("name"), index.FilterField("provider")]

    class Meta:
        verbose_name = _("employee survey")
        verbose_name_plural = _("employee surveys")
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.scale_min is not None and self.scale_max is not None:
            if self.scale_min >= self.scale_max:
                raise ValidationError(
                    {"scale_max": _("The highest score must be above the lowest score.")}
                )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        # "Medarbeiderundersøkelsen 2024" → "medarbeiderundersokelsen-2024", not "…rsklsen…".
        base = slugify(anyascii(self.name))[:90] or "survey"
        slug, number = base, 2
        while Survey.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def apply_preset(self, key):
        """Give the survey the preset's provider, scale, follow-up counts and, when it has
        none yet, its dimensions. Saves the survey."""
        preset = SURVEY_PRESETS[key]
        self.provider = preset["provider"]
        self.scale_min, self.scale_max, self.decimals = (Decimal(v) for v in preset["scale"])
        self.keep_count, self.improve_count = preset["follow_up"]
        self.save()
        if not self.dimensions.exists():
            SurveyDimension.objects.bulk_create(
                SurveyDimension(survey=self, name=name, description=description, sort_order=n)
                for n, (name, description) in enumerate(preset["dimensions"])
            )

    @property
    def scale_text(self):
        return f"{_format_plain(self.scale_min)}–{_format_plain(self.scale_max)}"


def _format_plain(number):
    return str(int(number)) if number == int(number) else str(number.normalize())


class SurveyDimension(Orderable):
    """A factor, dimension or sub-index of a survey, e.g. "Mestringstro"."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="dimensions")
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("short description"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="we_dimension_unique_name")
        ]

    def __str__(self):
        return self.name


class SurveyResult(models.Model):
    """One cell of a survey's results; see the module docstring for the four kinds."""

    # Not in Wagtail's reference index. A result is a cell of a table that belongs to its
    # survey and unit, not content that uses them: a thousand units and a hundred
    # questions make 100,000 results, which would put 300,000 rows in the index (three
    # foreign keys each), list every cell under its unit's and survey's "Usage", and
    # triple the database work of an import (each index row's foreign keys are checked
    # too). A unit with results still cannot be deleted: see ``unindexed_referrers``.
    wagtail_reference_index_ignore = True

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="results"
    )
    unit = models.ForeignKey(
        "wagtail_employer.OrganisationUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_results",
        help_text=_("Empty for the national benchmark."),
    )
    dimension = models.ForeignKey(
        SurveyDimension,
        verbose_name=_("dimension"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results",
        help_text=_("Empty for the unit's response rate."),
    )
    score = models.DecimalField(_("score"), null=True, blank=True, **SCORE_DIGITS)
    respondents = models.PositiveIntegerField(_("respondents"), null=True, blank=True)
    invited = models.PositiveIntegerField(_("invited"), null=True, blank=True)
    response_rate = models.DecimalField(
        _("response rate (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        ordering = ["survey", "unit__tree_path", "dimension__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "unit", "dimension"],
                condition=models.Q(unit__isnull=False, dimension__isnull=False),
                name="we_result_unique_unit_dimension",
            ),
            models.UniqueConstraint(
                fields=["survey", "unit"],
                condition=models.Q(unit__isnull=False, dimension__isnull=True),
                name="we_result_unique_unit_total",
            ),
            models.UniqueConstraint(
                fields=["survey", "dimension"],
                condition=models.Q(unit__isnull=True, dimension__isnull=False),
                name="we_result_unique_benchmark",
            ),
            models.UniqueConstraint(
                fields=["survey"],
                condition=models.Q(unit__isnull=True, dimension__isnull=True),
                name="we_result_unique_benchmark_total",
            ),
        ]

    def __str__(self):
        unit = self.unit.name if self.unit_id else _("National benchmark")
        dimension = self.dimension.name if self.dimension_id else _("Response rate")
        return f"{self.survey}: {unit}, {dimension}"

    def clean(self):
        super().clean()
        errors = {}
        survey = self.survey if self.survey_id else None
        if survey is not None and self.score is not None:
            if not survey.scale_min <= self.score <= survey.scale_max:
                errors["score"] = _("The score must be between %(min)s and %(max)s.") % {
                    "min": survey.scale_min,
                    "max": survey.scale_max,
                }
        if survey is not None and self.dimension_id and self.dimension.survey_id != survey.pk:
            errors["dimension"] = _("The dimension belongs to another survey.")
        if self.invited is not None and self.respondents is not None:
            if self.respondents > self.invited:
                errors["respondents"] = _("There cannot be more respondents than invited.")
        if errors:
            raise ValidationError(errors)

    @property
    def effective_response_rate(self):
        """The response rate in per cent: as given, or respondents of invited."""
        if self.response_rate is not None:
            return self.response_rate
        if self.invited and self.respondents is not None:
            return (Decimal(self.respondents) * 100 / self.invited).quantize(Decimal("0.1"))
        return None
