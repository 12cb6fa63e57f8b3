"""Survey results as readers may see them: anonymity applied, per unit, with trend.

Every surface (page, blocks, API, export for people outside HR) goes through
:class:`SurveyResults`, so the anonymity rule lives in one place:

1. A unit whose number of respondents is unknown or below the survey's threshold is
   hidden ("too few answers").
2. Complementary suppression: no total of fewer people than the threshold may be
   worked out by subtracting shown units from one another. Under every shown unit, the
   respondents not in the shown units nearest below it (its *remainder*) must be none
   or at least the threshold; where they are not, the shown unit below it with the
   fewest respondents is hidden too (see :func:`suppress`, and the proof in its
   docstring).
3. A single score whose own respondent count is below the threshold is hidden as well.

A hidden unit shows nothing: no scores, no respondents, no response rate (outside HR).

Loading is done in bulk (:func:`load_results`): a fixed number of queries whatever the
number of surveys, units or blocks on a page, and only the scores of the units shown
(a municipality of a thousand units has 15,000 scores a year).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext_lazy as _

TOO_FEW = "too_few"
COMPLEMENTARY = "complementary"


def suppress(respondents, parent_of, order, threshold, already_hidden=()):
    """Which units to hide, and why.

    ``respondents``: unit id → respondents (None when unknown) for every unit with
    results; ``parent_of``: unit id → parent id for every unit of the tree; ``order``:
    unit id → tree position (ties broken the same way every time); ``already_hidden``:
    units hidden whatever their respondents (a unit hidden as a whole, when the rule is
    applied to one dimension's scores).
    Returns unit id → :data:`TOO_FEW` or :data:`COMPLEMENTARY`.

    Why it holds. Each shown unit publishes the sum of its respondents' answers (its
    score times its respondents) and their number. Call a shown unit's *remainder* its
    respondents less those of the shown units nearest below it (looking through hidden
    ones). The remainders of the shown units are disjoint sets of people, and every
    shown unit's total is the sum of its own remainder and those below it; so the
    totals a reader can work out from what is shown, by adding and subtracting, are
    exactly the sums of remainders. When every remainder is 0 or at least the
    threshold, no total of 1 to threshold − 1 people can be worked out; when one is 1
    to threshold − 1, that remainder's total can. The rule therefore ends with every
    remainder 0 or at least the threshold (``tests/test_surveys_anonymity.py`` checks
    this with exact arithmetic on random trees).

    How it gets there, keeping as much shown as it can. Units below the threshold are
    hidden. Then each shown unit, children before parents, whose remainder is 1 to
    threshold − 1 hides the shown unit nearest below it with the fewest respondents
    among those whose own remainder is at least the threshold: that unit's remainder
    joins the parent's, which is then at least the threshold. Nothing else changes (the
    other remainders stay as they are), so one unit is hidden per leak. Hiding the
    parent instead would push its remainder up to the unit above, where it can leak
    again; and it hides the figure most readers look for.
    """
    hidden = {
        unit: TOO_FEW for unit, count in respondents.items() if count is None or count < threshold
    }
    for unit in already_hidden:
        if unit in respondents:
            hidden.setdefault(unit, COMPLEMENTARY)
    children = defaultdict(list)
    for unit in respondents:
        ancestor = parent_of.get(unit)
        while ancestor is not None and ancestor not in respondents:
            ancestor = parent_of.get(ancestor)
        if ancestor is not None:
            children[ancestor].append(unit)

    def shown_below(unit):
        """The shown units nearest below ``unit``, looking through hidden ones."""
        found, stack = [], list(children[unit])
        while stack:
            kid = stack.pop()
            if kid in hidden:
                stack.extend(children[kid])
            else:
                found.append(kid)
        return found

    def leaks(count):
        return count != 0 and count < threshold

    shown = sorted(
        (unit for unit in respondents if unit not in hidden),
        key=lambda unit: order.get(unit, ""),
        reverse=True,  # a unit's path starts with its parent's: children first
    )
    remainder = {
        unit: respondents[unit] - sum(respondents[kid] for kid in shown_below(unit))
        for unit in shown
    }
    for unit in shown:
        while unit not in hidden and leaks(remainder[unit]):
            below = shown_below(unit)
            # Never empty: a unit with nothing shown below has all its respondents as
            # remainder, at least the threshold. A unit below whose remainder is 0 only
            # hands its own shown units up, so it is taken only when no other helps.
            helping = [kid for kid in below if remainder[kid] >= threshold] or below
            victim = min(helping, key=lambda kid: (respondents[kid], order.get(kid, "")))
            hidden[victim] = COMPLEMENTARY
            remainder[unit] += remainder.pop(victim)
    return hidden


@dataclass
class Shown:
    """A score (or rate) as a reader may see it."""

    value: Decimal | None = None
    hidden: bool = False

    @property
    def missing(self):
        return self.value is None and not self.hidden


HIDDEN = Shown(hidden=True)
MISSING = Shown()


class SurveyResults:
    """One survey's results with the anonymity rule applied.

    The rule needs every unit's respondents, which ``loader`` reads for all units at once;
    the scores and totals of a unit are read when first asked for, as a page shows only a
    few units."""

    def __init__(self, survey, loader):
        self.survey = survey
        self.dimensions = list(survey.dimensions.all())
        self.units = loader.units  # unit id → OrganisationUnit, the whole tree
        self._loader = loader
        # Filled by the loader as units are asked for.
        self.scores = loader.scores[survey.pk]  # (unit id, dimension id) → SurveyResult
        self.totals = loader.totals[survey.pk]  # unit id → SurveyResult
        self.benchmark = {}
        self.national_total = None
        for result in loader.national[survey.pk]:
            if result.dimension_id:
                self.benchmark[result.dimension_id] = result
            else:
                self.national_total = result
        self.respondents = loader.respondents[survey.pk]  # units with scores only
        parent_of = {unit.pk: unit.parent_id for unit in self.units.values()}
        order = {unit.pk: unit.tree_path for unit in self.units.values()}
        threshold = survey.anonymity_threshold
        self.hidden = suppress(self.respondents, parent_of, order, threshold)
        # When a survey's scores have respondents of their own (not every score counts
        # its unit's respondents), the rule is applied to each dimension's scores as
        # well: dimension id → units whose score is hidden.
        self.hidden_scores = {
            dimension_id: suppress(counts, parent_of, order, threshold, self.hidden)
            for dimension_id, counts in loader.score_respondents.get(survey.pk, {}).items()
        }

    def has_results(self, unit_id):
        return unit_id in self.respondents

    def is_hidden(self, unit_id):
        return unit_id in self.hidden

    def hidden_reason(self, unit_id):
        return self.hidden.get(unit_id)

    def score(self, unit_id, dimension_id):
        """The unit's score as a reader may see it."""
        if unit_id is None:
            result = self.benchmark.get(dimension_id)
            return Shown(result.score) if result is not None else MISSING
        if not self.has_results(unit_id):
            return MISSING
        if self.is_hidden(unit_id):
            return HIDDEN
        self._loader.read_units([unit_id])
        result = self.scores.get((unit_id, dimension_id))
        if result is None:
            return MISSING
        if self.score_is_hidden(unit_id, dimension_id) or (
            result.respondents is not None and result.respondents < self.survey.anonymity_threshold
        ):
            return HIDDEN
        return Shown(result.score)

    def score_is_hidden(self, unit_id, dimension_id):
        """Whether the rule, applied to one dimension's own respondents, hides the score."""
        return unit_id in self.hidden_scores.get(dimension_id, ())

    def score_by_name(self, unit_id, dimension_name):
        dimension = self.dimension_named(dimension_name)
        return self.score(unit_id, dimension.pk) if dimension is not None else MISSING

    def dimension_named(self, name):
        wanted = name.casefold()
        return next((d for d in self.dimensions if d.name.casefold() == wanted), None)

    def hides(self, result):
        """Whether readers outside HR may not see the figures of ``result`` (a
        :class:`~wagtail_employer.models.SurveyResult` of this survey): its unit is
        hidden, or it has fewer respondents than the threshold (a score, or the
        participation of a unit without scores). The national benchmark is never hidden.
        """
        if result.unit_id is None:
            return False
        if self.is_hidden(result.unit_id):
            return True
        if result.dimension_id is None and self.has_results(result.unit_id):
            return False  # a shown unit's participation
        if result.dimension_id is not None and self.score_is_hidden(
            result.unit_id, result.dimension_id
        ):
            return True
        if result.respondents is None:
            return not self.has_results(result.unit_id)  # a score's count may be missing
        return result.respondents < self.survey.anonymity_threshold

    def participation(self, unit_id):
        """(respondents, invited, response rate) of a unit, or of the nation for None;
        nothing for a hidden unit, as for its scores."""
        if unit_id is not None and self.is_hidden(unit_id):
            return Participation()
        if unit_id is not None:
            self._loader.read_units([unit_id])
        total = self.totals.get(unit_id) if unit_id is not None else self.national_total
        respondents = self.respondents.get(unit_id) if unit_id is not None else None
        if total is None:
            return Participation(respondents=respondents)
        return Participation(
            respondents=total.respondents if total.respondents is not None else respondents,
            invited=total.invited,
            rate=total.effective_response_rate,
        )

    def units_with_results(self):
        return sorted(
            (self.units[unit_id] for unit_id in self.respondents if unit_id in self.units),
            key=lambda unit: unit.tree_path,
        )


