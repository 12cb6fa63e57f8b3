"""Blocks of the workplace presentation (the "synleg-prosessen", seed 001): themed sections
in the order the workplace chooses, and its people."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.images.blocks import ImageBlock

from .basic import StaticChoiceBlock


class WorkplaceTheme:
    """The eleven themes of Bø's toolkit; "other" may be used more than once."""

    CORE_STORY = "core_story"
    SERVICE = "service"
    PRACTICAL = "practical"
    GOALS = "goals"
    RESULTS = "results"
    PROJECTS = "projects"
    NEWS = "news"
    STAFF = "staff"
    WORK_HERE = "work_here"
    MEET_AN_EMPLOYEE = "meet_an_employee"
    OTHER = "other"
    CHOICES = [
        (CORE_STORY, _("Our core story")),
        (SERVICE, _("About the service")),
        (PRACTICAL, _("Practical information")),
        (GOALS, _("Goals and plans")),
        (RESULTS, _("Results")),
        (PROJECTS, _("Projects and priorities")),
        (NEWS, _("News")),
        (STAFF, _("Our staff")),
        (WORK_HERE, _("Work with us")),
        (MEET_AN_EMPLOYEE, _("Meet an employee")),
        (OTHER, _("Other")),
    ]


class WorkplaceSectionValue(blocks.StructValue):
    def theme_label(self):
        return dict(WorkplaceTheme.CHOICES).get(self.get("theme"), "")

    def display_heading(self):
        return self.get("heading") or self.theme_label()


class WorkplaceSectionBlock(blocks.StructBlock):
    """One theme of the presentation, with its text and an optional picture."""

    theme = StaticChoiceBlock(choices=WorkplaceTheme.CHOICES, label=_("Theme"))
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=200,
        required=False,
        help_text=_("Optional; the theme's name is used when empty."),
    )
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = ImageBlock(label=_("Image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Section")
        value_class = WorkplaceSectionValue


class WorkplaceSectionsBlock(blocks.StreamBlock):
    """The sections in the editor's order; each theme but "other" at most once."""

    section = WorkplaceSectionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = {}
        errors = {}
        for position, child in enumerate(value):
            theme = child.value.get("theme")
            if theme == WorkplaceTheme.OTHER:
                continue
            if theme in seen:
                errors[position] = ErrorList(
                    [
                        ValidationError(
                            _("The theme “%(theme)s” is already section %(position)d.")
                            % {
                                "theme": child.value.theme_label(),
                                "position": seen[theme] + 1,
                            }
                        )
                    ]
                )
            else:
                seen[theme] = position
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        label = _("Sections")


class PersonBlock(blocks.StructBlock):
    """A person at the workplace, with a photo that has alt text (or is marked decorative)."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role"), max_length=200, required=False)
    photo = ImageBlock(label=_("Photo"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    about = blocks.TextBlock(label=_("About"), required=False)

    class Meta:
        icon = "user"
        label = _("Person")
