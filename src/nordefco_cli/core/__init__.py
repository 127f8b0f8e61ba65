"""The model and the rules: bodies, members, terms, the handover rule and the rotation.

Standard library only, no I/O and no clock: every function takes the dates
it needs (today included) from its caller. The one exception to "standard
library only" is dates.py, which reads written dates with python-dateutil
(imported only on that path; the import-linter contract in pyproject.toml
names it).
"""
