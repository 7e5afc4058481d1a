"""Plans in and out of the platform in the formats partners already use: IATI 2.03 activity XML (iati/) and the
logframe Excel workbook (xlsx/), with the helpers both share (common.py) and their pages (views.py)."""