@dataclass
class Participation:
    respondents: int | None = None
    invited: int | None = None
    rate: Decimal | None = None


class ResultsLoader:
    """Results of many surveys, loaded in a fixed number of queries; see
    :func:`load_results`.

    Every unit's respondents are read at once, aggregated by the database (the anonymity
    rule weighs a unit against its siblings). The rows of the units a page shows (scores
    and totals), and of their parent units, are read together when first needed: call
    :meth:`want_units` with every unit a page will show before rendering it, and all of
    them come in one query with the national benchmark."""

    def __init__(self, surveys_by_id, units, all_units=False):
        self.surveys = surveys_by_id
        self.units = units
        self._cache = {}
        self.scores = defaultdict(dict)  # survey id → {(unit id, dimension id): result}
        self.totals = defaultdict(dict)  # survey id → {unit id: result without dimension}
        self.national = defaultdict(list)  # survey id → [results without unit]
        self.respondents = None  # survey id → {unit id with scores: respondents or None}
        # survey id → {dimension id → {unit id: the score's respondents}}, for the surveys
        # whose scores count respondents of their own (see _collect_score_respondents).
        self.score_respondents = {}
        self._read_units = set()  # units whose rows of every survey are read
        self._wanted_units = set()
        self._all_units = False
        if all_units:
            self._read_everything()

    def _keep(self, result):
        if result.unit_id is None:
            self.national[result.survey_id].append(result)
        elif result.dimension_id is None:
            self.totals[result.survey_id][result.unit_id] = result
        else:
            self.scores[result.survey_id][(result.unit_id, result.dimension_id)] = result

    def _read_everything(self):
        """Every row of every survey in one query, e.g. for an export or the API, then the
        respondents as for a page."""
        from .models import SurveyResult

        for result in SurveyResult.objects.filter(survey__in=list(self.surveys)):
            self._keep(result)
        self._all_units = True
        self._read_respondents()

    def _read_respondents(self):
        """Each unit's respondents: its total's, else the fewest of its scores', for the
        units with scores. One aggregate query, whatever the number of units. A survey
        whose scores count respondents of their own has all its scores read with the
        rows wanted next (the rule then weighs each dimension)."""
        from django.db.models import Count, Max, Min, Q

        from .models import SurveyResult

        if self.respondents is not None:
            return
        self.respondents = defaultdict(dict)
        with_score = Q(dimension__isnull=False)
        rows = (
            SurveyResult.objects.filter(survey__in=list(self.surveys), unit__isnull=False)
            .values("survey_id", "unit_id")
            .annotate(
                total=Max("respondents", filter=Q(dimension__isnull=True)),
                fewest=Min("respondents", filter=with_score),
                most=Max("respondents", filter=with_score),
                scores=Count("pk", filter=with_score),
            )
            .values_list("survey_id", "unit_id", "total", "fewest", "most", "scores")
            .order_by()
        )
        # Surveys where some score counts other respondents than its unit's: a missing
        # score is no such case (it only merges the unit's remainder, 0 or at least the
        # threshold, into its parent's, which stays so), a different count is.
        varied = set()
        for survey_id, unit_id, total, fewest, most, scores in rows:
            if scores:
                self.respondents[survey_id][unit_id] = total if total is not None else fewest
                if fewest is not None and {fewest, most, total} - {None, fewest}:
                    varied.add(survey_id)
        if not self._all_units:
            # The national benchmark, the units wanted so far and the scores of the
            # surveys weighed per dimension come in the same query.
            self._read_rows(self._take_wanted_units(), national=True, scores_of=varied)
        self._collect_score_respondents(varied)

    def _collect_score_respondents(self, survey_ids):
        """Each score's respondents (the unit's when not given), per dimension, for the
        surveys where they differ from the units': the rule is then applied to each
        dimension as well. Their score rows are read by then."""
        for survey_id in survey_ids:
            counts = self.respondents[survey_id]
            by_dimension = {
                dimension.pk: {} for dimension in self.surveys[survey_id].dimensions.all()
            }
            for (unit_id, dimension_id), result in self.scores[survey_id].items():
                if result.score is not None:
                    count = result.respondents
                    by_dimension.setdefault(dimension_id, {})[unit_id] = (
                        count if count is not None else counts.get(unit_id)
                    )
            self.score_respondents[survey_id] = by_dimension

    def _read_rows(self, unit_ids, national=False, scores_of=()):
        from django.db.models import Q

        from .models import SurveyResult

        if not unit_ids and not national:
            return
        condition = Q(unit__in=unit_ids)
        if national:
            condition |= Q(unit__isnull=True)
        if scores_of:
            condition |= Q(survey__in=scores_of, dimension__isnull=False)
        for result in SurveyResult.objects.filter(condition, survey__in=list(self.surveys)):
            self._keep(result)

    def _take_wanted_units(self, unit_ids=()):
        """The units wanted so far and ``unit_ids``, with their parent units, less those
        read already; from now on counted as read."""
        wanted = set(unit_ids) | self._wanted_units
        for unit_id in list(wanted):
            unit = self.units.get(unit_id)
            while unit is not None and unit.parent_id:
                wanted.add(unit.parent_id)
                unit = self.units.get(unit.parent_id)
        wanted -= self._read_units
        self._read_units |= wanted
        self._wanted_units.clear()
        return wanted

    def want_units(self, unit_ids):
        """Read these units' rows (and their parents') with the next ones asked for."""
        self._wanted_units.update(unit_id for unit_id in unit_ids if unit_id is not None)

    def read_units(self, unit_ids):
        """Make sure the rows of ``unit_ids`` are read: one query for them, every unit
        wanted so far and all their parent units, unless all are read already."""
        if self._all_units or self._read_units.issuperset(unit_ids):
            return
        self._read_rows(self._take_wanted_units(unit_ids))

    def for_survey(self, survey_id):
        if survey_id not in self.surveys:
            return None
        if survey_id not in self._cache:
            self._read_respondents()
            self._cache[survey_id] = SurveyResults(self.surveys[survey_id], self)
        return self._cache[survey_id]

    def earlier(self, survey):
        """The earlier surveys of the same provider, oldest first."""
        return sorted(
            (
                other
                for other in self.surveys.values()
                if other.provider == survey.provider and other.year < survey.year
            ),
            key=lambda other: (other.year, other.pk),
        )

    def unit_report(self, survey_id, unit):
        if survey_id not in self.surveys or unit is None:
            return None
        self.want_units([unit.pk])
        results = self.for_survey(survey_id)  # reads the wanted units with the respondents
        self.read_units([unit.pk])
        return UnitReport(self, results, self.units.get(unit.pk, unit))


