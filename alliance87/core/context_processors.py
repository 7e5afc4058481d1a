from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, object]:
    """Values every page template uses: the language list for the switcher and the site's address."""
    return {"SITE_URL": settings.SITE_URL}
