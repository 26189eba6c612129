"""The golden run: the demo centre's numbers, captured once and compared on every test run.

``compute.run()`` builds the seeded demo centre in memory and computes, without Streamlit, what
the pages and exports show: the 13-week interval plan (Overview, Staffing), every strategy
lever's scenario result (Levers, Scenarios) and the board summary (Export). ``capture`` writes
it to the files in this folder; ``tests/test_golden.py`` recomputes it and compares.
"""
