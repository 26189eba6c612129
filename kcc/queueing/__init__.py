"""Erlang B, C and A queueing maths for contact-centre staffing.

Two public functions, both vectorised over numpy broadcasting so that one call handles
every interval of a channel (a year of 15-minute intervals is 35,040 elements):

* :func:`queue_metrics` -- the service a given number of agents delivers.
* :func:`required_agents` -- the fewest agents that meet one or more targets.

Models
------
* ``patience_s=None`` (or ``inf``): Erlang C, M/M/n -- nobody abandons.
* ``patience_s`` a number: Erlang A, M/M/n+M -- exponential patience with that mean.
* ``lines`` a number: at most ``lines`` calls in the system (in service plus waiting);
  a call arriving when all lines are busy gets a busy signal and does not redial
  (M/M/n/K and M/M/n/K+M, solved as a finite birth-death chain).

Numerics
--------
No factorials and no powers of the load: Erlang B is ``pmf / cdf`` of a Poisson law, with
the pmf taken in log space through Stirling's series and ``log1p(t) - t`` (so
its error grows with ``|load - agents|``, not with ``agents * log(agents)``), and the cdf
from the regularised incomplete gamma function. Erlang A uses the Garnett-Mandelbaum-Reiman
function ``A(x, y) = 1F1(1; y+1; x)``, taken from the incomplete gamma function where that
is accurate and from its positive series where the gamma route would cancel or underflow.
The mean wait of answered calls in Erlang A is a weighted mean of harmonic sums over the
same series (derived from the sojourn of a tagged call, see
``kcc.queueing.models``).

Any finite input gives finite numbers in bounded work (issue 12: one count of 1e12 stalled
the planning pages). No series runs long: where the Poisson cdf or the gamma form of ``A``
underflows with a ratio near 1 the integral forms are taken with a 48-point Gauss-Laguerre
rule, a wait sum longer than 5,000 terms goes on a stride with Euler-Maclaurin end
corrections, long line limits are cut, and the staffing search gallops and bisects. Beyond
``kcc.config.MAX_EXACT_AGENTS`` agents or Erlangs results carry ``approximate``.

Layout
------
* :mod:`kcc.queueing.results` -- the result types ``QueueMetrics`` and ``Requirement``.
* :mod:`kcc.queueing.special` -- special functions in log space (Erlang B, Kummer, wait sums).
* :mod:`kcc.queueing.models` -- Erlang C, Erlang A and the finite chain; ``queue_metrics``.
* :mod:`kcc.queueing.search` -- the agent search; ``required_staffing``, ``required_agents``.
* :mod:`kcc.queueing.inputs` -- input checks shared by the models and the search.
* :mod:`kcc.queueing.backlog` -- deferred work: a FIFO backlog worked in open time against a
  deadline in open hours (``open_deadlines``, ``fifo_backlog``; staffed by
  ``kcc.staffing.deferred_staffing``).
* :mod:`kcc.queueing.chat` -- chat agents holding several sessions, each slower the more
  its agent holds: a birth-death chain under balanced load (``chat_metrics``,
  ``required_chat_agents``, ``chat_load``, ``full_load_sessions_per_hour``,
  ``lone_session_s``; ``kcc.staffing.chat_agents_queueing``, the plan and the surge test
  use it).
* :mod:`kcc.queueing.transient` -- a time-varying Erlang C queue carried across intervals and
  closed time, exactly by uniformisation (``transient_erlang_c``; the plan scores short-target
  deferred work such as WhatsApp with it, ``kcc.staffing.queue_service``).
* :mod:`kcc.queueing.fluid` -- a real-time queue with abandonment as a fluid carried across
  intervals (``fluid_queue``, the surge stress test).
"""

from kcc.queueing.backlog import Backlog, fifo_backlog, open_deadlines
from kcc.queueing.chat import (
    ChatLoad,
    chat_load,
    chat_metrics,
    full_load_sessions_per_hour,
    lone_session_s,
    required_chat_agents,
)
from kcc.queueing.fluid import FluidQueue, fluid_queue
from kcc.queueing.models import queue_metrics
from kcc.queueing.results import INT_AGENTS_CEILING, FloatArray, QueueMetrics, Requirement
from kcc.queueing.search import required_agents, required_staffing
from kcc.queueing.transient import TransientQueue, transient_erlang_c

__all__ = [
    "INT_AGENTS_CEILING",
    "Backlog",
    "ChatLoad",
    "FloatArray",
    "FluidQueue",
    "QueueMetrics",
    "Requirement",
    "TransientQueue",
    "chat_load",
    "chat_metrics",
    "fifo_backlog",
    "fluid_queue",
    "full_load_sessions_per_hour",
    "lone_session_s",
    "open_deadlines",
    "queue_metrics",
    "required_agents",
    "required_chat_agents",
    "required_staffing",
    "transient_erlang_c",
]
