from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samverka.activities.models import Activity, ActivityType


@admin.register(ActivityType)
class ActivityTypeAdmin(TranslationAdmin):
    list_display = ("name", "code", "order", "is_active", "institution")
    list_filter = ("institution",)


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ("title", "type", "partnership", "status", "starts_on", "institution")
    list_filter = ("institution", "type", "status")
    search_fields = ("title",)
    raw_id_fields = ("parent", "partnership", "focus_area")
    filter_horizontal = ("people", "units", "organisations")
