"""QA at scale: cases as data (`cases.py`), what a case expects and how a run is judged
(`expect.py`), the evidence a case keeps (`record.py`), one worker's browser and mock
(`worker.py`), the pytest plugin that collects and runs cases (`plugin.py`), the friendly front
behind `autohelper qa` (`front.py`), the read-only drift walk (`check.py`) and JUnit merging
(`junit.py`).

Nothing here imports Playwright at module level: `autohelper --help` stays fast, and pytest
loads the plugin in every session of this environment.
"""
