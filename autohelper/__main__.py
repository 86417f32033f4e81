"""`python -m autohelper`."""

from __future__ import annotations

from autohelper.cli import main

if __name__ == "__main__":
    main()
