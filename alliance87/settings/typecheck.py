"""Settings mypy's Django plugin loads: the test settings without django-modeltranslation's registrations.

modeltranslation swaps the managers of the models it translates at run time, which django-stubs cannot follow
("Could not resolve manager type"); the models are checked as they are declared.
"""

from .test import *  # noqa: F403

MODELTRANSLATION_ENABLE_REGISTRATIONS = False
