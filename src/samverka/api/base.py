"""What every API resource shares: authentication, the policy layer, filters, pages, writes, JSON errors.

A resource is a ``RecordViewSet`` with a model, a serializer, the
workspace's own filter set and the workspace's own form: the API lists,
filters and sorts exactly as the lists in the workspace do, saves through the
same form and ``core.domain.records`` (audit trail, optimistic lock), and
every request asks the same ``Policy`` (``core.permissions``) the pages ask.

A write is checked twice, each check in its one place: the serializer checks
the JSON's shape (types, lengths, choices), the form the rules (required
Swedish title, dates in order, records of the user's institution, …).
"""

import functools
from typing import Any

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.validators import UniqueValidator
from rest_framework.views import exception_handler, set_rollback

from samverka.api.permissions import PolicyPermission
from samverka.core.domain.records import (
    MIN_REASON,
    NOT_PERMITTED,
    ReasonRequired,
    StaleRecordError,
    create_record,
    delete_record,
    update_record,
)
from samverka.core.forms import model_field_of
from samverka.core.pagination import CappedPaginator, stable_order
from samverka.core.permissions import Action, policy_for
from samverka.core.references import ReferenceField, ReferencesField
from samverka.core.refusals import REASON_NEEDED, REFUSALS, refusal_of
from samverka.lib.textmatch import MAX_RECORD_NUMBER
from samverka.lib.years import YEAR_OUT_OF_RANGE


