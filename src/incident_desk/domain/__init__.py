"""Pure-Python core: value types, the first-response protocol, deadlines, validation, audit chain.

Nothing here imports anything outside the standard library.
"""
