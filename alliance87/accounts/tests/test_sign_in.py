from conftest import PASSWORD


def test_signing_in_without_next_lands_on_the_dashboard(world, client):
    response = client.post("/accounts/sign-in/", {"username": "FOCAL@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_signing_out_returns_to_the_home_page(world, client_for):
    response = client_for(world.focal_point).post("/accounts/sign-out/")
    assert response["Location"] == "/"


def test_a_wrong_password_is_refused_with_a_message(world, client):
    response = client.post("/accounts/sign-in/", {"username": "focal@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert (
        "correct email" in response.content.decode().lower() or "error-summary" in response.content.decode()
    )
