"""The support team's review console over the conversation store (web, JSON API and terminal).

- cli.py      `python -m bot.tools.review serve|users|list|show|stats|export|purge|erase|rebuild`
- web.py      the Sanic application: pages, /api/…, login, CSRF, security headers
- auth.py     accounts (scrypt), sessions, login throttling
- exports.py  CSV, JSONL and NLU YAML exports
- charts.py   inline SVG charts
- labels.py   French labels of codes, dates and numbers
- client.py   a small HTTP client of the console (scripts, benchmark, tests)
- synthetic.py realistic synthetic conversations as Rasa events (benchmark, tests)
- bench.py    fills a store with 100 000 conversations and measures the list page
"""