class PolicyFilterBackend(DjangoFilterBackend):
    """The workspace's filter sets, given the user's policy (their choices are scoped by it)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["policy"] = policy_for(request)
        return kwargs


class Pages(PageNumberPagination):
    """Pages of ``SAMVERKA_PAGE_SIZE`` rows (``?page_size=`` up to 200); counts capped as in the workspace."""

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        self.page_size = settings.SAMVERKA_PAGE_SIZE
        return super().get_page_size(request)


class RecordId(serializers.PrimaryKeyRelatedField):
    """A related record, by its number. Only the shape is checked here: which records may be
    linked (the user's institution, the partnerships in reach) is the form's question, so a
    record of another institution is "not a valid choice", never "does not exist"."""

    def to_internal_value(self, data):
        return serializers.IntegerField(min_value=1, max_value=MAX_RECORD_NUMBER).run_validation(data)


class DateTime(serializers.DateTimeField):
    """A time; one whose offset takes it off the calendar says which years are taken, as the form
    says of any year outside them (``core.forms.guard_years``)."""

    default_error_messages = {"overflow": YEAR_OUT_OF_RANGE}


def unsaved_form(form_class, *, saved: bool):
    """The workspace form of a new record, or of a saved one, as it stands before any input: what
    it asks of each field. Touches no database (a saved record's links are taken as none)."""
    model = form_class._meta.model
    instance = model()
    if saved:
        instance.pk = instance.version = 1
        instance._state.adding = False
        instance._prefetched_objects_cache = {
            field.name: field.related_model.objects.none() for field in model._meta.many_to_many
        }
    return form_class(instance=instance, institution=None)


@functools.cache
def form_rules(form_class, *, saved: bool) -> dict[str, dict]:
    """Serializer arguments for the fields of ``form_class``, as the form treats them when it saves a
    new record (``saved=False``: POST) or changes one (PUT, PATCH), so the schema says what the
    server does:

    - required exactly when the form requires it (a default in the model does not make a field
      optional when the form asks for it); empty text, null and the like stay the form's to refuse,
      with its messages;
    - a field the form does not require and the model has a default for takes that default when
      left out (a box left unticked on the page is false; left out of JSON it is the default);
    - read-only where the form of a saved record does not take the field (removed or disabled:
      a partnership's status, an assessment's year).
    """
    form = unsaved_form(form_class, saved=saved)
    rules = {}
    for name in form_class._meta.fields:
        field = form.fields.get(name)
        if field is None or field.disabled:
            rules[name] = {"read_only": True}
            continue
        model_field = model_field_of(form_class._meta.model, name)
        rule = rules[name] = {"required": field.required}
        if not field.required and isinstance(model_field, models.CharField | models.TextField):
            rule["allow_blank"] = True  # as the form takes it (a slug made from the title)
        if not field.required and model_field is not None and model_field.has_default():
            rule["default"] = model_field.default
    return rules


class RecordSerializer(serializers.ModelSerializer):
    """A record as JSON; its ``internal_fields`` are left out for partner representatives.

    Its writable fields are the workspace form's (``form_class``), required, defaulted and
    read-only as that form treats them (``form_rules``): for a new record, or with ``saved``
    for a change of one.
    """

    form_class: Any = None
    saved = False

    # A web or e-mail address may be empty (""), which an OpenAPI "uri" or "email" is not: "string".
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
        models.EmailField: serializers.CharField,
        models.DateTimeField: DateTime,
    }
    serializer_related_field = RecordId

    def build_standard_field(self, field_name, model_field):
        # Uniqueness is the form's rule, within the institution (a unique check here would
        # look across institutions).
        cls, kwargs = super().build_standard_field(field_name, model_field)
        validators = [v for v in kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        if validators:
            kwargs["validators"] = validators
        else:
            kwargs.pop("validators", None)
        return cls, kwargs

    def get_extra_kwargs(self):
        extra = super().get_extra_kwargs()
        if self.form_class is not None:
            for name, rule in form_rules(self.form_class, saved=self.saved).items():
                extra[name] = {**rule, **extra.get(name, {})}
        return extra

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        # Uniqueness is the form's rule: it makes nothing required, defaulted or hidden here.
        return extra_kwargs, {}

    def get_validators(self):
        return []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not policy_for(request).sees_internal:
            for name in getattr(type(instance), "internal_fields", ()):
                data.pop(name, None)
        return data


def form_data(form, payload: dict, *, partial: bool) -> dict:
    """The JSON body as the workspace form reads a POST: references as "#number", the version
    as ``expected_version``; for a partial update, what the body leaves out as the record has it."""
    data = {}
    for name, field in form.fields.items():
        key = "version" if name == "expected_version" else name
        references = isinstance(field, ReferenceField | ReferencesField)
        if key in payload:
            value = payload[key]
        elif partial:  # the record's own value (references as records or numbers: no lookup)
            value = form.initial.get(name) if references else form[name].value()
        else:
            continue
        if isinstance(field, ReferencesField):
            value = "\n".join(f"#{field.number(item)}" for item in value or [])
        elif isinstance(field, ReferenceField):
            value = f"#{field.number(value)}" if value is not None else ""
        data[name] = value
    return data


def form_errors(form) -> dict:
    """{field: [messages]} as the API names the fields; errors of the whole record as ``detail``."""
    errors: dict[str, str | list[str]] = {}
    for name, messages in form.errors.items():
        if name == "__all__":
            errors["detail"] = " ".join(messages)
        else:
            errors["version" if name == "expected_version" else name] = list(messages)
    return errors


class ClientLanguage:
    """A view of the API that answers, errors and all, in the client's language (Accept-Language),
    Swedish by default: the API has no language prefix in its addresses as the pages have."""

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request))
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response


def reason_needed_for_deletion() -> str:
    return _(
        "Give the reason for deleting this record (?reason=…, at least %(count)d "
        "characters): it goes into the audit trail."
    ) % {"count": MIN_REASON}


