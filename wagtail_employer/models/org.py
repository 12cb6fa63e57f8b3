"""The municipality's organisation tree: municipality → sector → unit → team."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

# Fixed-width base-36 segments keep the materialised path collation-proof: every
# database orders "0-9A-Z" strings of equal width the same way.
PATH_SEGMENT_WIDTH = 4
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _segment(position):
    digits = []
    for _index in range(PATH_SEGMENT_WIDTH):
        position, remainder = divmod(position, 36)
        digits.append(_BASE36[remainder])
    return "".join(reversed(digits))


class UnitKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    SECTOR = "sector", _("Sector")
    UNIT = "unit", _("Unit")
    TEAM = "team", _("Team")

    @classmethod
    def level(cls, kind):
        return list(cls.values).index(kind)


code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, hyphens or underscores, starting with a letter or digit."),
)


class OrganisationUnitQuerySet(models.QuerySet):
    def in_tree_order(self):
        return self.order_by("tree_path")


class OrganisationUnitManager(models.Manager.from_queryset(OrganisationUnitQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def rebuild_tree(self):
        """Recompute ``tree_path`` and ``depth`` for every unit in one pass.

        Siblings are ordered by name, then code. Only changed rows are written,
        so this is cheap enough to run after every save and every import.
        """
        units = list(self.only("pk", "parent_id", "name", "code", "tree_path", "depth"))
        children = {}
        for unit in units:
            children.setdefault(unit.parent_id, []).append(unit)
        changed = []

        def walk(parent_id, prefix, depth):
            siblings = sorted(
                children.get(parent_id, []), key=lambda u: (u.name.casefold(), u.code)
            )
            for position, unit in enumerate(siblings):
                path = prefix + _segment(position)
                if unit.tree_path != path or unit.depth != depth:
                    unit.tree_path, unit.depth = path, depth
                    changed.append(unit)
                walk(unit.pk, path, depth + 1)

        walk(None, "", 1)
        if changed:
            self.bulk_update(changed, ["tree_path", "depth"], batch_size=500)
        return len(changed)


class OrganisationUnit(index.Indexed, models.Model):
    """A node in the municipality's organisation: the municipality itself, a sector
    (kommunalområde / verksamhet), a unit (enhet / eining) or a team (arbeidslag)."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[code_validator],
        help_text=_("A short, stable code used by imports, e.g. the unit number in the HR system."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.UNIT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty only for the municipality itself."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_organisation_units",
    )
    tree_path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=1)

    objects = OrganisationUnitManager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["tree_path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            OrganisationUnit.objects.rebuild_tree()
            self.refresh_from_db(fields=["tree_path", "depth"])

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id is None:
            if self.kind != UnitKind.MUNICIPALITY:
                errors["parent"] = _("Only the municipality may have no parent unit.")
        else:
            parent = self.parent
            if self.kind == UnitKind.MUNICIPALITY:
                errors["kind"] = _("A municipality cannot have a parent unit.")
            elif UnitKind.level(parent.kind) >= UnitKind.level(self.kind):
                errors["parent"] = _("A %(kind)s cannot be placed under a %(parent_kind)s.") % {
                    "kind": self.get_kind_display().lower(),
                    "parent_kind": parent.get_kind_display().lower(),
                }
            elif self.pk and (parent.pk == self.pk or self.is_ancestor_of(parent)):
                errors["parent"] = _(
                    "A unit cannot be placed under itself or one of its own units."
                )
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return (self.code,)

    # Tree navigation, all on the materialised path (one query each).

    def _ancestor_paths(self):
        width = PATH_SEGMENT_WIDTH
        return [self.tree_path[:end] for end in range(width, len(self.tree_path), width)]

    def get_ancestors(self, inclusive=False):
        paths = self._ancestor_paths() + ([self.tree_path] if inclusive else [])
        return OrganisationUnit.objects.filter(tree_path__in=paths).order_by("tree_path")

    def get_descendants(self, inclusive=False):
        descendants = OrganisationUnit.objects.filter(tree_path__startswith=self.tree_path)
        if not inclusive:
            descendants = descendants.exclude(pk=self.pk)
        return descendants.order_by("tree_path")

    def is_ancestor_of(self, other):
        return (
            bool(self.tree_path)
            and other.tree_path.startswith(self.tree_path)
            and other.tree_path != self.tree_path
        )

    @property
    def indented_name(self):
        return "\u2003" * (self.depth - 1) + self.name
