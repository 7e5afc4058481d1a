"""The plans' part of the API: results frameworks (framework.py), reporting and budgets (reporting.py), and
common indicators combined across plans (common_indicators.py); each router is mounted by the API root."""
