"""VAE inversée assistant: the product around Rasa (plain Python core, no Rasa import).

Every process of the product imports this package first (the CLI, the Rasa launcher bot.adapters.speedups, the
action server's actions, the benchmark, the review console), and the processes they start inherit its
environment: here Rasa's usage telemetry (sent to Segment) and its error reports (sent to Sentry) are turned
off, so the assistant never calls out to a third party. Rasa would otherwise turn both on for any machine
whose home folder holds no Rasa configuration yet, and print a banner saying so.
"""
import os

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
