"""VAE inversée assistant: the product around Rasa (plain Python core, no Rasa import)."""
