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


class ServicePolicyField(serializers.Field):
    """A service policy with its focus areas, numbered commitments and uses."""

    def to_representation(self, policy):
        return {
            "id": policy.pk,
            "title": policy.title,
            "slogan": policy.slogan,
            "version": policy.version,
            "status": policy.status,
            "locale": policy.locale.language_code,
            "adopted_by": policy.adopted_by,
            "adopted_on": policy.adopted_on.isoformat() if policy.adopted_on else None,
            "valid_from": policy.valid_from.isoformat() if policy.valid_from else None,
            "valid_to": policy.valid_to.isoformat() if policy.valid_to else None,
            "intro": expand_db_html(policy.intro),
            "value_set": policy.value_set_id,
            "focus_areas": [
                {
                    "id": area.pk,
                    "letter": area.letter,
                    "title": area.title,
                    "intro": expand_db_html(area.intro),
                    "exemplar_units": [
                        {"id": exemplar.unit_id, "name": exemplar.unit.name}
                        for exemplar in area.exemplar_units.all()
                    ],
                    "commitments": [
                        {
                            "id": commitment.pk,
                            "number": commitment.number,
                            "code": f"{area.letter}{commitment.number}",
                            "text": commitment.text,
                        }
                        for commitment in area.commitments.all()
                    ],
                }
                for area in policy.focus_areas.all()
            ],
            "usages": [
                {"title": usage.title, "description": usage.description, "url": usage.url}
                for usage in policy.usages.all()
            ],
        }


class SurveyResultsField(serializers.Field):
    """A survey's results per unit, with the anonymity rule applied: a hidden unit has
    ``"hidden": true`` and no scores, respondents or response rate, exactly as on the
    page."""

    def to_representation(self, survey_id):
        from .survey_results import load_results

        results = load_results([survey_id], all_units=True).for_survey(survey_id)
        if results is None:
            return None
        survey = results.survey

        def number(shown):
            return None if shown.value is None else float(shown.value)

        units = []
        for unit in results.units_with_results():
            hidden = results.is_hidden(unit.pk)
            participation = results.participation(unit.pk)
            units.append(
                {
                    "code": unit.code,
                    "name": unit.name,
                    "parent_code": results.units[unit.parent_id].code if unit.parent_id else None,
                    "hidden": hidden,
                    # Empty for a hidden unit (SurveyResults.participation), as on the page.
                    "respondents": participation.respondents,
                    "response_rate": None
                    if participation.rate is None
                    else float(participation.rate),
                    "scores": {}
                    if hidden
                    else {d.name: number(results.score(unit.pk, d.pk)) for d in results.dimensions},
                }
            )
        return {
            "id": survey.pk,
            "name": survey.name,
            "provider": survey.provider,
            "year": survey.year,
            "scale": {
                "min": float(survey.scale_min),
                "max": float(survey.scale_max),
                "decimals": survey.decimals,
            },
            "anonymity_threshold": survey.anonymity_threshold,
            "dimensions": [
                {"name": d.name, "description": d.description} for d in results.dimensions
            ],
            "benchmark": {d.name: number(results.score(None, d.pk)) for d in results.dimensions},
            "units": units,
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
