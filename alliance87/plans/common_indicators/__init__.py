"""Common indicators: measures the Secretariat defines once and several plans measure the same way.

services.py changes them, combined.py combines the approved values of the plans that link to one (across the
plans a person may see), views.py shows them; their API is plans/api/common_indicators.py.
"""
