"""Charts in French and Spanish: every number inside an SVG is a plain number the browser can draw.

A decimal comma in a coordinate ("22,0") is not an error the browser reports: the shape is simply drawn wrong or
not at all. So each chart is checked in the reader's languages for what a person would notice: its numbers parse,
and it has a visible size with visible marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from conftest import World

from .helpers import sign_in
from .test_data import make_data
from .test_plans import make_ngo_a_member, make_plan_with_data

pytestmark = pytest.mark.browser

# Every attribute of an SVG element that holds a number or a list of numbers, and what is wrong in each one.
SVG_NUMBERS_PROBLEMS = """
(svg) => {
  const number = /^-?(\\d+(\\.\\d+)?|\\.\\d+)(e-?\\d+)?%?$/;
  const problems = [];
  const check = (element, name, value) => {
    if (!number.test(value)) problems.push(`${element.tagName} ${name}="${value}"`);
  };
  for (const element of [svg, ...svg.querySelectorAll("*")]) {
    for (const name of ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "dx", "dy"]) {
      const value = element.getAttribute(name);
      if (value !== null) check(element, name, value.trim());
    }
    const viewBox = element.getAttribute("viewBox");
    if (viewBox !== null) {
      const parts = viewBox.trim().split(/\\s+/);
      if (parts.length !== 4) problems.push(`viewBox="${viewBox}"`);
      parts.forEach((part) => check(element, "viewBox", part));
    }
    const points = element.getAttribute("points");
    if (points !== null) {
      for (const pair of points.trim().split(/\\s+/)) {
        const xy = pair.split(",");
        if (xy.length !== 2) problems.push(`${element.tagName} points pair "${pair}"`);
        xy.forEach((part) => check(element, "points", part));
      }
    }
    const path = element.getAttribute("d");
    if (path !== null && /\\d,\\d+,\\d/.test(path.replace(/\\s+/g, " "))) {
      problems.push(`path d with a decimal comma: "${path.slice(0, 60)}"`);
    }
  }
  return problems;
}
"""

# The size the chart takes on the page, and the size of what is drawn inside it (bars, points, lines, shapes).
SVG_SIZES = """
(svg) => {
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll("rect, circle, polyline, polygon, path")];
  const drawn = marks.filter((mark) => {
    const size = mark.getBoundingClientRect();
    return size.width > 0 || size.height > 0;
  });
  return {width: box.width, height: box.height, marks: marks.length, drawn: drawn.length};
}
"""


def open_in(page: Page, site: str, path: str, language: str) -> None:
    """Open a page at its address in a language."""
    page.goto(f"{site}/{language}{path}", wait_until="domcontentloaded", timeout=30_000)


def assert_charts_drawn(page: Page, *, charts: int) -> None:
    # The small bars of a chart's phone layout (hidden on this wide window) hold plain numbers too.
    for bar in page.locator("main svg.bar-list-bar").all():
        problems = bar.evaluate(SVG_NUMBERS_PROBLEMS)
        assert problems == [], f"{page.url}, a phone bar: {problems[:5]}"
    svgs = page.locator("main svg:not(.bar-list-bar)")
    expect(svgs.first).to_be_visible()
    assert svgs.count() >= charts, f"{page.url}: {svgs.count()} charts, expected {charts}"
    for index in range(svgs.count()):
        svg = svgs.nth(index)
        problems = svg.evaluate(SVG_NUMBERS_PROBLEMS)
        assert problems == [], f"{page.url}, chart {index + 1}: {problems[:5]}"
        sizes = svg.evaluate(SVG_SIZES)
        assert sizes["width"] >= 200 and sizes["height"] >= 100, f"{page.url}, chart {index + 1}: {sizes}"
        assert sizes["marks"] > 0 and sizes["drawn"] == sizes["marks"], (
            f"{page.url}, chart {index + 1}: {sizes}"
        )


@pytest.mark.parametrize("language", ["fr", "es"])
def test_plan_charts_draw_with_plain_numbers_in_french_and_spanish(
    new_page: Callable[[], Page], site: str, world: World, language: str
) -> None:
    make_ngo_a_member(world)
    plan, indicator, _period = make_plan_with_data(world)
    page = new_page()
    sign_in(page, site, world.chair.email)

    open_in(page, site, f"/plans/{plan.slug}/indicators/{indicator.pk}/", language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_charts_drawn(page, charts=1)
    # Baseline, two approved values and the final target are drawn where their numbers say.
    expect(page.locator("main svg circle.actual")).to_have_count(2)
    expect(page.locator("main svg desc").first).to_contain_text("100")

    open_in(page, site, f"/plans/{plan.slug}/", language)
    assert_charts_drawn(page, charts=1)

    open_in(page, site, f"/plans/{plan.slug}/budget/", language)
    assert_charts_drawn(page, charts=1)
    # The amounts people read are in the language's style: 80 000 in French, 80.000 in Spanish.
    expect(page.locator("main svg desc").first).to_contain_text(
        re.compile("80\u202f000|80\u00a0000" if language == "fr" else r"80\.000")
    )


@pytest.mark.parametrize("language", ["fr", "es"])
def test_data_charts_and_maps_draw_with_plain_numbers_in_french_and_spanish(
    new_page: Callable[[], Page], site: str, world: World, language: str
) -> None:
    make_data()
    page = new_page()
    open_in(page, site, "/data/", language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_charts_drawn(page, charts=1)

    open_in(page, site, "/data/series/CL_NUMBER/", language)
    assert_charts_drawn(page, charts=1)

    open_in(page, site, "/countries/", language)
    assert_charts_drawn(page, charts=1)
