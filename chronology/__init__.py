"""A chronology: events written from sources, checked, and rendered into a cross-linked timeline site."""

__version__ = "0.1.0"
