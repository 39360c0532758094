"""The screens that find cases: the case list and the dashboard of open cases."""
