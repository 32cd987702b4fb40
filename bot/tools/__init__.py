"""The tools around the product: the command line, the launcher, the widget's server, the review console, the
benchmark and the evaluation. They import the adapters and the core; nothing below imports them."""
