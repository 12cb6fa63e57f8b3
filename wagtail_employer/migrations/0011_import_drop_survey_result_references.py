# Survey results left Wagtail's reference index (SurveyResult.wagtail_reference_index_ignore):
# remove the entries earlier imports recorded for them, which nothing would keep up to date
# any more (deleting a result no longer touches the index).

from django.db import migrations


def drop_survey_result_references(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    survey_result_type = ContentType.objects.filter(
        app_label="wagtail_employer", model="surveyresult"
    ).first()
    if survey_result_type is not None:
        ReferenceIndex.objects.filter(base_content_type=survey_result_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtail_employer", "0010_indicator_links"),
    ]

    operations = [
        migrations.RunPython(drop_survey_result_references, migrations.RunPython.noop),
    ]
