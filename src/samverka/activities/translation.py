from modeltranslation.translator import TranslationOptions, register

from samverka.activities.models import Activity, ActivityType


@register(ActivityType)
class ActivityTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
