"""The value set form: rules that span a set and its values (acronym, duplicates)."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


def acronym_letters(acronym):
    return [character.upper() for character in acronym if character.isalpha()]


def acronym_mismatch(acronym, value_names):
    """Why ``acronym`` is not spelled by the initials of ``value_names``, or None.

    Returns ``(message, index)`` where ``index`` is the position of the first value
    that does not match (None when the counts differ)."""
    letters = acronym_letters(acronym)
    if len(letters) != len(value_names):
        return (
            _(
                "The acronym “%(acronym)s” has %(letters)d letters, "
                "but the set has %(values)d values."
            )
            % {"acronym": acronym, "letters": len(letters), "values": len(value_names)},
            None,
        )
    for position, (letter, name) in enumerate(zip(letters, value_names, strict=True)):
        if name[:1].upper() != letter:
            return (
                _(
                    "Letter %(position)d of “%(acronym)s” is “%(letter)s”, but value "
                    "%(position)d, “%(name)s”, starts with “%(initial)s”."
                )
                % {
                    "position": position + 1,
                    "acronym": acronym,
                    "letter": letter,
                    "name": name,
                    "initial": name[:1].upper(),
                },
                position,
            )
    return None


def kept_forms(formset):
    """The inline forms that will be saved, in the order the editor arranged them."""
    return [
        form
        for form in formset.ordered_forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class ValueSetForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        values_formset = self.formsets.get("values")
        if values_formset is None or not values_formset.is_valid():
            return cleaned_data
        value_forms = kept_forms(values_formset)
        names = [form.cleaned_data["name"].strip() for form in value_forms]
        self._check_duplicates(value_forms, names)
        acronym = (cleaned_data.get("acronym") or "").strip()
        if acronym and names:
            mismatch = acronym_mismatch(acronym, names)
            if mismatch:
                message, index = mismatch
                self.add_error("acronym", message)
                if index is not None:
                    value_forms[index].add_error("name", message)
        candidates_formset = self.formsets.get("workshop_candidates")
        if candidates_formset is not None and candidates_formset.is_valid():
            self._check_candidates(kept_forms(candidates_formset), names)
        return cleaned_data

    @staticmethod
    def _check_duplicates(value_forms, names):
        seen = {}
        for position, (form, name) in enumerate(zip(value_forms, names, strict=True)):
            key = name.casefold()
            if key in seen:
                form.add_error(
                    "name",
                    _("“%(name)s” is already value %(position)d of this set.")
                    % {"name": name, "position": seen[key] + 1},
                )
            else:
                seen[key] = position

    @staticmethod
    def _check_candidates(candidate_forms, names):
        known = {name.casefold() for name in names}
        for form in candidate_forms:
            grouped_under = form.cleaned_data.get("grouped_under", "").strip()
            if grouped_under and grouped_under.casefold() not in known:
                form.add_error(
                    "grouped_under",
                    _("“%(name)s” is not one of this set's values (%(values)s).")
                    % {"name": grouped_under, "values": ", ".join(names)},
                )
