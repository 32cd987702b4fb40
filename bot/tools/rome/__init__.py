"""Tools over France Travail's ROME: import the open-data CSVs, measure the job reader."""
