from modeltranslation.translator import TranslationOptions, register

from samverka.followup.models import AnnualReport, Goal, Indicator


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(AnnualReport)
class AnnualReportTranslation(TranslationOptions):
    # the narrative, written in Swedish and, for an English report, in English
    fields = ("summary", "highlights", "challenges", "next_year")
