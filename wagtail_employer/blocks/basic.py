"""General-purpose blocks that the package's page bodies are built around."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

HEADING_LEVEL_CHOICES = [("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))]


class HeadingLevelBlock(blocks.ChoiceBlock):
    """Lets the editor keep headings in order, which screen readers depend on."""

    def __init__(self, default="h2", **kwargs):
        super().__init__(
            choices=HEADING_LEVEL_CHOICES,
            default=default,
            label=_("Heading level"),
            help_text=_("Choose the level that keeps the page's headings in order."),
            **kwargs,
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading at a level the editor chooses."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = HeadingLevelBlock()

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_employer/blocks/heading.html"
        preview_value = {"text": "Våre verdier", "level": "h2"}
        description = _("A section heading.")


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text."""

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "wagtail_employer/blocks/paragraph.html"
        preview_value = "<p>Arbeidsgiverstrategien gjelder alle ansatte i kommunen.</p>"
        description = _("Formatted text.")


class FigureBlock(blocks.StructBlock):
    """An image with an optional caption; alt text is asked for unless decorative."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_employer/blocks/figure.html"
        description = _("An image with alt text and an optional caption.")
