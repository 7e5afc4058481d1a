"""Changes to plans: their results frameworks, indicators, periods, reported values and budgets."""
