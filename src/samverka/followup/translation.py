from modeltranslation.translator import TranslationOptions, register

from samverka.followup.models import Goal, Indicator


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")
