from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from samverka.partnerships.models import Agreement, CoordinatorAssignment, FocusArea, Partnership


class FocusAreaInline(TranslationTabularInline):
    model = FocusArea
    extra = 0
    fields = ("name", "order", "agreement", "is_current", "institution")


class AgreementInline(admin.TabularInline):
    model = Agreement
    extra = 0
    fields = (
        "sequence",
        "type",
        "starts_on",
        "ends_on",
        "review_on",
        "registry_number",
        "institution",
    )


@admin.register(Partnership)
class PartnershipAdmin(TranslationAdmin):
    list_display = ("title", "status", "start_date", "published", "institution")
    list_filter = ("institution", "status", "published")
    search_fields = ("title",)
    filter_horizontal = ("organisations", "units")
    inlines = [AgreementInline, FocusAreaInline]


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(TranslationAdmin):
    list_display = ("person", "partnership", "role_title", "institution")
    list_filter = ("institution",)
