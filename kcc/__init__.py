"""KCC Planner core: contact-centre forecasting, staffing and strategy maths.

Everything in this package is pure and Streamlit-free, except the ``kcc.ui`` subpackage.
"""

__version__ = "0.1.0"
