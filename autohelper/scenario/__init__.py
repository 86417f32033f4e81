"""Scenarios: the model (`model.py`) and the YAML loader with positions (`loader.py`, reading
nodes in `nodes.py`, field types in `fields.py`, the docs table in `docs.py`)."""
