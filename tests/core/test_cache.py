"""What is kept until an institution's records change (``core.cache``) is never kept past a change."""

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
