"""What the public pages show, in one place: the HTML pages and their JSON are made from it,
so a web CMS that embeds the JSON shows what the page shows."""

from django.shortcuts import get_object_or_404

from samverka.core.models import Institution
from samverka.news.queries import published_news
from samverka.partnerships.domain.queries import public_contacts, published_partnerships

NEWS_ON_LIST = 10


def list_content(institution: Institution) -> dict:
    """The list of published partnerships, the contacts for all of them and the latest news."""
    return {
        "institution": institution,
        "partnerships": published_partnerships(institution),
        "contacts": public_contacts(institution),
        "news": published_news(institution)[:NEWS_ON_LIST],
    }


def partnership_content(institution: Institution, slug: str) -> dict:
    """One published partnership (404 otherwise), the contacts for the partnerships and its news."""
    partnership = get_object_or_404(published_partnerships(institution), slug=slug)
    return {
        "institution": institution,
        "partnership": partnership,
        "contacts": public_contacts(institution),
        "news": published_news(institution).filter(partnerships=partnership),
    }
