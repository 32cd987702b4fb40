"""Bad input over the REST channel: a polite French answer or a clean 4xx, never a 500 or silence."""
import pytest
import requests


@pytest.mark.parametrize("message", ["", "   ", "\n\t", "a" * 10_000, "🙂🙂🙂", "asdkjh qwpoeiru",
                                     "What is the weather like in London?", "<img src=x onerror=alert(1)>",
                                     "'; DROP TABLE events; --", "{{7*7}}", "\u202eevil\u202c", "é" * 999,
                                     "/restart", '/inform{"age": 200}'])
def test_bad_messages_get_a_french_answer(chat, message):
    replies = chat.say(message)
    assert replies, f"silence for {message[:40]!r}"
    text = " ".join(r.get("text", "") for r in replies)
    assert text.strip()
    assert "<img" not in text


@pytest.mark.parametrize("body", ["[]", "null", "42", '"bonjour"', "{", '{"sender": 3, "message": "x"}',
                                  '{"message": "bonjour"}', '{"sender": "a", "message": ["x"]}'])
def test_malformed_bodies_get_a_clean_400(servers, body):
    reply = requests.post(servers["rest"], data=body, headers={"Content-Type": "application/json"}, timeout=30)
    assert reply.status_code == 400
    assert "Requête invalide" in reply.json()["error"]


def test_wrong_content_type_is_a_400(servers):
    reply = requests.post(servers["rest"], data="sender=a&message=b",
                          headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert reply.status_code == 400


def test_server_still_answers_after_bad_input(chat):
    chat.say("<script>alert(1)</script>")
    assert "OPCO" in chat.text("Comment est financée la VAE inversée ?")


@pytest.mark.parametrize("message", ["🙂🙂🙂", "👍🏽", "🇫🇷 ❤️"])
def test_emoji_only_is_not_taken_for_a_meaning(chat, message):
    # Emoji alone carry no words to classify: the visitor is asked to rephrase (before, "🙂🙂🙂" got a goodbye).
    assert "pas bien compris" in chat.text(message)


@pytest.mark.parametrize("message", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                     "\"><svg/onload=alert(1)>", "<b>bonjour</b>"])
def test_html_is_not_read_for_a_meaning(chat, message):
    # Markup got the answer to an insult ("Je comprends que cela puisse agacer"): the visitor is asked to rephrase.
    answer = chat.text(message)
    assert "agacer" not in answer
    assert "pas bien compris" in answer


@pytest.mark.parametrize("message", ["'; DROP TABLE events; --", "admin'--", "../../etc/passwd", "${jndi:ldap://x/a}"])
def test_code_probes_are_not_read_for_a_meaning(chat, message):
    # Before: an insult ("agacer"), the eligibility form ("Quel âge"), a sigh ("toujours là").
    answer = chat.text(message)
    assert "pas bien compris" in answer
    assert "agacer" not in answer and "Quel âge" not in answer and "toujours là" not in answer


@pytest.mark.parametrize("message", ["What is the weather like in London?", "how can I apply for this program?",
                                     "¿puedo trabajar en Francia con este contrato?"])
def test_another_language_is_told_the_assistant_answers_in_french(chat, message):
    # Before: the answer for a question outside the scheme, as if the visitor had asked about something else.
    assert "qu'en français" in chat.text(message)
