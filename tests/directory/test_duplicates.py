"""Likely duplicates of organisations and people, and merging them (directory.domain)."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from samverka.access.models import Invitation
from samverka.core.audit import record_event
from samverka.core.models import AuditEntry, Membership
from samverka.directory.domain.duplicates import (
    OrganisationMatcher,
    PersonMatcher,
    dismiss_pair,
    duplicate_pairs,
    normalise_text,
    organisation_key,
    person_key,
)
from samverka.directory.domain.merge import (
    MergeRefused,
    MergeStale,
    link_counts,
    links_to,
    merge_records,
)
from samverka.directory.models import DuplicateDismissal, Organisation, Person
from samverka.partnerships.models import Agreement, CoordinatorAssignment
from samverka.search.models import SearchEntry
from tests import factories as f

# --- the rules ---------------------------------------------------------------------------


def test_names_are_normalised_for_matching_keeping_å_ä_ö():
    assert normalise_text("  Umeå   Kommun, (Miljö)–kontoret ") == "umeå kommun miljö kontoret"
    assert normalise_text("Umea\u030a") == "umeå"  # a + combining ring is å (NFKC), not a
    assert normalise_text("ＶＯＬＶＯ") == "volvo"  # full-width letters
    assert organisation_key("Umeå kommun") != organisation_key("Umea kommun")
    assert organisation_key("Åre") != organisation_key("Are")


@pytest.mark.parametrize(
    "name",
    [
        "Volvo Lastvagnar AB",
        "Volvo Lastvagnar AB (publ)",
        "AB Volvo Lastvagnar",
        "Volvo Lastvagnar Aktiebolag",
        "VOLVO LASTVAGNAR, HB",
        "Volvo Lastvagnar KB",
        "Volvo Lastvagnar ek. för.",
        "volvo-lastvagnar",
    ],
)
def test_company_forms_are_ignored_in_organisation_names(name):
    assert organisation_key(name) == "volvo lastvagnar"


def test_a_name_that_is_only_a_company_form_is_kept():
    assert organisation_key("AB") == "ab"


def test_a_person_named_surname_first_is_the_same_name():
    assert person_key("Anna", "Andersson") == person_key("ANDERSSON,", "anna") == "andersson anna"


@pytest.fixture
def inst(institution):
    return institution


def org(inst, name, number=""):
    return f.OrganisationFactory(institution=inst, name=name, org_number=number)


def pairs_of(inst, kind):
    return [(p.low_id, p.high_id, p.rule, p.score) for p in duplicate_pairs(inst, kind)]


def test_organisations_with_near_identical_names_are_likely_duplicates(inst):
    a = org(inst, "Skellefteå kommun")
    b = org(inst, "Skelleftea kommun")
    c = org(inst, "Volvo Lastvagnar AB", "556012-5790")
    d = org(inst, "Volvo Lastvagnar")
    org(inst, "Region Västerbotten")
    org(inst, "Region Norrbotten")  # 78 %: not near-identical
    assert pairs_of(inst, "organisation") == [(c.pk, d.pk, "name", 100), (a.pk, b.pk, "similar_name", 94)]


def test_organisations_with_different_numbers_are_two_legal_entities(inst):
    org(inst, "Nordic Bygg AB", "556012-5790")
    org(inst, "Nordic Bygg HB", "202100-5489")
    assert pairs_of(inst, "organisation") == []


def test_people_with_the_same_e_mail_are_likely_duplicates_wherever_they_are(inst):
    volvo, region = org(inst, "Volvo"), org(inst, "Region")
    a = f.PersonFactory(institution=inst, side="partner", organisation=volvo, email="Anna@Volvo.se ")
    b = f.PersonFactory(institution=inst, side="partner", organisation=region, email="anna@volvo.se")
    assert pairs_of(inst, "person") == [(a.pk, b.pk, "email", 100)]


def test_people_with_near_identical_names_only_at_the_same_place_or_a_blank_one(inst):
    volvo, region = org(inst, "Volvo"), org(inst, "Region")

    def person(first, last, organisation=None):
        side = "partner" if organisation else "university"
        return f.PersonFactory(
            institution=inst, first_name=first, last_name=last, side=side, organisation=organisation
        )

    a = person("Erik", "Lind", volvo)
    b = person("Eric", "Lind", volvo)  # 88 % at the same organisation
    person("Erik", "Lind", region)  # the same name elsewhere: another person
    c = person("Johan", "Nilsson", volvo)
    person("Jonas", "Nilsson", volvo)  # 85 %: not near-identical
    d = person("Nilsson", "Johan")  # no organisation, surname first
    assert pairs_of(inst, "person") == [(c.pk, d.pk, "name", 100), (a.pk, b.pk, "similar_name", 88)]


def test_anonymised_people_are_never_matched(inst):
    f.PersonFactory(institution=inst, email="a@example.se")
    gone = f.PersonFactory(institution=inst, email="a@example.se")
    Person.objects.filter(pk=gone.pk).update(anonymised_at="2025-01-01T00:00:00Z")
    assert pairs_of(inst, "person") == []


def test_another_institutions_records_are_never_pairs(inst, other_institution):
    org(inst, "Volvo Lastvagnar")
    org(other_institution, "Volvo Lastvagnar")
    assert pairs_of(inst, "organisation") == []


def test_reasons_are_in_the_users_language(inst):
    org(inst, "Skellefteå kommun")
    org(inst, "Skelleftea kommun")
    (pair,) = duplicate_pairs(inst, "organisation")
    with translation.override("sv"):
        assert pair.reason == "liknande namn (94 %)"
    with translation.override("en"):
        assert pair.reason == "similar names (94 %)"


def test_a_dismissed_pair_is_not_listed_again_and_is_logged(inst, coordinator):
    a, b = org(inst, "Umeå Energi"), org(inst, "Umeå Energi AB")
    dismiss_pair(b, a, actor=coordinator)
    dismiss_pair(a, b, actor=coordinator)  # twice: still one mark, one entry
    assert pairs_of(inst, "organisation") == []
    assert len(duplicate_pairs(inst, "organisation", include_dismissed=True)) == 1
    mark = DuplicateDismissal.objects.get()
    assert (mark.kind, mark.low_id, mark.high_id, mark.dismissed_by) == (
        "organisation",
        a.pk,
        b.pk,
        coordinator,
    )
    entry = AuditEntry.objects.get(action="directory.organisation.not_duplicate")
    assert (entry.object_id, entry.changes) == (
        a.pk,
        {"not a duplicate of": {"before": None, "after": f"#{b.pk} Umeå Energi AB"}},
    )


# --- the import's matcher ------------------------------------------------------------------


def test_organisation_matcher_finds_the_record_an_import_row_updates(inst, django_assert_num_queries):
    volvo = org(inst, "Volvo Lastvagnar AB", "556012-5790")
    region = org(inst, "Region Västerbotten")
    org(inst, "Umeå kommun")
    org(inst, "Umeå kommun AB")
    with django_assert_num_queries(1):
        matcher = OrganisationMatcher.for_institution(inst)
    with django_assert_num_queries(0):
        assert matcher.exact(org_number="5560125790", name="Anything") == volvo.pk
        assert matcher.exact(name="region västerbotten") == region.pk
        assert matcher.exact(name="Umeå kommun") is None  # two of that name: the import asks
        assert matcher.exact(name="Volvo Lastvagnar", org_number="202100-5489") is None  # another entity
        assert matcher.exact(name="Nytt AB") is None
        assert matcher.exact(name="Region Västerbotten", org_number="not a number") == region.pk


def test_organisation_matcher_lists_likely_duplicates_best_first(inst):
    volvo = org(inst, "Volvo Lastvagnar AB", "556012-5790")
    near = org(inst, "Volvo Lastvagnr")
    matcher = OrganisationMatcher.for_institution(inst)
    with translation.override("en"):
        assert matcher.similar(name="Volvo Lastvagnar", org_number="556012-5790") == [
            (volvo.pk, "same organisation number", 100),
            (near.pk, "similar names (96 %)", 96),
        ]
        assert matcher.similar(name="Volvo Lastvagnar", exclude=volvo.pk) == [
            (near.pk, "similar names (96 %)", 96)
        ]
        assert matcher.similar(name="Något helt annat") == []


def test_rows_added_to_the_matcher_match_later_rows_of_the_same_file(inst):
    matcher = OrganisationMatcher.for_institution(inst)
    matcher.add(-2, name="Norrlands Energi AB", org_number="556012-5790")
    assert matcher.exact(org_number="556012-5790") == -2
    assert [c.record_id for c in matcher.similar(name="Norrlands Energi")] == [-2]


def test_person_matcher_finds_the_record_an_import_row_updates(inst, django_assert_num_queries):
    volvo = org(inst, "Volvo")
    anna = f.PersonFactory(
        institution=inst,
        first_name="Anna",
        last_name="Berg",
        side="partner",
        organisation=volvo,
        email="A@volvo.se",
    )
    bo = f.PersonFactory(
        institution=inst, first_name="Bo", last_name="Ek", side="partner", organisation=volvo
    )
    with django_assert_num_queries(1):
        matcher = PersonMatcher.for_institution(inst)
    assert matcher.exact(email="a@VOLVO.se") == anna.pk
    assert matcher.exact(first_name="Bo", last_name="Ek", organisation_id=volvo.pk) == bo.pk
    assert matcher.exact(first_name="Bo", last_name="Ek") is None  # no place: not sure enough
    with translation.override("en"):
        assert matcher.similar(first_name="Ana", last_name="Berg", organisation_id=volvo.pk) == [
            (anna.pk, "similar names (94 %)", 94)
        ]
        assert matcher.similar(first_name="Someone", last_name="Else", email="a@volvo.se") == [
            (anna.pk, "same e-mail address", 100)
        ]


# --- merging -------------------------------------------------------------------------------


def linked_organisation(inst, **kwargs):
    """An organisation linked from every relation there is to organisations (``LINKED``)."""
    organisation = f.OrganisationFactory(institution=inst, **kwargs)
    f.OrganisationFactory(institution=inst, parent=organisation)
    f.PersonFactory(institution=inst, side="partner", organisation=organisation)
    partnership = f.PartnershipFactory(institution=inst, organisations=[organisation])
    f.ActivityFactory(institution=inst).organisations.add(organisation)
    f.InvitationFactory(partnership=partnership, organisation=organisation)
    f.MembershipFactory(institution=inst, role="partner", organisation=organisation)
    f.InteractionFactory(partnership=partnership, organisation=organisation)
    f.AffiliationFactory(person__institution=inst, organisation=organisation)
    f.UnitFactory(institution=inst, organisation=organisation, kind="division")
    return organisation


def linked_person(inst, **kwargs):
    """A person linked from every relation there is to people (``LINKED``)."""
    person = f.PersonFactory(institution=inst, **kwargs)
    f.AgreementFactory(partnership=f.PartnershipFactory(institution=inst)).signatories.add(person)
    f.CoordinatorAssignmentFactory(person=person)
    f.ActivityFactory(institution=inst).people.add(person)
    seat = f.BodyMemberFactory(body__partnership__institution=inst, person=person)
    meeting = f.MeetingFactory(body=seat.body)
    f.AgendaItemFactory(meeting=meeting, presenter=person)
    f.AttendanceFactory(meeting=meeting, person=person)
    f.AttendanceFactory(meeting=meeting, status="substitute", substitute_for=person)
    f.ActionItemFactory(body=seat.body, owner=person)
    from samverka.governance.domain.meetings import approve_minutes

    approve_minutes(meeting, adjusters=[person], actor=None, expected_version=meeting.version)
    profile = f.ExpertProfileFactory(institution=inst, person=person)
    f.IdeaContactFactory(idea__partnership__institution=inst, profile=profile, person=person)
    f.InteractionFactory(partnership__institution=inst).people.add(person)
    f.AffiliationFactory(person=person, organisation__institution=inst)
    return person


# Every relation to the two kinds, as the linked_* builders above make them. A relation added
# later fails test_every_relation_is_moved_and_tested until it is built there too.
LINKED = {
    Organisation: {
        "core.membership.organisation",
        "access.invitation.organisation",
        "directory.organisation.parent",
        "directory.person.organisation",
        "partnerships.partnership_organisations.organisation",
        "activities.activity_organisations.organisation",
        "interactions.interaction.organisation",
        "directory.affiliation.organisation",
        "directory.unit.organisation",
    },
    Person: {
        "partnerships.agreement_signatories.person",
        "partnerships.coordinatorassignment.person",
        "activities.activity_people.person",
        "governance.bodymember.person",
        "governance.agendaitem.presenter",
        "governance.attendance.person",
        "governance.attendance.substitute_for",
        "governance.actionitem.owner",
        "governance.minutesversion_adjusters.person",
        "ideas.expertprofile.person",
        "ideas.ideacontact.person",
        "interactions.interaction_people.person",
        "directory.affiliation.person",
    },
}


@pytest.mark.parametrize("model", [Organisation, Person])
def test_every_relation_is_moved_and_tested(model):
    """Every relation Django knows to the kind (``_meta.related_objects``, hidden ones too) is one
    the merge moves (``links_to``) and one the merge tests below build."""
    moved = {link.name for link in links_to(model)}
    for related in model._meta.related_objects:
        field = related.field
        if field.many_to_many:
            through = field.remote_field.through._meta
            name = f"{through.label_lower}.{field.m2m_reverse_field_name()}"
        else:
            name = f"{field.model._meta.label_lower}.{field.name}"
        assert name in moved
    assert moved == LINKED[model]


def links_of(obj) -> dict[str, int]:
    return {
        link.name: link.model._default_manager.filter(**{link.field.name: obj.pk}).count()
        for link in links_to(type(obj))
    }


def history(obj):
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def test_merging_organisations_moves_every_link_and_its_history(inst, coordinator):
    survivor = linked_organisation(inst, name="Volvo Lastvagnar", website="")
    duplicate = linked_organisation(
        inst, name="Volvo Lastvagnar AB", org_number="556012-5790", website="https://volvo.example.se/"
    )
    shared = f.PartnershipFactory(institution=inst, organisations=[survivor, duplicate])
    record_event(institution=inst, actor=coordinator, action="directory.organisation.updated", obj=duplicate)
    before = {name: links_of(survivor)[name] + links_of(duplicate)[name] for name in links_of(survivor)}
    old_history = history(survivor).count() + history(duplicate).count()

    merged = merge_records(
        survivor,
        duplicate,
        actor=coordinator,
        survivor_version=survivor.version,
        duplicate_version=duplicate.version,
        keep={"name": "duplicate"},
    )

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    links = links_of(merged)
    through = "partnerships.partnership_organisations.organisation"
    assert links == {**before, through: before[through] - 1}  # the shared partnership: linked once
    assert list(shared.organisations.all()) == [merged]
    assert Membership.objects.filter(organisation=merged).count() == 2
    assert Invitation.objects.filter(organisation=merged).count() == 2
    assert (merged.name, merged.org_number, merged.website) == (
        "Volvo Lastvagnar AB",
        "556012-5790",
        "https://volvo.example.se/",
    )
    assert merged.version == survivor.version + 1
    entry = history(merged).get(action="directory.organisation.merged")
    assert entry.actor == coordinator
    assert entry.changes["merged record"] == {"before": f"#{duplicate.pk} Volvo Lastvagnar AB", "after": None}
    assert entry.changes["name"] == {"before": "Volvo Lastvagnar", "after": "Volvo Lastvagnar AB"}
    assert entry.changes["org_number"] == {"before": "", "after": "556012-5790"}
    assert history(merged).count() == old_history + 1
    assert not history(duplicate).exists()


def test_merging_people_moves_every_link(inst, coordinator):
    survivor = linked_person(inst, first_name="Anna", last_name="Berg", phone="")
    duplicate = linked_person(inst, first_name="Ana", last_name="Berg", phone="090-123", email="anna@umu.se")
    activity = f.ActivityFactory(institution=inst)
    activity.people.add(survivor, duplicate)
    before = {name: links_of(survivor)[name] + links_of(duplicate)[name] for name in links_of(survivor)}

    merged = merge_records(survivor, duplicate, actor=coordinator, survivor_version=1, duplicate_version=1)

    assert links_of(merged) == {
        **before,
        "activities.activity_people.person": before["activities.activity_people.person"] - 1,
    }
    assert list(activity.people.all()) == [merged]
    assert Agreement.objects.filter(signatories=merged).count() == 2
    assert CoordinatorAssignment.objects.filter(person=merged).count() == 2
    assert (merged.first_name, merged.phone, merged.email) == ("Anna", "090-123", "anna@umu.se")
    assert not Person.objects.filter(pk=duplicate.pk).exists()


def test_the_search_index_follows_a_merge(inst, coordinator):
    survivor = f.OrganisationFactory(institution=inst, name="Norrlands Energi")
    duplicate = f.OrganisationFactory(
        institution=inst, name="Norrlands Energi AB", website="https://ne.example.se/"
    )
    merge_records(survivor, duplicate, actor=coordinator, survivor_version=1, duplicate_version=1)
    content_type = ContentType.objects.get_for_model(Organisation)
    entries = SearchEntry.objects.filter(content_type=content_type)
    assert list(entries.values_list("object_id", flat=True)) == [survivor.pk]
    assert "example" in entries.get().terms_body  # the website came from the duplicate


def test_a_merged_pair_leaves_the_duplicates_list(inst, coordinator):
    """The pairs are cached (``core.cache``): the merge itself makes them be found again."""
    a, b = org(inst, "Umeå Energi"), org(inst, "Umeå Energi AB")
    assert pairs_of(inst, "organisation") == [(a.pk, b.pk, "name", 100)]
    merge_records(a, b, actor=coordinator, survivor_version=1, duplicate_version=1)
    assert pairs_of(inst, "organisation") == []


def test_a_merge_drops_the_duplicates_not_a_duplicate_marks(inst, coordinator):
    a, b, c = (f.OrganisationFactory(institution=inst) for _ in range(3))
    dismiss_pair(a, c, actor=coordinator)
    dismiss_pair(b, c, actor=coordinator)
    merge_records(a, b, actor=coordinator, survivor_version=1, duplicate_version=1)
    assert list(DuplicateDismissal.objects.values_list("low_id", "high_id")) == [(a.pk, c.pk)]


def test_an_organisation_never_becomes_its_own_parent(inst, coordinator):
    duplicate = f.OrganisationFactory(institution=inst, name="Volvo-koncernen")
    survivor = f.OrganisationFactory(institution=inst, name="Volvo", parent=duplicate)
    merge_records(survivor, duplicate, actor=coordinator, survivor_version=1, duplicate_version=1)
    survivor.refresh_from_db()
    assert survivor.parent is None

    top = f.OrganisationFactory(institution=inst, name="Topp")
    duplicate = f.OrganisationFactory(institution=inst, name="Mitten", parent=top)
    middle = f.OrganisationFactory(institution=inst, name="Under mitten", parent=duplicate)
    survivor = f.OrganisationFactory(institution=inst, name="Botten", parent=middle)
    merge_records(survivor, duplicate, actor=coordinator, survivor_version=1, duplicate_version=1)
    middle.refresh_from_db()
    survivor.refresh_from_db()
    assert (survivor.parent, middle.parent) == (middle, top)  # no circle: the middle takes the old parent


def test_a_merge_from_stale_versions_is_refused_and_changes_nothing(inst, coordinator):
    survivor = linked_organisation(inst)
    duplicate = linked_organisation(inst)
    Organisation.objects.filter(pk=duplicate.pk).update(version=2)  # someone saved it meanwhile
    before = links_of(duplicate)
    with pytest.raises(MergeStale):
        merge_records(survivor, duplicate, actor=coordinator, survivor_version=1, duplicate_version=1)
    assert links_of(duplicate) == before
    survivor.refresh_from_db()
    assert survivor.version == 1


REFUSED = {
    "itself": "A record cannot be merged with itself.",
    "kinds": "Only two organisations, or two people, can be merged.",
    "institutions": "The two records belong to different institutions.",
    "anonymised": "An anonymised person cannot be merged.",
    "invalid": "People at the university have a unit, not an organisation.",
    "field": "These are not fields of the record: version.",
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_merges_that_cannot_be_are_refused(inst, other_institution, coordinator, case):
    a = f.PersonFactory(institution=inst, side="university")
    b = {
        "itself": a,
        "kinds": f.OrganisationFactory(institution=inst),
        "institutions": f.PersonFactory(institution=other_institution),
        "anonymised": f.PersonFactory(institution=inst),
        "invalid": f.PersonFactory(
            institution=inst, side="partner", organisation=f.OrganisationFactory(institution=inst)
        ),
        "field": f.PersonFactory(institution=inst),
    }[case]
    if case == "anonymised":
        Person.objects.filter(pk=b.pk).update(anonymised_at="2025-01-01T00:00:00Z")
    keep = {"version": "duplicate"} if case == "field" else {}
    with pytest.raises(MergeRefused) as refused, translation.override("en"):
        merge_records(a, b, actor=coordinator, survivor_version=1, duplicate_version=1, keep=keep)
    assert refused.value.message
    assert refused.value.message == REFUSED[case]
    assert Person.objects.filter(pk=a.pk, version=1).exists()
    assert type(b).objects.filter(pk=b.pk).exists()


def test_link_counts_are_one_query_per_kind_of_link(inst, django_assert_num_queries):
    survivor, duplicate = linked_organisation(inst), linked_organisation(inst)
    f.PartnershipFactory(institution=inst, organisations=[duplicate])
    ContentType.objects.get_for_model(Organisation)
    with django_assert_num_queries(len(links_to(Organisation)) + 1):
        counts = link_counts(survivor, duplicate)
    with translation.override("en"):
        assert [(str(what), mine, theirs) for what, mine, theirs in link_counts(survivor, duplicate)] == [
            ("Memberships (partner organisation)", 1, 1),
            ("Invitations (partner organisation)", 1, 1),
            ("Organisations (parent organisation)", 1, 1),
            ("Units (partner organisation)", 1, 1),
            ("People (organisation)", 1, 1),
            ("Affiliations (organisation)", 1, 1),
            ("Partnerships (partner organisations)", 1, 2),
            ("Activities (partner organisations)", 1, 1),
            ("Contacts log (organisation)", 1, 1),
            ("History entries", 0, 0),
        ]
    assert len(counts) == len(links_to(Organisation)) + 1


# --- the pages -------------------------------------------------------------------------------


def test_the_duplicates_page_lists_pairs_with_their_reason_and_actions(coordinator_client, inst):
    a = org(inst, "Skellefteå kommun")
    b = org(inst, "Skelleftea kommun")
    page = coordinator_client.get(reverse("directory:organisation-duplicates")).content.decode()
    assert "liknande namn (94 %)" in page
    assert f'href="{a.get_absolute_url()}"' in page
    assert f'href="{b.get_absolute_url()}"' in page
    assert f'href="{reverse("directory:organisation-merge", args=[a.pk])}?duplicate={b.pk}"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_not_a_duplicate_removes_the_pair_from_the_page(coordinator_client, inst):
    a = f.PersonFactory(institution=inst, email="bo@example.se")
    b = f.PersonFactory(institution=inst, email="BO@example.se")
    url = reverse("directory:person-duplicates")
    assert "<td>samma e-postadress</td>" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(
        reverse("directory:person-dismiss-duplicate"), {"low": a.pk, "high": b.pk}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert "<td>samma e-postadress</td>" not in page
    assert "inte längre som troliga dubbletter" in page


def test_the_lists_link_to_the_duplicates_only_for_those_who_may_merge(members, world):
    from tests.conftest import client_for

    for role, shown in (("coordinator", True), ("partnership_coordinator", False), ("viewer", False)):
        for kind in ("organisation", "person"):
            page = client_for(members[role]).get(reverse(f"directory:{kind}-list")).content.decode()
            assert (reverse(f"directory:{kind}-duplicates") in page) == shown, (role, kind)


def merge_page(client, survivor, duplicate):
    return client.get(
        reverse("directory:organisation-merge", args=[survivor.pk]), {"duplicate": duplicate.pk}
    )


def test_the_merge_page_shows_both_records_a_choice_per_difference_and_the_links(coordinator_client, inst):
    survivor = linked_organisation(inst, name="Volvo Lastvagnar", type="company")
    duplicate = linked_organisation(
        inst, name="Volvo Lastvagnar AB", type="company", website="https://v.example.se/"
    )
    page = merge_page(coordinator_client, survivor, duplicate).content.decode()
    assert page.count('type="radio"') == 4  # name and website differ; type is the same
    assert 'name="keep_name" value="survivor"' in page
    assert 'name="keep_type"' not in page
    # a blank field of the kept record takes the merged record's value unless chosen otherwise
    assert re.search(r'name="keep_website" value="duplicate"[^>]*checked', page)
    assert re.search(r'<label for="id_keep_name_0">Volvo Lastvagnar<span class="visually-hidden">', page)
    assert "Medlemskap (partnerorganisation)" in page
    assert f'name="survivor_version" value="{survivor.version}"' in page


def test_merging_on_the_page_goes_to_the_kept_record_with_a_message(coordinator_client, inst):
    survivor = org(inst, "Volvo Lastvagnar")
    duplicate = org(inst, "Volvo Lastvagnar AB", "556012-5790")
    url = reverse("directory:organisation-merge", args=[survivor.pk])
    data = {
        "duplicate": duplicate.pk,
        "survivor_version": 1,
        "duplicate_version": 1,
        "keep_name": "duplicate",
        "keep_org_number": "duplicate",
    }
    response = coordinator_client.post(url, data, follow=True)
    assert response.redirect_chain == [(survivor.get_absolute_url(), 302)]
    assert f"”Volvo Lastvagnar AB” (#{duplicate.pk}) har slagits ihop med den här posten." in (
        response.content.decode()
    )
    survivor.refresh_from_db()
    assert (survivor.name, survivor.org_number, survivor.version) == ("Volvo Lastvagnar AB", "556012-5790", 2)
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()


def test_a_merge_page_left_open_while_someone_saved_is_refused(coordinator_client, inst):
    survivor, duplicate = org(inst, "Umeå Energi"), org(inst, "Umeå Energi AB")
    Organisation.objects.filter(pk=survivor.pk).update(version=2)
    url = reverse("directory:organisation-merge", args=[survivor.pk])
    data = {"duplicate": duplicate.pk, "survivor_version": 1, "duplicate_version": 1, "keep_name": "survivor"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 409
    assert "ändrades efter att du öppnade sidan" in response.content.decode()
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_the_merge_page_asks_for_the_other_record_and_says_when_there_is_none(
    coordinator_client, inst, world
):
    survivor = org(inst, "Umeå Energi")
    url = reverse("directory:organisation-merge", args=[survivor.pk])
    assert 'name="duplicate"' in coordinator_client.get(url).content.decode()
    other = world["other"]["organisation"]  # another institution's: not found, as any unknown number
    for text in (f"#{other.pk}", f"#{survivor.pk}", "x"):
        response = coordinator_client.get(url, {"duplicate": text})
        assert response.status_code == (400 if text != f"#{other.pk}" else 404), text
