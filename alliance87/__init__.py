"""The Alliance 8.7 platform."""
