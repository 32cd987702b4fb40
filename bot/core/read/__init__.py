"""Reading the visitor's words: every parser of the product, one module per kind of answer.

- text.py       comparable forms (no accents, single spaces, singular tokens)
- numbers.py    numbers in digits or in words
- durations.py  durations ("18 mois", "un an et demi", "6 semaines") and a contract's length
- age.py        ages, birth dates and years, age ranges
- money.py      a cost and its period
- sectors.py    jobs and sectors (exact phrase, then typo-tolerant)
- profile.py    a candidate's goal and situation
- hiring.py     an employer's hires, jobs and company size
- speaker.py    who is speaking: an employer or not, and which kind
- changes.py    requests to change an answer
- replies.py    the shape of a reply: a question, a skip, a correction
- reading.py    Reading, the one result type of every parser, and the problem codes they share

Nothing here raises on what a visitor types: a parser returns a value or a problem code, and the caller decides
what to ask next. Nothing here imports the rules or the wording.
"""