class RecordViewSet(ClientLanguage, viewsets.ModelViewSet):
    """List, read, create, change and delete the records of one kind, as the user may."""

    permission_classes = [PolicyPermission]
    filter_backends = [PolicyFilterBackend]
    pagination_class = Pages
    form_class: Any = None  # the workspace form: the rules of every write
    change_serializer_class = None  # PUT and PATCH: the version read, the rules of a saved record's form
    # action: (field, message or a function of none) of a missing reason (``refused``)
    reason_fields: dict = {"destroy": ("reason", reason_needed_for_deletion)}

    def get_serializer_class(self):
        if self.action in ("update", "partial_update") and self.change_serializer_class is not None:
            return self.change_serializer_class
        return super().get_serializer_class()

    def base_queryset(self):
        """The records before the policy narrows them (annotated as the workspace list is)."""
        return self.queryset.model.objects.all()

    def get_queryset(self):
        model = self.queryset.model
        policy = policy_for(self.request)
        # Related records the rows show by id are loaded with the page, in one query each.
        shown = set(self.get_serializer_class().Meta.fields)
        many = [f.name for f in model._meta.many_to_many if f.name in shown]
        # Records the user sees but may not change answer 403 (``PolicyPermission``), as on the pages.
        return policy.scope(self.base_queryset().prefetch_related(*many), "view")

    def filter_queryset(self, queryset):
        # Sorted as the workspace's list is, whatever ``?o=`` asked for, with a unique last key.
        return stable_order(super().filter_queryset(queryset))

    # --- writes: the workspace's form and core.domain.records ---------------------------

    def _saved(self, obj, status_code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=obj.pk).first() or obj  # as the list shows it
        return Response(self.get_serializer(fresh).data, status=status_code)

    def _valid_form(self, instance, *, partial: bool, action: Action):
        """The workspace form, valid and permitted, else the error the client gets (400 or 403)."""
        shape = self.get_serializer(instance, data=self.request.data, partial=partial)
        shape.is_valid(raise_exception=True)
        policy = policy_for(self.request)
        as_loaded = self.form_class(instance=instance, institution=policy.institution)
        form = self.form_class(
            data=form_data(as_loaded, shape.validated_data, partial=partial),
            instance=instance,
            institution=policy.institution,
            partnerships=policy.partnership_choices(action, type(instance)),
            policy=policy,
        )
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        if not policy.permits(action, form.instance):
            raise PermissionDenied(NOT_PERMITTED)
        return form

    def create(self, request, *args, **kwargs):
        policy = policy_for(request)
        instance = self.queryset.model(institution=policy.institution, created_by=request.user)
        form = self._valid_form(instance, partial=False, action="add")
        obj = create_record(form, institution=policy.institution, actor=request.user)
        return self._saved(obj, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        obj = self.get_object()
        if "version" not in request.data:
            raise ValidationError(
                {"version": [_("Send the version of the record you read, so no one's change is lost.")]}
            )
        form = self._valid_form(obj, partial=partial, action="change")
        obj = update_record(form, actor=request.user, expected_version=form.cleaned_data["expected_version"])
        return self._saved(obj)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        delete_record(obj, actor=request.user, reason=str(request.query_params.get("reason", "")))
        return Response(status=status.HTTP_204_NO_CONTENT)


NOT_FOUND = gettext_lazy("There is no such record, or not one you may see.")
# A stale version, as the API says it (the workspace's message speaks of its form).
STALE = gettext_lazy(
    "Someone else saved this record after you read it: read it again, then send "
    "your changes with its new version."
)


def refused(exc, view) -> Response:
    """The domain's refusal (``core.refusals``) as JSON: {"detail": message}, or {field: [message]}
    for a missing reason (the field a view's ``reason_fields`` names for its action, else "reason")."""
    refusal = refusal_of(exc)
    if isinstance(exc, ReasonRequired):
        fields = getattr(view, "reason_fields", {})
        field, message = fields.get(getattr(view, "action", None), ("reason", REASON_NEEDED))
        return Response({field: [str(message() if callable(message) else message)]}, status=refusal.status)
    message = STALE if isinstance(exc, StaleRecordError) else refusal.message
    return Response({"detail": str(message)}, status=refusal.status)


def json_errors(exc, context):
    """Every error as JSON: {"detail": …} or {field: [messages]}, with the status of the error.
    A record not found says so in the client's language (Django's own message is English)."""
    if isinstance(exc, Http404):
        exc = NotFound(NOT_FOUND)
    if isinstance(exc, REFUSALS):
        set_rollback()
        return refused(exc, context.get("view"))
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"detail": response.data}
    return response
