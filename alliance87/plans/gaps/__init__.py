"""The implementation-gap report: what in the plans needs the Global Coordinating Group's attention.

The report is built by selectors.py and shown, and downloaded as CSV, by views.py; what the rest of the platform
(the common indicators' pages, the benchmarks) uses is below.
"""

from .selectors import GapFilters, GapReport, gap_report, months_before, plain, plan_gap_report

__all__ = ["GapFilters", "GapReport", "gap_report", "months_before", "plain", "plan_gap_report"]
