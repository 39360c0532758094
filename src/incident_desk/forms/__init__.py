"""Reviewed form and checklist definitions (the top-level ``forms/`` folder) as domain objects.

Reads TOML with the standard library only and hands back frozen `incident_desk.domain`
definitions; no Qt, no database.
"""

from incident_desk.forms.checklist_loader import (
    FIRST_RESPONSE_FILE,
    FormDefinitionError,
    default_protocol,
    load_protocol,
)

__all__ = ["FIRST_RESPONSE_FILE", "FormDefinitionError", "default_protocol", "load_protocol"]
