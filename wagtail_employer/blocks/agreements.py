"""Leader agreement sections (lederavtale): what the municipality's template holds and
every agreement copies, then fills in.

Every section has a heading, an optional introduction from the template and a flag
saying whether it must be filled in before the agreement can be signed; ``is_filled``
tells whether it is."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import StaticChoiceBlock
from .comparison import LabelledStructComparison
from .values import ValueSetChooserBlock

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class IndicatorKind:
    DRIVER = "driver"
    RESULT = "result"
    CHOICES = [
        (DRIVER, _("Driver indicator (effort and activity)")),
        (RESULT, _("Result indicator (effect)")),
    ]


class GoalHorizon:
    PERIOD = "period"
    YEAR = "year"
    CHOICES = [
        (PERIOD, _("Goal for the period")),
        (YEAR, _("Result goal for the year")),
    ]


class GoalScope:
    OVERALL = "overall"
    LOCAL = "local"
    CHOICES = [
        (OVERALL, _("Overall goals and result requirements (set centrally)")),
        (LOCAL, _("Local goals and result requirements (agreed with the leader)")),
    ]


class QualityDimension:
    SUBJECTIVE = "subjective"
    OBJECTIVE = "objective"
    PROCESS = "process"
    STRUCTURE = "structure"
    CHOICES = [
        (SUBJECTIVE, _("Subjective quality (as the user experiences it)")),
        (OBJECTIVE, _("Objective quality (professional standard)")),
        (PROCESS, _("Process quality (how the service is delivered)")),
        (STRUCTURE, _("Structural quality (organisation and systems)")),
    ]


class DelegationArea:
    FINANCE = "finance"
    PERSONNEL = "personnel"
    PROFESSIONAL = "professional"
    CHOICES = [
        (FINANCE, _("Finance")),
        (PERSONNEL, _("Personnel")),
        (PROFESSIONAL, _("Professional responsibility")),
    ]


YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]


class IndicatorBlock(blocks.StructBlock):
    """Makes a goal measurable: what is counted, the target and where the figure comes from."""

    kind = StaticChoiceBlock(
        choices=IndicatorKind.CHOICES, default=IndicatorKind.RESULT, label=_("Kind")
    )
    measure = blocks.CharBlock(
        label=_("Measure"),
        max_length=300,
        help_text=_("E.g. “Number of appraisal talks held” or “Pupils' average grade”."),
    )
    target = blocks.CharBlock(label=_("Target"), max_length=200, required=False)
    source = blocks.CharBlock(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the figure comes from, e.g. the employee survey."),
    )

    class Meta:
        icon = "success"
        label = _("Indicator")


class GoalBlock(blocks.StructBlock):
    """One goal with the result required of the leader, measured by indicators."""

    goal = blocks.TextBlock(label=_("Goal"))
    horizon = StaticChoiceBlock(
        choices=GoalHorizon.CHOICES, default=GoalHorizon.PERIOD, label=_("Horizon")
    )
    result_requirement = blocks.TextBlock(
        label=_("Specified result requirement for the leader"), required=False
    )
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("Indicators"), default=[])

    class Meta:
        icon = "crosshairs"
        label = _("Goal")


class AgreementSectionBlock(blocks.StructBlock):
    """What every section shares; subclasses say when they are filled in."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    intro = blocks.RichTextBlock(label=_("Introduction"), features=INTRO_FEATURES, required=False)
    required_before_signing = blocks.BooleanBlock(
        label=_("Must be filled in before signing"), required=False, default=True
    )

    def is_filled(self, value):
        raise NotImplementedError

    def get_comparison_class(self):
        return LabelledStructComparison

    class Meta:
        form_classname = "we-agreement-section"


class PerspectiveBlock(AgreementSectionBlock):
    """Goals and result requirements within one perspective, e.g. “2 Services and users”."""

    scope = StaticChoiceBlock(
        choices=GoalScope.CHOICES, default=GoalScope.LOCAL, label=_("Kind of goals")
    )
    goals = blocks.ListBlock(GoalBlock(), label=_("Goals"), default=[])

    def is_filled(self, value):
        return any(goal["goal"].strip() for goal in value["goals"])

    class Meta:
        icon = "crosshairs"
        label = _("Perspective with goals")
        template = "wagtail_employer/blocks/agreement_perspective.html"
        description = _("Goals and result requirements in one perspective, with indicators.")


class QualityDimensionRowBlock(blocks.StructBlock):
    dimension = StaticChoiceBlock(choices=QualityDimension.CHOICES, label=_("Dimension"))
    description = blocks.TextBlock(label=_("What it means here"), required=False)
    measure = blocks.CharBlock(label=_("How it is measured"), max_length=300, required=False)

    class Meta:
        label = _("Quality dimension")


class QualityDimensionsBlock(AgreementSectionBlock):
    """The quality dimensions goals are set in: subjective, objective, process, structure."""

    dimensions = blocks.ListBlock(
        QualityDimensionRowBlock(), label=_("Quality dimensions"), default=[]
    )

    def is_filled(self, value):
        return bool(value["dimensions"])

    class Meta:
        icon = "list-ul"
        label = _("Quality dimensions")
        template = "wagtail_employer/blocks/agreement_quality.html"
        description = _("Subjective, objective, process and structural quality.")


class DevelopmentGoalBlock(blocks.StructBlock):
    goal = blocks.TextBlock(label=_("Development goal"))
    actions = blocks.TextBlock(label=_("How it will be reached"), required=False)
    deadline = blocks.DateBlock(label=_("By"), required=False)

    class Meta:
        label = _("Development goal")


