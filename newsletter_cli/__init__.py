"""nl: draft, check and publish a periodical newsletter."""

__version__ = "0.1.0"
