"""zonegraph core: IRIs, the RDF model, store backends, validation, ingest and the CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("zonegraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
