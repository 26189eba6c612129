"""The Streamlit layer the pages share: cached connection, page set-up, language, widgets.

This is the only part of ``kcc`` that imports Streamlit.
"""
