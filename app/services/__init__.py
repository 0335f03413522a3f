"""Workflow services: take a Session, apply the rules, return plain data."""
