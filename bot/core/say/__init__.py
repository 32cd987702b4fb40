"""The saying floor: every French sentence the bot writes itself, as pure functions of the core's results.

Vouvoiement, short sentences, simple markdown (**bold**, "- " lists). No figure is typed here: every amount,
date, age and count comes from the knowledge data or a computation, written by `format`. Every message ends
with a "Source : ..." line. The rules (`bot.core.eligibility`, `employer`, `funding`, `status`) and the readers
(`bot.core.read`) return values and codes; the modules below word them:

- format.py    figures in French: numbers, amounts, percentages, dates, months, counts, lists
- typography.py  the no-break spaces of French typography, applied where a message leaves the product
- layout.py    bullet lists and the closing "Source : …" line
- audience.py  who a message speaks to: the candidate, or an employer about a hire
- status.py    where the experimentation stands (not started, days left, closed)
- verdict.py   the answer after the eligibility test, for either audience
- funding.py   the OPCO funding rule and a simulation's result
- opco.py      which OPCO to contact, how to find one's own, who may sign
- employer.py  an employer's recruitment plan; employers who may not sign
- problems.py  an answer that cannot be used (age, cost, duration, number of hires): why, what to write
- options.py   what remains possible after the experimentation, for a profile
- welcome.py   the greeting and the one sentence on where the experimentation stands
- faq.py       the values of the FAQ answers' `{name}` placeholders
- forms.py     the forms' own sentences: problems with an answer, which answer to change, the questions
- buttons.py   every button the actions offer
- channel.py   what the channels say themselves (empty or too long message, technical problem, bad request)
"""
