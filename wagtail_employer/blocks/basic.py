"""General-purpose blocks that the package's page bodies are built around."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .comparison import LabelComparison

HEADING_LEVEL_CHOICES = [("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))]


class StaticChoiceBlock(blocks.ChoiceBlock):
    """A ChoiceBlock whose choices are fixed in the code (the package's all are).

    Reading a stored value, Wagtail's ChoiceBlock rebuilds the form field's choice list,
    translating every label, to find the key again: about 10 µs per value, a third of the
    time of rendering a meeting agenda. A stored key that is one of the choices is the key.
    Migrations still see a plain ChoiceBlock."""

    @cached_property
    def _keys(self):
        keys = set()
        for key, label in self.field.choices:
            if isinstance(label, (list, tuple)):
                keys.update(subkey for subkey, _sublabel in label)
            else:
                keys.add(key)
        return frozenset(key for key in keys if isinstance(key, str))

    def normalize_choice(self, value):
        if isinstance(value, str) and value in self._keys:
            return value
        return super().normalize_choice(value)

    def get_comparison_class(self):
        return LabelComparison


class HeadingLevelBlock(StaticChoiceBlock):
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
