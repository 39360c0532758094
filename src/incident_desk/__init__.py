"""Incident Desk: guided first response to sexual abuse reports in correctional facilities."""

__version__ = "0.1.0"
