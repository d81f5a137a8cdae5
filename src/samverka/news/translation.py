from modeltranslation.translator import TranslationOptions, register

from samverka.news.models import NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
