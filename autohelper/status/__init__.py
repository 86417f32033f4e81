"""Where the student stands: procedures as data (`procedure.py`), business days
(`business_days.py`), the timeline of states and the next action (`timeline.py`), the help-desk
message (`helpdesk.py`), and its renderings (`terminal.py`, `report.py` for JSON and HTML,
`ics.py`). `standing.py` ties profile, journal and procedure together for the CLI.

Nothing here imports Playwright: `autohelper status` must start fast.
"""
