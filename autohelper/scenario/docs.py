"""The step-types table of `docs/scenarios.md`, generated from `STEP_TYPES`.

Built from the same registry and schema helpers the loader parses with, so the documented keys,
types and required-ness are the ones the loader enforces; a test compares it with the docs.
"""

from __future__ import annotations

from autohelper.scenario.fields import Field, is_required, parameters, primary_field, type_key
from autohelper.scenario.model import STEP_TYPES


def describe_step_types() -> str:
    """The markdown table of step types in `docs/scenarios.md`, built from `STEP_TYPES`."""
    rows = ["| step | value of the key | other keys | retried | what it does |", "|---" * 5 + "|"]
    for kind, cls in STEP_TYPES.items():
        others = [
            f"`{f.name}` ({_type_name(f)}{'' if is_required(cls, f) else ', optional'})"
            for f in parameters(cls)
        ]
        primary = primary_field(cls)
        doc = " ".join((cls.__doc__ or "").split("\n\n")[0].split())  # first paragraph
        doc = "" if doc.startswith(f"{cls.__name__}(") else doc  # dataclass's generated doc
        retried = "yes" if cls.retried else "no"
        rows.append(
            f"| `{kind}` | `{primary.name}` ({_type_name(primary)}) | "
            f"{', '.join(others) or '-'} | {retried} | {doc} |"
        )
    return "\n".join(rows) + "\n"


def _type_name(field: Field) -> str:
    # A `|` would split the markdown cell; optional-ness is shown separately.
    name = type_key(field)
    return f"list of {name[6:-6]}" if name.startswith("tuple[") else name
