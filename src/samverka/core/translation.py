from modeltranslation.translator import TranslationOptions, register

from samverka.core.models import Institution


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "public_introduction")
