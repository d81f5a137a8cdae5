"""The cache's rate limits (core/ratelimit.py), shared by the idea form and password links."""

import pickle

from django.core.cache import cache

from samverka.core.ratelimit import Limit


def test_a_limit_counts_per_subject_in_any_case_and_keeps_no_address(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    cache.clear()
    limit = Limit("test", 2, 3600)
    assert [limit.count("Anna@UMU.se") for _ in range(3)] == [True, True, False]
    assert limit.reached("anna@umu.se") and not limit.reached("bo@umu.se")
    assert limit.count("bo@umu.se")  # another subject has its own count
    key = limit._key("Anna@UMU.se")  # the cache key names a digest, never the address
    assert "umu" not in key.lower() and "anna" not in key.lower()
    assert key == limit._key(" anna@umu.se")
    # the file cache keeps the window's timeout after an increment (not its five-minute default)
    import time

    expiries = []
    for path in tmp_path.glob("*.djcache"):
        with path.open("rb") as handle:
            expiries.append(pickle.load(handle))  # noqa: S301 - the test's own cache file
    assert all(expires is not None and expires - time.time() > 3000 for expires in expiries)
