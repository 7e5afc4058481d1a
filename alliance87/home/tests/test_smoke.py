import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/partners/",
        "/partners/ilo/",
        "/partners/apply/",
        "/bodies/",
        "/bodies/gcg/",
        "/bodies/supply-chains/",
        "/countries/",
        "/countries/fj/",
        "/accounts/login/",
        "/accounts/password/reset/",
    ],
)
def test_public_pages_render_for_anonymous_visitors(world, client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/",
        "/partners/applications/",
        "/bodies/requests/",
        "/bodies/join/freedom-fund-example/",
        "/partners/freedom-fund-example/edit/",
        "/accounts/me/",
    ],
)
def test_signed_in_pages_render_for_the_secretariat(world, client_for, path):
    response = client_for(world.secretariat).get(path)
    assert response.status_code == 200, response.content[:500]
