"""PubDesk core: the domain model, rules, services and documents, without any GUI."""

__version__ = "0.1.0"
