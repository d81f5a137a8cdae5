import datetime
import itertools
import re
from typing import Any, cast

from django import forms, template
from django.apps import apps
from django.conf import settings
from django.contrib.messages import constants
from django.forms import BoundField
from django.forms.utils import flatatt
from django.http import QueryDict
from django.template import Context
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samverka.core import language
from samverka.core.language import lang_attribute, page_in_language, text_in
from samverka.core.permissions import Action, Policy

register = template.Library()


@register.simple_tag
def lang(value: Any, field: str = "") -> str:
    """`` lang="sv"`` for the element that shows ``value`` (or the record ``value``'s translated
    ``field``) when it is in another language than the page: ``<h1{% lang object %}>``."""
    return lang_attribute(text_in(value, field) if field else value)


@register.filter
def text_of(obj: Any, field: str) -> str:
    """A record's translated ``field`` as HTML, marked with its language where it falls back."""
    return language.in_its_language(text_in(obj, field))


@register.filter
def any_error(messages: Any) -> bool:
    """Is one of the request's messages an error (a refused step)?"""
    return any(message.level >= constants.ERROR for message in messages)


@register.filter
def as_written(value: Any) -> Any:
    """A text typed in one language, knowing the language its words are in: ``{% lang text|as_written %}``
    marks the element that holds it."""
    return language.as_written(value)


@register.filter
def written(value: Any) -> str:
    """A text typed in one language (a decision, a comment), in a ``<span lang>`` when its words are
    in another language than the page."""
    return language.in_its_language(language.as_written(value))


@register.filter
def written_lines(value: Any) -> str:
    """As ``written``, keeping the text's line breaks (``linebreaksbr``)."""
    html = linebreaksbr(value, autoescape=True)
    lang = language.language_of_text(language.as_written(value))
    return format_html('<span lang="{}">{}</span>', lang, html) if lang else html


@register.filter
def in_its_language(value: Any) -> str:
    """``value``, in a ``<span lang>`` when it is in another language than the page."""
    return language.in_its_language(value)


def _label_attrs(field: BoundField) -> dict[str, str | bool] | None:
    """A label that is a name in another language than the page (a focus area's) says so."""
    lang = language.language_of_text(field.label)
    return {"lang": lang} if lang else None


@register.filter
def label_tag(field: BoundField) -> str:
    """The field's ``<label>``, marked with its language (``core.language``)."""
    return field.label_tag(attrs=_label_attrs(field))


@register.filter
def legend_tag(field: BoundField) -> str:
    """The group's ``<legend>``, marked with its language (``core.language``)."""
    return field.legend_tag(attrs=_label_attrs(field))


@register.filter
def marked_legend(field: BoundField) -> str:
    """A group's legend with the visible mark of a required field in it: hidden from screen
    readers (the group's name stays the legend's words), they hear "required" from the fields."""
    return field.legend_tag(
        format_html("{}{}", field.label, render_to_string("core/forms/required_mark.html")),
        attrs=_label_attrs(field),
    )


@register.filter
def has_required(form: forms.BaseForm) -> bool:
    """Does the form have a visible field that must be filled in (and so a mark to explain)?"""
    return any(field.field.required for field in form.visible_fields())


@register.simple_tag
def select_options(widget: dict[str, Any]) -> str:
    """A select's options and groups (its ``optgroups``), each marked with its language when it is
    in another language than the page: written here, since a template loop over the 200 options
    of a list's filters was a fifth of the page's time (issue 25)."""
    html = []
    for group, options, _index in widget["optgroups"]:
        written = mark_safe("".join(_option(option) for option in options))  # noqa: S308 -- escaped by _option
        if group:
            html.append(
                format_html(
                    '\n  <optgroup label="{}"{}>{}\n  </optgroup>', group, lang_attribute(group), written
                )
            )
        else:
            html.append(written)
    return mark_safe("".join(html))  # noqa: S308 -- each part escaped by format_html


def _option(option: dict[str, Any]) -> str:
    return format_html(
        '\n  <option value="{}"{}{}>{}</option>\n',
        str(option["value"]),
        flatatt(option["attrs"]),
        lang_attribute(option["label"]),
        option["label"],
    )


@register.simple_tag
def sort_query(querystring: str, current: str, key: str) -> str:
    """Query string that sorts by ``key``, toggling the direction if already sorted by it."""
    query = QueryDict(querystring, mutable=True)
    query["o"] = f"-{key}" if current == key else key
    return query.urlencode()


@register.simple_tag
def page_query(querystring: str, page: int) -> str:
    return f"{querystring}&{urlencode({'page': page})}" if querystring else urlencode({"page": page})


@register.filter
def sort_state(current: str, key: str) -> str:
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"


@register.simple_tag(takes_context=True)
def language_links(context: Context) -> list[tuple[str, str]]:
    """(language, address of this page in that language) for every other language."""
    path = context["request"].get_full_path()
    current = get_language()
    return [(code, page_in_language(path, code)) for code, _name in settings.LANGUAGES if code != current]


@register.filter
def may(policy: Policy | None, action_and_label: str) -> bool:
    """``{% if policy|may:"invite access.invitation" %}``: may the user do this to such records at all?"""
    action, label = action_and_label.split()
    return policy is not None and policy.allows(cast(Action, action), apps.get_model(label))


@register.filter
def minutes(delta: datetime.timedelta) -> int:
    """Whole minutes of a timedelta, rounded up (a lock-out of 14 min 30 s says 15)."""
    return -(-int(delta.total_seconds()) // 60)


CAPTION = re.compile(r"<caption(?P<attrs>[^>]*)>")
CAPTION_ID = re.compile(r'\bid="(?P<id>[^"]+)"')


class ScrollableNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        table = self.nodelist.render(context)
        caption = CAPTION.search(table)
        if caption is None:
            raise template.TemplateSyntaxError("{% scrollable %} needs a table with a <caption>.")
        named = CAPTION_ID.search(caption["attrs"])
        if named:
            label = named["id"]
        else:  # numbered in the page (its includes too): a page may show the same table twice
            owner: Any = context.get("request") or context.render_context
            if not hasattr(owner, "samverka_tables"):
                owner.samverka_tables = itertools.count(1)
            label = f"caption-of-table-{next(owner.samverka_tables)}"
            table = f'{table[: caption.end() - 1]} id="{label}">{table[caption.end() :]}'
        return format_html(
            '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{}">{}</div>',
            label,
            mark_safe(table),  # noqa: S308 -- the template's own rendering, escaped as it rendered
        )


@register.tag
def scrollable(parser: template.base.Parser, token: template.base.Token) -> ScrollableNode:
    """``{% scrollable %}<table>…</table>{% endscrollable %}``: a table wider than the screen
    scrolls inside a region of its own, named by the table's caption and reachable by keyboard,
    never the page (WCAG 1.4.10 Reflow at 320 CSS px; ``docs/architecture.md``)."""
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(nodelist)
