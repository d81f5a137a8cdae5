"""Indexes of the activities' links by the linked record, newest activity first
(``activities.domain.latest_activities``): an organisation's, a person's or a unit's latest
activities are read from their index entries, whatever the length of their history. The link
tables are Django's own (no model of ours), so the indexes are plain SQL, the same on both
databases."""

from django.db import migrations

LINKS = (
    ("activities_activity_organisations", "organisation_id", "activity_organisation_latest"),
    ("activities_activity_people", "person_id", "activity_person_latest"),
    ("activities_activity_units", "unit_id", "activity_unit_latest"),
)


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_activity_granted")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({column}, activity_id)",
            f"DROP INDEX {name}",
        )
        for table, column, name in LINKS
    ]
