from modeltranslation.translator import TranslationOptions, register

from samverka.directory.models import Person, Unit


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("title",)


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name",)
