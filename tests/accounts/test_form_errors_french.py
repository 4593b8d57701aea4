"""Form errors in the reader's language: the summary heading and the note that passwords are
typed again are French in the French interface; everything else typed stays in the form."""

from storyhub.accounts.models import User
from storyhub.extensions import db

GOOD = "un long chemin vers la mer"
DATA = {
    "display_name": "Nadia Benali",
    "email": "pas une adresse",
    "organisation": "Collège Rosa Parks",
    "password": GOOD,
    "confirm": GOOD,
}


def _signup(client, language):
    return client.post("/signup", data=DATA, headers={"Accept-Language": language})


def test_french_interface_heads_form_errors_in_french(client):
    page = _signup(client, "fr")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h2>Vérifiez le formulaire</h2>" in html
    assert "Please check the form" not in html
    assert "sauf les mots de passe" in html
    assert 'value="Collège Rosa Parks"' in html and 'value="Nadia Benali"' in html
    assert GOOD not in html
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_english_interface_says_passwords_must_be_typed_again(client):
    page = _signup(client, "en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<h2>Please check the form</h2>" in html
    assert "except passwords" in html and GOOD not in html


def test_a_form_without_password_does_not_mention_passwords(client):
    page = client.post(
        "/password/forgot", data={"email": "pas une adresse"}, headers={"Accept-Language": "fr"}
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Vérifiez le formulaire" in html
    assert "mots de passe" not in html
