from modeltranslation.translator import TranslationOptions, register

from samverka.governance.models import Body, BodyType


@register(BodyType)
class BodyTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name",)
