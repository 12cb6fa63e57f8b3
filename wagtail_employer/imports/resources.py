"""django-import-export resources: how model rows map to file columns, both ways."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from ..models import OrganisationUnit


class UnitCodeWidget(widgets.ForeignKeyWidget):
    """The parent unit by its code.

    The stock widget lets ``DoesNotExist`` escape, which django-import-export reports as
    a crash rather than as a row error; a ``ValueError`` becomes a validation error on
    the column instead.
    """

    def __init__(self):
        super().__init__(OrganisationUnit, field="code")
        # Set by OrganisationUnitResource for one import: every unit by code, so that a
        # file of 300 units looks up their parents without 300 queries.
        self.units_by_code = None

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        if self.units_by_code is None:
            return super().get_instance_by_lookup_fields(value, row, **kwargs)
        try:
            return self.units_by_code[value]
        except KeyError:
            raise OrganisationUnit.DoesNotExist from None

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except OrganisationUnit.DoesNotExist:
            raise ValueError(
                _("There is no unit with the code “%(code)s”.") % {"code": value}
            ) from None


class OrganisationUnitResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name="code", widget=widgets.CharWidget())
    name = fields.Field(attribute="name", column_name="name", widget=widgets.CharWidget())
    parent = fields.Field(attribute="parent", column_name="parent code", widget=UnitCodeWidget())
    kind = fields.Field(attribute="kind", column_name="kind", widget=widgets.CharWidget())

    class Meta:
        model = OrganisationUnit
        fields = ("code", "name", "parent", "kind")
        import_order = fields
        export_order = fields
        import_id_fields = ("code",)
        # One query loads every unit the file names, instead of one per row.
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        # The preview builds its own table of changes from the instances.
        store_instance = True
        skip_html_diff = True

    # Called with the number of rows done so far every PROGRESS_EVERY rows, when set
    # (the import service sets it for a confirmed import).
    progress = None
    PROGRESS_EVERY = 100

    # What full_clean() would check with a query per row, and the import already knows:
    # the parent was looked up by its code among the stored units and those this import
    # saved (UnitCodeWidget), and the leader is not in the file. Codes need no unique
    # check: a code names the stored unit it updates, the import service refuses a code
    # twice in one file, and the database's unique index stands behind both.
    FIELDS_LOOKED_UP = ("parent", "leader")

    def get_queryset(self):
        return OrganisationUnit.objects.in_tree_order().select_related("parent")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            try:
                instance.full_clean(
                    exclude=[*errors, *self.FIELDS_LOOKED_UP], validate_unique=False
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.progress is not None and kwargs["row_number"] % self.PROGRESS_EVERY == 0:
            self.progress(kwargs["row_number"])

    def after_init_instance(self, instance, new, row, **kwargs):
        # OrganisationUnit.clean() finds cycles through tree_path, which goes stale while
        # an import moves units and rebuilds the tree only at the end; it could then
        # refuse a valid move. The import service checks cycles on the tree as it will
        # be after the import, so the stale path is cleared here (rebuild_tree() in
        # after_import writes the right one).
        instance.tree_path = ""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The parents the file names, read once; units this import saves join as they are
        # saved, so a parent may come earlier in the same file (self.fields is this
        # resource's own copy, so nothing outlives the import).
        self.fields["parent"].widget.units_by_code = {
            unit.code: unit for unit in OrganisationUnit.objects.all()
        }
        self.saved_units = []

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.fields["parent"].widget.units_by_code[instance.code] = instance
        self.saved_units.append(instance)

    def do_instance_save(self, instance, is_create):
        # OrganisationUnit.save() rebuilds the whole tree; during an import that would be
        # one full rebuild per row. Save the row alone; after_import rebuilds once.
        # Saved as "raw" (the row exactly as given, which a unit's fields all are), so
        # that Wagtail's search and reference index handlers pass it by: they index each
        # row in a task of its own, two thirds of an import's time, and a preview throws
        # the work away. after_import indexes a confirmed import's units together.
        instance.save_base(raw=True, force_insert=is_create)

    def after_import(self, dataset, result, **kwargs):
        # Deliberately not calling ModelResource.after_import: it resets the primary-key
        # sequence to MAX(id), which is only needed when a file carries ids (ours never
        # does) and can move the sequence backwards under concurrent inserts.
        if not (result.has_errors() or result.has_validation_errors()):
            OrganisationUnit.objects.rebuild_tree()
            if not kwargs.get("dry_run", True):
                index_units(self.saved_units)


def index_units(units):
    """Wagtail's search index and reference index entries of ``units``, as saving each
    of them would have written them: the search index in one batch per backend."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backends

    if not units:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(OrganisationUnit, units)
    for unit in units:
        ReferenceIndex.create_or_update_for_object(unit)
