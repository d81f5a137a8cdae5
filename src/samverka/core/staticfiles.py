"""The static files of a production server (``DEBUG`` off): WhiteNoise's names with a hash of the
content, so browsers may keep them for a year, each stored gzipped beside it as well."""

from typing import Any

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Compressed with gzip only. WhiteNoise adds Brotli whenever the ``brotli`` package is
    installed (WeasyPrint's font library brings it), and Brotli at its highest level took 20 s of
    CPU at every ``collectstatic``, so at every start of ``samverka serve``; gzip alone takes 3 s."""

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return Compressor(**{**kwargs, "use_brotli": False})
