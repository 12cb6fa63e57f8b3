"""Employer-strategy content for municipal Wagtail intranets."""

__version__ = "0.1.0"
