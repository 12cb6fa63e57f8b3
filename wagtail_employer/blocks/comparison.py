"""How block values read in Wagtail's revision comparison: choices by their labels and
yes/no flags as words, not the stored keys ("overall", "False")."""

from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin.compare import BlockComparison, StructBlockComparison, diff_text
from wagtail.admin.compare import get_comparison_class_for_block as wagtail_comparison_class


class LabelComparison(BlockComparison):
    """A choice or a flag, compared as the words an editor chose from."""

    def text(self, value):
        if isinstance(self.block, blocks.BooleanBlock):
            return _("Yes") if value else _("No")
        labels = {}
        for key, label in self.block.field.choices:
            if isinstance(label, (list, tuple)):
                labels.update(label)
            else:
                labels[key] = label
        return str(labels.get(value, value or ""))

    def htmlvalue(self, val):
        return escape(self.text(val))

    def htmldiff(self):
        return diff_text(self.text(self.val_a), self.text(self.val_b)).to_html()


def comparison_class_for(block):
    if isinstance(block, blocks.BooleanBlock):
        return LabelComparison
    return wagtail_comparison_class(block)


class LabelledStructComparison(StructBlockComparison):
    """Wagtail's struct comparison, with its flags compared as words."""

    def _rows(self, value_of):
        return format_html(
            "<dl>\n{}\n</dl>",
            format_html_join(
                "\n",
                "    <dt>{}</dt>\n    <dd>{}</dd>",
                [
                    (block.label, value_of(name, block))
                    for name, block in self.block.child_blocks.items()
                ],
            ),
        )

    def htmlvalue(self, val):
        return self._rows(
            lambda name, block: comparison_class_for(block)(
                block, True, True, val[name], val[name]
            ).htmlvalue(val[name])
        )

    def htmldiff(self):
        return self._rows(
            lambda name, block: comparison_class_for(block)(
                block, self.exists_a, self.exists_b, self.val_a[name], self.val_b[name]
            ).htmldiff()
        )
