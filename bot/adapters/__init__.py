"""The Rasa adapters: NLU components, channels, the tracker store, the speed-ups and training.

They import the core (bot.core) and Rasa; nothing here decides or phrases anything the visitor sees.
"""
