"""The plan's chart on a phone: the same figures as a list whose labels wrap (the SVG is for wider screens)."""

from __future__ import annotations

from django.template.loader import render_to_string

from alliance87.plans.charts import verdict_chart


def test_the_verdict_chart_carries_a_list_with_each_category_its_count_and_bar():
    chart = verdict_chart(
        [
            ("target_achieved", "Target achieved", 0),
            ("substantial_progress", "Progress made, but acceleration needed to reach the target", 4),
            ("limited_progress", "Limited progress", 2),
        ]
    )
    html = render_to_string("plans/includes/verdict_chart.html", {"chart": chart})
    assert 'class="verdict-svg"' in html
    assert 'class="bar-list"' in html
    assert (
        '<span class="bar-list-label">Progress made, but acceleration needed to reach the target</span> '
        '<strong class="bar-list-value">4</strong>'
    ) in html
    assert 'class="bar verdict-bar-substantial_progress" x="0" y="0" width="100"' in html
    assert 'class="bar verdict-bar-limited_progress" x="0" y="0" width="50"' in html
    assert 'class="bar verdict-bar-target_achieved" x="0" y="0" width="0"' in html
