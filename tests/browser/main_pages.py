"""The main pages of the platform on the demo data: what the phone test, the axe test and `make screenshots` visit.

Addresses are read from the database (ids differ between a fresh SQLite file and a reused PostgreSQL sequence);
the slugs are the demo's own. Each page names who looks at it: nobody (a visitor) or a demo account.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_MEMBER = "member@demo.alliance87.org"
DEMO_SECRETARIAT = "secretariat@demo.alliance87.org"
DEMO_PASSWORD = "alliance87-demo"

DEMO_PLAN = "madagascar-national-action-plan-2024-2028"
DEMO_PARTNER = "ilo"
DEMO_COUNTRY = "ci"  # Côte d'Ivoire: a Pathfinder Country with library items but no plan of its own
DEMO_ITEM = "unsc-resolution-2331-2016"
DEMO_DATA_AREA = "fj"
DEMO_REGION = "202"  # Sub-Saharan Africa (UN M49), Côte d'Ivoire's and Madagascar's SDG region


@dataclass(frozen=True)
class MainPage:
    name: str  # a file name: letters, digits and dashes
    path: str  # the English address; the French and Spanish ones are derived from it
    who: str = ""  # a demo account's e-mail when the page is behind sign-in


def main_pages() -> list[MainPage]:
    """Every main page of the site on the demo data, in the order a visitor would meet them."""
    from alliance87.bodies.models import Body
    from alliance87.commitments.models import Commitment
    from alliance87.community.models import Thread
    from alliance87.meetings.decision_models import Decision
    from alliance87.meetings.models import Event
    from alliance87.news.models import Post
    from alliance87.plans.models import Indicator

    indicator = Indicator.objects.filter(node__plan__slug=DEMO_PLAN).order_by("pk").first()
    thread = Thread.objects.filter(space__visibility="public", is_hidden=False).order_by("pk").first()
    post = (
        Post.objects.filter(status="published").exclude(published_at=None).order_by("-published_at").first()
    )
    commitment = Commitment.objects.filter(is_demo=True).order_by("pk").first()
    upcoming = Event.objects.filter(slug__startswith="gcg-meeting").order_by("-starts_at").first()
    past = Event.objects.order_by("starts_at").first()
    decision = Decision.objects.filter(actions__isnull=False).order_by("-decided_on", "pk").first()
    pages = [
        MainPage("home", "/"),
        MainPage("partners", "/partners/"),
        MainPage("partner", f"/partners/{DEMO_PARTNER}/"),
        MainPage("bodies", "/bodies/"),
        *(
            MainPage(f"body-{slug}", f"/bodies/{slug}/")
            for slug in Body.objects.values_list("slug", flat=True)
        ),
        MainPage("countries", "/countries/"),
        MainPage("country", f"/countries/{DEMO_COUNTRY}/"),
        MainPage("region", f"/countries/regions/{DEMO_REGION}/"),
        MainPage("plans", "/plans/"),
        MainPage("plan", f"/plans/{DEMO_PLAN}/"),
        MainPage("gap-report", "/plans/gaps/"),
        MainPage("plan-gap-report", f"/plans/{DEMO_PLAN}/gaps/"),
        MainPage("budget", f"/plans/{DEMO_PLAN}/budget/"),
        MainPage("library", "/library/"),
        MainPage("library-search", "/library/search/?q=forced+labour"),
        MainPage("library-item", f"/library/{DEMO_ITEM}/"),
        MainPage("events", "/events/"),
        MainPage("decisions", "/events/decisions/"),
        MainPage("my-actions", "/events/my-actions/", who=DEMO_MEMBER),
        MainPage("data", "/data/"),
        MainPage("data-profile", f"/data/areas/{DEMO_DATA_AREA}/"),
        MainPage("news", "/news/"),
        MainPage("commitments", "/commitments/"),
        MainPage("community", "/community/"),
        MainPage("sign-in", "/accounts/login/"),
        MainPage("apply", "/partners/apply/"),
        MainPage("about", "/about/"),
        MainPage("account", "/accounts/me/", who=DEMO_MEMBER),
        MainPage("dashboard", "/dashboard/", who=DEMO_MEMBER),
        MainPage("completeness", "/dashboard/completeness/", who=DEMO_SECRETARIAT),
        MainPage("process-indicator", "/data/series/A87_PF_PATHFINDERS/"),
    ]
    if indicator:
        pages.append(MainPage("indicator", f"/plans/{DEMO_PLAN}/indicators/{indicator.pk}/"))
    if upcoming:
        pages.append(MainPage("event", f"/events/{upcoming.slug}/"))
    if past:
        pages.append(MainPage("event-past", f"/events/{past.slug}/"))
    if decision:
        pages.append(MainPage("decision", f"/events/decisions/{decision.pk}/"))
    if post:
        pages.append(MainPage("news-post", f"/news/{post.slug}/"))
    if commitment:
        pages.append(MainPage("commitment", f"/commitments/{commitment.pk}/"))
    if thread:
        pages.append(MainPage("thread", f"/community/discussions/{thread.pk}/"))
    return pages
