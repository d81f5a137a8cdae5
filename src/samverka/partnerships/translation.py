from modeltranslation.translator import TranslationOptions, register

from samverka.partnerships.models import CoordinatorAssignment, FocusArea, Partnership


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("title", "purpose", "public_description")


@register(FocusArea)
class FocusAreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(CoordinatorAssignment)
class CoordinatorAssignmentTranslation(TranslationOptions):
    fields = ("role_title",)
