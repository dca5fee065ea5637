"""Hypothesis profiles for the fuzz tests.

``make test`` runs each property with the modest example counts the tests give
(well under a minute in all); ``HYPOTHESIS_PROFILE=fuzz`` runs 10,000 examples per
property (the issue's bar), ``HYPOTHESIS_PROFILE=ci`` a few hundred.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

QUIET = (HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=QUIET)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=QUIET)
if os.environ.get("HYPOTHESIS_PROFILE") in ("fuzz", "ci"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
