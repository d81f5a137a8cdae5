from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samverka.news.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(TranslationAdmin):
    list_display = ("title", "published_on", "published", "institution")
    list_filter = ("institution", "published")
