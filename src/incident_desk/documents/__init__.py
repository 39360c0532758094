"""Printed and signed documents made from the record (PDF); no Qt, no database.

`form_renderer.render_form` draws a `DocumentContent` under its `FormDefinition` (both plain
domain data); `footer_code.footer_payload` rebuilds the text of the QR code on every page.
"""
