"""What the channels hand to the dialogue without asking the NLU: Rasa's typed syntax and HTML markup."""
import pytest

from bot.channels import NOT_UNDERSTOOD, not_for_the_nlu


@pytest.mark.parametrize("text", ["/restart", '/inform{"age": 200}', "<script>alert(1)</script>",
                                  "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "<b>bonjour</b>",
                                  "bonjour <br>", "<br/>", "<iframe src=//evil.example></iframe>",
                                  "<a href='x'>clic</a>"])
def test_typed_syntax_and_markup_are_not_understood(text):
    parse = not_for_the_nlu(text)
    assert parse["text"] == text
    assert parse["intent"] == {"name": NOT_UNDERSTOOD, "confidence": 1.0}
    assert parse["entities"] == []


@pytest.mark.parametrize("text", ["bonjour", "j'ai <26 ans", "je t'aime <3", "a < b > c", "moins de 9000 € > ok ?",
                                  "{{7*7}}", "'; DROP TABLE events; --", "c'est quoi la vae inversée ?"])
def test_ordinary_text_goes_to_the_nlu(text):
    assert not_for_the_nlu(text) is None
