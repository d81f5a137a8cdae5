from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samverka.directory.models import Organisation, Person, Unit


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "org_number", "institution")
    list_filter = ("institution", "type")
    search_fields = ("name", "org_number")
    raw_id_fields = ("parent",)


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ("last_name", "first_name", "side", "organisation", "institution")
    list_filter = ("institution", "side", "is_public")
    search_fields = ("first_name", "last_name", "email")
    raw_id_fields = ("organisation", "unit")


@admin.register(Unit)
class UnitAdmin(TranslationAdmin):
    list_display = ("name", "kind", "institution")
    list_filter = ("institution", "kind")
