"""What is kept until an institution's records change (``core.cache``) is never kept past a change."""

import uuid

from samverka.core.cache import cached_for_institution
from tests import factories as f


def test_what_another_request_made_during_a_change_is_not_kept_past_its_commit(
    institution, django_capture_on_commit_callbacks
):
    """A value another request makes while a change's transaction is open is made from the records
    before the change, under the token the change has just replaced: the commit replaces it again."""
    with django_capture_on_commit_callbacks() as callbacks:
        f.OrganisationFactory(institution=institution)
        made = cached_for_institution(institution.pk, "made", lambda: "from the records before the change")
        assert made == "from the records before the change"
    assert callbacks
    for callback in callbacks:
        callback()
    assert cached_for_institution(institution.pk, "made", lambda: "made again") == "made again"


def test_a_change_is_seen_at_once_by_the_request_that_made_it(institution):
    assert cached_for_institution(institution.pk, "made", lambda: "before") == "before"
    f.OrganisationFactory(institution=institution)
    assert cached_for_institution(institution.pk, "made", lambda: "after") == "after"


def test_a_members_reach_or_name_changing_makes_what_was_kept_out_of_date(institution, django_user_model):
    """What a member is shown depends on their membership (role, partnerships, organisation) and
    lists show users' names: changing either is a change of what is kept; logging in is not."""
    membership = f.MembershipFactory(institution=institution, role="partner")
    other = f.InstitutionFactory()

    def kept_after(change) -> bool:
        name = str(uuid.uuid4())
        cached_for_institution(institution.pk, name, lambda: "before")
        change()
        return cached_for_institution(institution.pk, name, lambda: "after") == "before"

    def set_role():
        membership.role = "reader"
        membership.save()

    assert not kept_after(set_role)
    assert not kept_after(lambda: membership.partnerships.add(f.PartnershipFactory(institution=institution)))
    assert not kept_after(lambda: membership.partnerships.clear())
    assert not kept_after(lambda: f.MembershipFactory(institution=institution, role="reader"))
    leaving = f.MembershipFactory(institution=institution, role="reader")
    assert not kept_after(leaving.delete)

    def rename():
        membership.user.first_name = "Ny"
        membership.user.save()

    assert not kept_after(rename)
    # Logging in, or a member of another institution changing, leaves it kept.
    assert kept_after(lambda: membership.user.save(update_fields=["last_login"]))
    assert kept_after(lambda: f.MembershipFactory(institution=other, role="reader").save())
    assert kept_after(lambda: f.UserFactory().save())
