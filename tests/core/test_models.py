"""Validation and business rules of the records."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from samverka.core.models import AuditEntry
from samverka.lib.orgnumber import normalise_orgnumber
from samverka.partnerships.domain.operations import change_status
from samverka.partnerships.domain.queries import agreements_needing_attention, current_agreement
from samverka.partnerships.models import STATUS_TRANSITIONS, Agreement, PartnershipStatus
from tests import factories as f


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5560125790", "556012-5790"),
        ("556012-5790", "556012-5790"),
        (" 202100-2874 ", "202100-2874"),
    ],
)
def test_valid_organisation_numbers_are_normalised(raw, expected):
    assert normalise_orgnumber(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("55601257", "length"),
        ("556012-5791", "checksum"),
        ("55601A-5790", "format"),
        ("55601257901", "length"),
    ],
)
def test_invalid_organisation_numbers_are_refused_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as excinfo:
        normalise_orgnumber(raw)
    assert excinfo.value.code == code


def test_organisation_clean_refuses_a_parent_cycle(institution):
    group = f.OrganisationFactory(institution=institution, name="Volvokoncernen")
    trucks = f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar", parent=group)
    group.parent = trucks
    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()
    assert list(excinfo.value.message_dict) == ["parent"]


def test_organisation_number_is_unique_per_institution_only(institution, other_institution):
    f.OrganisationFactory(institution=institution, org_number="556012-5790")
    f.OrganisationFactory(institution=other_institution, org_number="556012-5790")
    f.OrganisationFactory(institution=institution, org_number="")
    f.OrganisationFactory(institution=institution, org_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.OrganisationFactory(institution=institution, org_number="556012-5790")


@pytest.mark.parametrize("old", PartnershipStatus.values)
@pytest.mark.parametrize("new", PartnershipStatus.values)
def test_status_transitions_follow_the_table(institution, coordinator, old, new):
    partnership = f.PartnershipFactory(institution=institution, status=old)
    if new in STATUS_TRANSITIONS[old]:
        change_status(partnership, new, actor=coordinator)
        partnership.refresh_from_db()
        assert partnership.status == new
        entry = AuditEntry.objects.get(action="partnerships.partnership.status_changed")
        assert entry.changes == {"status": {"before": old, "after": new}}
        assert entry.actor == coordinator
    else:
        with pytest.raises(ValidationError):
            change_status(partnership, new, actor=coordinator)
        partnership.refresh_from_db()
        assert partnership.status == old
        assert not AuditEntry.objects.exists()


def test_an_ended_partnership_stays_ended():
    assert STATUS_TRANSITIONS[PartnershipStatus.ENDED] == frozenset()


def test_agreement_cannot_end_before_it_starts_in_the_database(institution):
    partnership = f.PartnershipFactory(institution=institution)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(
            institution=institution,
            partnership=partnership,
            sequence=1,
            type="partnership_agreement",
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2023, 1, 1),
        )


def test_current_agreement_is_the_one_in_force_else_the_latest(institution):
    partnership = f.PartnershipFactory(institution=institution)
    first = f.AgreementFactory(
        partnership=partnership,
        sequence=1,
        starts_on=datetime.date(2015, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
    )
    second = f.AgreementFactory(
        partnership=partnership,
        sequence=2,
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
    )
    assert current_agreement([first, second], today=datetime.date(2017, 6, 1)) == first
    assert current_agreement([first, second], today=datetime.date(2020, 6, 1)) == second
    assert current_agreement([first, second], today=datetime.date(2030, 1, 1)) == second
    assert current_agreement([], today=datetime.date(2030, 1, 1)) is None


def test_agreements_needing_attention_uses_the_institutions_horizon(institution, other_institution):
    today = datetime.date(2026, 1, 1)
    institution.agreement_warning_months = 3
    institution.save()

    def partnership(title):  # one agreement each: a later agreement silences an earlier one
        return f.PartnershipFactory(institution=institution, title_sv=title)

    ending_soon = f.AgreementFactory(
        partnership=partnership("A"), sequence=1, ends_on=datetime.date(2026, 3, 15)
    )
    review_soon = f.AgreementFactory(
        partnership=partnership("B"), sequence=1, review_on=datetime.date(2026, 2, 1)
    )
    f.AgreementFactory(partnership=partnership("C"), sequence=1, ends_on=datetime.date(2026, 6, 1))  # too far
    f.AgreementFactory(partnership=partnership("D"), sequence=1, ends_on=datetime.date(2025, 12, 1))  # past
    ended = f.PartnershipFactory(institution=institution, status="ended")
    f.AgreementFactory(partnership=ended, sequence=1, ends_on=datetime.date(2026, 2, 1))
    f.AgreementFactory(
        partnership=f.PartnershipFactory(institution=other_institution),
        sequence=1,
        ends_on=datetime.date(2026, 2, 1),
    )
    assert list(agreements_needing_attention(institution, today=today)) == [
        ending_soon,
        review_soon,
    ]


def test_activity_focus_area_must_belong_to_its_partnership(institution):
    one = f.PartnershipFactory(institution=institution)
    other = f.PartnershipFactory(institution=institution)
    activity = f.ActivityFactory(
        institution=institution, partnership=one, focus_area=f.FocusAreaFactory(partnership=other)
    )
    with pytest.raises(ValidationError) as excinfo:
        activity.full_clean()
    assert "focus_area" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("precision", "expected_sv"),
    [("year", "2019"), ("month", "januari 2019"), ("day", "1 januari 2019")],
)
def test_start_is_shown_as_precisely_as_it_is_known(institution, precision, expected_sv):
    from django.utils import translation

    partnership = f.PartnershipFactory(
        institution=institution, start_date=datetime.date(2019, 1, 1), start_precision=precision
    )
    with translation.override("sv"):
        assert partnership.start_display == expected_sv


def test_the_next_agreement_number_after_a_deletion_is_not_a_taken_one(coordinator_client, institution):
    from django.urls import reverse

    from samverka.partnerships.domain.operations import next_agreement_sequence

    partnership = f.PartnershipFactory(institution=institution)
    agreements = [f.AgreementFactory(partnership=partnership, sequence=number) for number in (1, 2, 3)]
    agreements[1].delete()  # two left, numbered 1 and 3: count() + 1 would offer 3 again
    assert next_agreement_sequence(partnership.pk) == 4
    page = coordinator_client.get(reverse("partnerships:agreement-create"), {"partnership": partnership.pk})
    assert page.context["form"].initial["sequence"] == 4
    assert next_agreement_sequence(f.PartnershipFactory(institution=institution).pk) == 1
