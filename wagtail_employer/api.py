"""Serializers for the Wagtail API (v2) fields of the package's pages."""

from rest_framework import serializers
from wagtail.rich_text import expand_db_html


class ValueSetField(serializers.Field):
    """A value set with its values, in the shape a reader's app needs."""

    def to_representation(self, value_set):
        return {
            "id": value_set.pk,
            "name": value_set.name,
            "acronym": value_set.acronym,
            "status": value_set.status,
            "locale": value_set.locale.language_code,
            "adopted_by": value_set.adopted_by,
            "adopted_on": value_set.adopted_on.isoformat() if value_set.adopted_on else None,
            "adoption_reference": value_set.adoption_reference,
            "intro": expand_db_html(value_set.intro),
            "values": [
                {
                    "id": value.pk,
                    "name": value.name,
                    "meaning": expand_db_html(value.meaning),
                    "behaviours": value.behaviour_texts,
                    "token": value.token,
                }
                for value in value_set.values.all()
            ],
        }


class GoalChainField(serializers.Field):
    """A goal chain (``GoalChain``) from the vision down to one unit, or None."""

    def to_representation(self, chain):
        return chain.as_data() if chain is not None else None


class OrganisationUnitField(serializers.Field):
    """An organisation unit by its code, name and kind, and the unit it belongs to."""

    def to_representation(self, unit):
        return {
            "id": unit.pk,
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": unit.parent.code if unit.parent_id else None,
        }