def load_results(survey_ids, all_units=False):
    """A :class:`ResultsLoader` for ``survey_ids`` and their earlier surveys of the same
    provider. Surveys with their dimensions and the unit tree come at once (three
    queries); the results when first asked for (two queries: every unit's respondents, and
    the rows of the units wanted by then with the national benchmark; one more for units
    asked for later). ``all_units`` reads every row at once instead, then the
    respondents (two queries), for an export or the API that show every unit."""
    from django.db import models

    from .models import OrganisationUnit, Survey

    survey_ids = {survey_id for survey_id in survey_ids if survey_id is not None}
    if not survey_ids:
        return ResultsLoader({}, {})
    wanted = Survey.objects.filter(pk__in=survey_ids)
    # The trend needs earlier surveys of the same providers, never later ones.
    latest = wanted.order_by("-year").values("year")[:1]
    surveys = {
        survey.pk: survey
        for survey in Survey.objects.filter(
            models.Q(pk__in=survey_ids)
            | models.Q(provider__in=wanted.values("provider"), year__lte=models.Subquery(latest))
        ).prefetch_related("dimensions")
    }
    units = {
        unit.pk: unit
        for unit in OrganisationUnit.objects.only(
            "pk", "name", "code", "kind", "parent_id", "tree_path", "depth"
        )
    }
    return ResultsLoader(surveys, units, all_units=all_units)


