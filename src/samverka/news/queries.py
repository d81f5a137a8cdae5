"""What the public may read of the news."""

from django.db.models import QuerySet

from samverka.core.models import Institution
from samverka.news.models import NewsItem


def published_news(institution: Institution) -> QuerySet[NewsItem]:
    return (
        NewsItem.objects.in_institution(institution).filter(published=True).order_by("-published_on", "-id")
    )
