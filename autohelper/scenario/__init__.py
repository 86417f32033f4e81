"""Scenarios: the model (`model.py`) and the YAML loader with positions (`loader.py`)."""
