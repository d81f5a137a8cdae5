from samverka.core.forms import InstitutionModelForm
from samverka.news.models import NewsItem


class NewsItemForm(InstitutionModelForm):
    required_translated = ("title",)

    class Meta(InstitutionModelForm.Meta):
        model = NewsItem
        fields = [
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "body_sv",
            "body_en",
            "link",
            "published_on",
            "partnerships",
            "published",
        ]