class PersonalDevelopmentBlock(AgreementSectionBlock):
    """The leader's personal development goals."""

    goals = blocks.ListBlock(DevelopmentGoalBlock(), label=_("Development goals"), default=[])

    def is_filled(self, value):
        return any(goal["goal"].strip() for goal in value["goals"])

    class Meta:
        icon = "user"
        label = _("Personal development goals")
        template = "wagtail_employer/blocks/agreement_development.html"
        description = _("The leader's own development goals for the period.")


class ValuesRequirementBlock(AgreementSectionBlock):
    """Requirements for attitudes and leadership behaviour, from the municipality's values."""

    value_set = ValueSetChooserBlock(label=_("Value set"), required=False)
    expectations = blocks.TextBlock(
        label=_("What is expected of the leader"),
        required=False,
        help_text=_("How the leader is to show the values in attitudes and behaviour."),
    )

    def is_filled(self, value):
        return value["value_set"] is not None or bool(value["expectations"].strip())

    class Meta:
        icon = "pick"
        label = _("Values requirement")
        template = "wagtail_employer/blocks/agreement_values.html"
        description = _("Requirements for attitudes and leadership behaviour (a value set).")


class DelegationRowBlock(blocks.StructBlock):
    authority = blocks.CharBlock(label=_("Authority"), max_length=300)
    delegated = StaticChoiceBlock(choices=YES_NO_CHOICES, label=_("Delegated"))
    note = blocks.CharBlock(label=_("Note"), max_length=300, required=False)

    class Meta:
        label = _("Authority")


class DelegationTableBlock(AgreementSectionBlock):
    """Delegated authority in one area: each item delegated or not, with a note."""

    area = StaticChoiceBlock(
        choices=DelegationArea.CHOICES, default=DelegationArea.FINANCE, label=_("Area")
    )
    rows = blocks.ListBlock(DelegationRowBlock(), label=_("Authorities"), default=[])

    def is_filled(self, value):
        return bool(value["rows"])

    class Meta:
        icon = "table"
        label = _("Delegation table")
        template = "wagtail_employer/blocks/agreement_delegation.html"
        description = _("Delegated authority in finance, personnel or professional matters.")


class MilestoneBlock(blocks.StructBlock):
    what = blocks.TextBlock(label=_("What"))
    date = blocks.DateBlock(label=_("Date"), required=False)
    responsible = blocks.CharBlock(
        label=_("Responsible level"),
        max_length=200,
        required=False,
        help_text=_("E.g. “All heads of sector and staff”."),
    )

    class Meta:
        label = _("Milestone")


class MilestonesBlock(AgreementSectionBlock):
    """When every level must have its agreement in place."""

    milestones = blocks.ListBlock(MilestoneBlock(), label=_("Milestones"), default=[])

    def is_filled(self, value):
        return bool(value["milestones"])

    class Meta:
        icon = "date"
        label = _("Milestone plan")
        template = "wagtail_employer/blocks/agreement_milestones.html"
        description = _("When each level must have its agreement in place.")


class MeetingBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"), required=False)
    topic = blocks.CharBlock(label=_("Topic"), max_length=300)

    class Meta:
        label = _("Meeting")


class FollowUpMeetingsBlock(AgreementSectionBlock):
    """The meetings where the leader and the superior follow the agreement up."""

    meetings = blocks.ListBlock(MeetingBlock(), label=_("Meetings"), default=[])

    def is_filled(self, value):
        return bool(value["meetings"])

    class Meta:
        icon = "calendar"
        label = _("Follow-up meetings")
        template = "wagtail_employer/blocks/agreement_meetings.html"
        description = _("When the leader and the superior follow the agreement up.")


class SignatureBlock(blocks.StructBlock):
    """Signature lines for the leader and the superior, and who signed when."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    statement = blocks.TextBlock(label=_("Statement"), required=False)
    place = blocks.CharBlock(label=_("Place"), max_length=100, required=False)

    class Meta:
        icon = "edit"
        label = _("Signatures")
        template = "wagtail_employer/blocks/agreement_signature.html"
        description = _("Signature lines for the leader and the superior.")


class AgreementStreamBlock(blocks.StreamBlock):
    """The body of an agreement template and of every leader agreement."""

    perspective = PerspectiveBlock()
    quality_dimensions = QualityDimensionsBlock()
    personal_development = PersonalDevelopmentBlock()
    values_requirement = ValuesRequirementBlock()
    delegation = DelegationTableBlock()
    milestones = MilestonesBlock()
    follow_up = FollowUpMeetingsBlock()
    signature = SignatureBlock()

    class Meta:
        label = _("Sections")


def empty_required_sections(body):
    """The headings of the sections that must be filled in before signing but are not."""
    missing = []
    for child in body:
        block = child.block
        if not isinstance(block, AgreementSectionBlock):
            continue
        if child.value["required_before_signing"] and not block.is_filled(child.value):
            missing.append(child.value["heading"])
    return missing


# Labels of the choices above, for templates (``{{ value|agreement_choice:"area" }}``).
CHOICE_LABELS = {
    "indicator_kind": dict(IndicatorKind.CHOICES),
    "horizon": dict(GoalHorizon.CHOICES),
    "scope": dict(GoalScope.CHOICES),
    "dimension": dict(QualityDimension.CHOICES),
    "area": dict(DelegationArea.CHOICES),
    "yes_no": dict(YES_NO_CHOICES),
}
