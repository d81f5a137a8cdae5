"""``samverka generate``: realistic, valid, deterministic, beside the demo, and refuses bad requests."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.benchmark.generator import (
    SIZES,
    generate,
    generated_institutions,
    orgnumber,
    skewed_split,
)
from samverka.core.models import Institution
from samverka.demo.loader import load_demo
from samverka.directory.models import Organisation, Person
from samverka.lib.orgnumber import normalise_orgnumber
from samverka.partnerships.models import (
    STATUS_TRANSITIONS,
    Agreement,
    CoordinatorAssignment,
    FocusArea,
    Partnership,
    PartnershipStatus,
)
from tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db(transaction=True)  # generate() vacuums/analyses outside a transaction


def reachable_statuses() -> set[str]:
    """Statuses a partnership can reach from a new one along the allowed transitions."""
    seen, todo = {PartnershipStatus.PROSPECTIVE.value}, [PartnershipStatus.PROSPECTIVE.value]
    while todo:
        for following in STATUS_TRANSITIONS[todo.pop()]:
            if following not in seen:
                seen.add(str(following))
                todo.append(str(following))
    return seen


def snapshot(institution) -> list:
    activities = Activity.objects.in_institution(institution).order_by("pk")
    return [
        list(
            Organisation.objects.in_institution(institution).order_by("pk").values_list("name", "org_number")
        ),
        list(
            Person.objects.in_institution(institution).order_by("pk").values_list("first_name", "last_name")
        ),
        list(activities.values_list("title_sv", "title_en", "starts_on", "status", "type__code")),
        list(Partnership.objects.in_institution(institution).order_by("pk").values_list("slug", "status")),
    ]


def test_small_size_has_the_promised_numbers_and_leaves_the_demo_alone():
    demo = load_demo(with_users=False)
    demo_counts = (
        Activity.objects.in_institution(demo).count(),
        Partnership.objects.in_institution(demo).count(),
    )
    result = generate("small", seed=3)
    size = SIZES["small"]
    [institution] = result.institutions
    assert institution.is_generated is True
    assert list(generated_institutions()) == [institution]
    assert Activity.objects.in_institution(institution).count() == size.activities
    assert Person.objects.in_institution(institution).count() == size.people
    assert Organisation.objects.in_institution(institution).count() == size.organisations
    assert Partnership.objects.in_institution(institution).count() == size.partnerships
    assert demo.is_generated is False
    assert (
        Activity.objects.in_institution(demo).count(),
        Partnership.objects.in_institution(demo).count(),
    ) == demo_counts
    assert result.counts["activities"] == size.activities


def test_generated_records_pass_the_same_validation_as_user_input():
    [institution] = generate("small", seed=5).institutions
    for org in Organisation.objects.in_institution(institution):
        stored = org.org_number
        org.full_clean()
        assert org.org_number == stored  # already in the normal form
        if stored:
            assert normalise_orgnumber(stored) == stored
    for person in Person.objects.in_institution(institution):
        person.full_clean()
    for model in (Partnership, Agreement, FocusArea, CoordinatorAssignment):
        for record in model.objects.in_institution(institution):
            record.full_clean()
    for activity in Activity.objects.in_institution(institution).select_related("focus_area"):
        activity.full_clean()
    statuses = set(Partnership.objects.in_institution(institution).values_list("status", flat=True))
    assert statuses <= reachable_statuses()
    # Every partnership of the generated set has a current agreement period and focus areas.
    assert not Partnership.objects.in_institution(institution).filter(agreements=None).exists()
    assert not Partnership.objects.in_institution(institution).filter(focus_areas=None).exists()


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = snapshot(generate("small", seed=7).institutions[0])
    call_command("generate", "--delete", stdout=io.StringIO())
    again = snapshot(generate("small", seed=7).institutions[0])
    call_command("generate", "--delete", stdout=io.StringIO())
    other = snapshot(generate("small", seed=8).institutions[0])
    assert again == first
    assert other != first


def test_activities_are_skewed_like_real_data():
    [institution] = generate("small", seed=1).institutions
    per_partnership = sorted(
        (
            row["n"]
            for row in Activity.objects.in_institution(institution)
            .exclude(partnership=None)
            .order_by()
            .values("partnership")
            .annotate(n=Count("id"))
        ),
        reverse=True,
    )
    assert per_partnership[0] > 3 * per_partnership[len(per_partnership) // 2]
    # A FIQA-like project with sub-activities, and every collaboration form in use.
    assert Activity.objects.in_institution(institution).exclude(parent=None).count() > 10
    assert Activity.objects.in_institution(institution).values("type").distinct().count() == 12


def test_a_second_run_is_refused_and_changes_nothing():
    generate("small", seed=1)
    before = Activity.objects.count()
    with pytest.raises(CommandError, match="already holds generated data"):
        call_command("generate", "--size", "small", "--no-progress", stdout=io.StringIO())
    assert Activity.objects.count() == before
    assert generated_institutions().count() == 1


def test_unknown_size_is_refused():
    with pytest.raises(CommandError, match="invalid choice: 'huge'"):
        call_command("generate", "--size", "huge")
    with pytest.raises(CommandError, match="Choose --size"):
        call_command("generate")
    assert Institution.objects.count() == 0


def test_delete_removes_generated_data_only():
    demo = load_demo(with_users=False)
    demo_activities = Activity.objects.in_institution(demo).count()
    generate("small", seed=1)
    out = io.StringIO()
    call_command("generate", "--delete", stdout=out)
    assert "Removed 1 generated institution" in out.getvalue()
    assert list(Institution.objects.all()) == [demo]
    assert Activity.objects.count() == demo_activities
    assert Person.objects.exclude(institution=demo).count() == 0


def test_command_reports_time_memory_and_login(capsys):
    out = io.StringIO()
    call_command("generate", "--size", "small", "--no-progress", stdout=out)
    text = out.getvalue()
    assert "Generated small (seed 1)" in text
    assert "peak memory" in text
    assert "gen-samordnare" in text


@pytest.mark.django_db(transaction=False)
def test_split_and_organisation_numbers():
    shares = skewed_split(1000, 7, 1.6)
    assert sum(shares) == 1000
    assert shares == sorted(shares, reverse=True)
    assert skewed_split(10, 3, 0.0, minimum=2) == [4, 3, 3]
    assert orgnumber("556012", 579) == "556012-5790"  # AB Volvo, a real, valid number
    with pytest.raises(ValueError, match="serial too large"):
        orgnumber("2120", 123456)


def test_workspace_says_the_data_is_generated(client):
    generate("small", seed=1)
    log_in = {"username": "gen-samordnare", "password": "samverka-demo"}
    assert client.post(reverse("login"), log_in).status_code == 302
    page = client.get("/app/").content.decode()
    assert "genererade testdata" in page
    demo = load_demo(with_users=True)
    client.post(reverse("logout"))
    log_in = {"username": "samordnare", "password": "samverka-demo"}
    assert client.post(reverse("login"), log_in).status_code == 302
    page = client.get("/app/").content.decode()
    assert str(demo.name_sv) in page
    assert "genererade testdata" not in page


def test_demo_has_an_account_of_every_role_and_the_partner_sees_one_partnership(db):
    from samverka.core.models import Membership

    load_demo(with_users=True)
    assert set(Membership.objects.values_list("role", flat=True)) >= set(ROLES) - {"viewer"}
    client = client_for(Membership.objects.get(role="partner").user)
    page = client.get(reverse("partnerships:partnership-list")).content.decode()
    assert "Umeå kommun" in page
    assert "Volvo" not in page
