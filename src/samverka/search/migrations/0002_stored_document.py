"""PostgreSQL keeps each entry's weighted tsvector in a stored column (ranking reads it, not remakes it)."""

from django.db import migrations


def on_postgresql(statements_of):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements_of():
                schema_editor.execute(statement)

    return run


def stored():
    from samverka.search.backends import PG_SETUP

    return PG_SETUP


def expression_index():
    from importlib import import_module

    from samverka.search.backends import PG_TEARDOWN

    first = import_module("samverka.search.migrations.0001_initial")
    return [*PG_TEARDOWN, first.PG_EXPRESSION_INDEX]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(stored), on_postgresql(expression_index))]