@dataclass
class Series:
    """A column of the results table and a bar of each chart group."""

    key: str
    label: str
    heading: str


@dataclass
class DimensionRow:
    dimension: object
    values: list  # Shown per series, in UnitReport.series order
    trend: list = field(default_factory=list)  # (survey, Shown), oldest first
    decimals: int = 1

    @cached_property
    def texts(self):
        """Each value as the reader sees it (4,5; "too few answers"), formatted once for
        the table and the chart alike."""
        from .charts import shown_text

        return [shown_text(shown, self.decimals) for shown in self.values]

    @cached_property
    def trend_texts(self):
        """(earlier survey, its value as the reader sees it), oldest first."""
        from .charts import shown_text

        return [(survey, shown_text(shown, self.decimals)) for survey, shown in self.trend]


class UnitReport:
    """What the results page and block show for one unit of one survey."""

    def __init__(self, loader, results, unit):
        self.results = results
        self.survey = results.survey
        self.unit = unit
        units = loader.units
        self.parent = units.get(unit.parent_id) if unit.parent_id else None
        root = unit
        while root.parent_id and root.parent_id in units:
            root = units[root.parent_id]
        self.municipality = root if root.pk != unit.pk else None
        self.has_results = results.has_results(unit.pk)
        self.hidden = results.is_hidden(unit.pk)
        self.hidden_reason = results.hidden_reason(unit.pk)
        self.participation = results.participation(unit.pk)
        self.threshold = self.survey.anonymity_threshold
        earlier = [loader.for_survey(survey.pk) for survey in loader.earlier(self.survey)]
        # Trend columns only for earlier surveys with scores for this unit.
        self.earlier = [results for results in earlier if results.has_results(unit.pk)]
        self.response_history = [
            (results.survey, results.participation(unit.pk).rate)
            for results in earlier
            if results.participation(unit.pk).rate is not None
        ]

        self.series = [Series("unit", unit.name, _("This unit"))]
        if self.parent is not None:
            self.series.append(Series("parent", self.parent.name, _("Parent unit")))
        if self.municipality is not None and self.municipality != self.parent:
            self.series.append(
                Series("municipality", self.municipality.name, _("Whole municipality"))
            )
        if results.benchmark:
            self.series.append(Series("benchmark", str(_("National")), _("National benchmark")))

        self.rows = []
        for dimension in results.dimensions:
            values = []
            for series in self.series:
                unit_id = {
                    "unit": unit.pk,
                    "parent": self.parent.pk if self.parent else None,
                    "municipality": self.municipality.pk if self.municipality else None,
                    "benchmark": None,
                }[series.key]
                values.append(results.score(unit_id, dimension.pk))
            trend = [
                (earlier.survey, earlier.score_by_name(unit.pk, dimension.name))
                for earlier in self.earlier
            ]
            self.rows.append(DimensionRow(dimension, values, trend, self.survey.decimals))

    @property
    def trend_surveys(self):
        return [earlier.survey for earlier in self.earlier]

    @property
    def children(self):
        """Units directly under this one that have results in the survey."""
        return [
            unit for unit in self.results.units_with_results() if unit.parent_id == self.unit.pk
        ]

    def row_for(self, dimension_name):
        wanted = dimension_name.casefold()
        return next((row for row in self.rows if row.dimension.name.casefold() == wanted), None)
