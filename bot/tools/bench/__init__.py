"""The benchmark of the assistant under load (`make bench`, `python -m bot.tools.bench`): not a test, it prints figures.

- scenarios.py  what a simulated visitor says, and what the answers should contain (pure data)
- load.py       the asyncio REST client: visitors at a level, saturated or pausing 2–6 s, with progress
- memory.py     resident memory of the servers' process trees, sampled while a level runs (psutil)
- floor.py      the NLU parse alone and the spaCy pipeline alone, in-process (run in its own process)
- setups.py     ours vs Rasa's default recipe served like a stock set-up; the cached default model; cold start
                and training times
- stats.py      percentiles and per-level figures (pure)
- report.py     ratios ours/default, the issue's targets, results/bench/results.json, latency.png, the summary
"""
