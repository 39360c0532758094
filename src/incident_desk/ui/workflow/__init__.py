"""The screens of a case's first response: its steps, its clocks and its timeline."""
