"""The pure core: what the assistant knows, decides, reads and says, as plain Python with no Rasa import.

- knowledge/  the facts (dated, sourced YAML) and their loader
- status, eligibility, funding, employer   the rules
- read/       every parser of the visitor's words
- say/        every French sentence and button the product produces
"""
