"""Working-method blocks that leaders use in staff meetings and workshops (seeds 001-003):
a meeting agenda in minutes, an action plan (what / who / when), a method card such as
de Bono's six thinking hats, and a process timeline."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import HeadingLevelBlock, StaticChoiceBlock


class DatePrecision:
    DAY = "day"
    MONTH = "month"
    CHOICES = [(DAY, _("The day")), (MONTH, _("The month only"))]


class ProcessStepBlock(blocks.StructBlock):
    """One step of a process: what happened, when, and who took part."""

    title = blocks.CharBlock(label=_("Step"), max_length=200)
    date = blocks.DateBlock(label=_("Date"))
    date_precision = StaticChoiceBlock(
        choices=DatePrecision.CHOICES,
        default=DatePrecision.DAY,
        label=_("Show"),
        help_text=_("Show the month only when the exact day is not known or does not matter."),
    )
    participants = blocks.CharBlock(label=_("Who took part"), max_length=300, required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "date"
        label = _("Process step")


class ProcessTimelineBlock(blocks.StructBlock):
    """The steps of a process in date order, e.g. how a strategy was made."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    heading_level = HeadingLevelBlock()
    steps = blocks.ListBlock(ProcessStepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "date"
        label = _("Process timeline")
        template = "wagtail_employer/blocks/process_timeline.html"
        description = _("The steps of a process with their dates and who took part.")
        preview_value = {
            "heading": "Slik ble strategien til",
            "heading_level": "h2",
            "steps": [
                {
                    "title": "Verdiverksted",
                    "date": datetime.date(2010, 3, 16),
                    "date_precision": DatePrecision.DAY,
                    "participants": "Alle ansatte",
                },
                {
                    "title": "Vedtak i kommunestyret",
                    "date": datetime.date(2010, 11, 22),
                    "date_precision": DatePrecision.DAY,
                    "participants": "Kommunestyret",
                },
            ],
        }


class WorkMethod:
    """How participants work on an agenda item (seed 001: individual → group → plenary)."""

    CHOICES = [
        ("presentation", _("Presentation")),
        ("individual", _("Individually")),
        ("pairs", _("In pairs or threes")),
        ("groups", _("In groups")),
        ("plenary", _("In plenary")),
        ("individual_group_plenary", _("Individually, then in groups, then in plenary")),
    ]


class AgendaItemValue(blocks.StructValue):
    def method_label(self):
        return dict(WorkMethod.CHOICES).get(self.get("method"), "")


class AgendaItemBlock(blocks.StructBlock):
    """One item of a meeting agenda."""

    minutes = blocks.IntegerBlock(label=_("Minutes"), min_value=1, max_value=600)
    activity = blocks.CharBlock(label=_("Activity"), max_length=300)
    method = StaticChoiceBlock(
        choices=WorkMethod.CHOICES, required=False, label=_("Way of working")
    )
    led_by = blocks.CharBlock(label=_("Led by"), max_length=200, required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")
        value_class = AgendaItemValue


class AgendaValue(blocks.StructValue):
    def total_minutes(self):
        return sum(item["minutes"] or 0 for item in self["items"])

    def timed_items(self):
        """``(start time or None, item)`` for each item, counted from the start time."""
        starts_at = self.get("starts_at")
        result = []
        elapsed = 0
        for item in self["items"]:
            start = None
            if starts_at:
                moment = datetime.datetime.combine(datetime.date(2000, 1, 1), starts_at)
                start = (moment + datetime.timedelta(minutes=elapsed)).time()
            result.append((start, item))
            elapsed += item["minutes"] or 0
        return result


class MeetingAgendaBlock(blocks.StructBlock):
    """A meeting agenda with minutes per item; the total duration is computed."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    heading_level = HeadingLevelBlock()
    starts_at = blocks.TimeBlock(
        label=_("Starts at"),
        required=False,
        help_text=_("Optional. When given, each item shows the time it starts."),
    )
    items = blocks.ListBlock(AgendaItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "time"
        label = _("Meeting agenda")
        template = "wagtail_employer/blocks/meeting_agenda.html"
        value_class = AgendaValue
        description = _("Agenda items with minutes, way of working and who leads; totals itself.")
        preview_value = {
            "title": "Personalmøte",
            "heading_level": "h2",
            "items": [
                {"minutes": 5, "activity": "Opning ved leiar", "method": "presentation"},
                {"minutes": 30, "activity": "Arbeid i gruppene", "method": "groups"},
            ],
        }


class ActionStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CHOICES = [
        (NOT_STARTED, _("Not started")),
        (IN_PROGRESS, _("In progress")),
        (DONE, _("Done")),
    ]


class ActionValue(blocks.StructValue):
    def status_label(self):
        return dict(ActionStatus.CHOICES).get(self.get("status"), "")


class ActionBlock(blocks.StructBlock):
    """One row of an action plan."""

    what = blocks.CharBlock(label=_("What"), max_length=300)
    who = blocks.CharBlock(label=_("Who"), max_length=200)
    when = blocks.DateBlock(label=_("When"), required=False)
    status = StaticChoiceBlock(
        choices=ActionStatus.CHOICES, default=ActionStatus.NOT_STARTED, label=_("Status")
    )

    class Meta:
        icon = "tasks"
        label = _("Action")
        value_class = ActionValue


class ActionPlanBlock(blocks.StructBlock):
    """An action plan (tidsplan med arbeidsfordeling): what, who, when and status."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    heading_level = HeadingLevelBlock()
    actions = blocks.ListBlock(ActionBlock(), label=_("Actions"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Action plan")
        template = "wagtail_employer/blocks/action_plan.html"
        description = _("A table of actions: what, who, when and status.")
        preview_value = {
            "title": "Tidsplan med arbeidsfordeling",
            "heading_level": "h2",
            "actions": [
                {"what": "Skrive kjerneforteljinga", "who": "Redaksjonsgruppa", "status": "done"},
            ],
        }


class MethodStepBlock(blocks.StructBlock):
    """One step, role or perspective of a method, e.g. one thinking hat and its question."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    question = blocks.CharBlock(
        label=_("Question"), max_length=300, required=False, help_text=_("What to ask or do.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class MethodCardBlock(blocks.StructBlock):
    """A named working method with its steps, e.g. de Bono's six thinking hats."""

    name = blocks.CharBlock(label=_("Method"), max_length=200)
    heading_level = HeadingLevelBlock()
    summary = blocks.TextBlock(label=_("What it is for"), required=False)
    steps = blocks.ListBlock(MethodStepBlock(), label=_("Steps"), min_num=1)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Method card")
        template = "wagtail_employer/blocks/method_card.html"
        description = _("A working method with its steps, e.g. the six thinking hats.")
        preview_value = {
            "name": "De Bonos seks tenkehatter",
            "heading_level": "h2",
            "steps": [
                {"name": "Den hvite hatten", "question": "Hvilke fakta har vi?"},
                {"name": "Den røde hatten", "question": "Hva føler vi?"},
            ],
        }
