"""The implementation-gap report: what in the plans needs the Global Coordinating Group's attention.

What the report holds is report.py, how it is built selectors.py, its pages and CSV download views.py; what the
rest of the platform (the common indicators' pages, the benchmarks) uses is below.
"""

from .report import GapFilters, GapReport, months_before, plain
from .selectors import gap_report, plan_gap_report

__all__ = ["GapFilters", "GapReport", "gap_report", "months_before", "plain", "plan_gap_report"]
