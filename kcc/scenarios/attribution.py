"""What each lever of a scenario does on its own, and what the levers do together.

A lever's own effect is the scenario with only that lever changed, against the baseline.
The whole scenario's change is shown beside them, and the interaction is what is left: the
total minus the own effects. So a tab that names "EUR per extra opening hour" credits the
hours with what the hours do, not with what FCR or a channel shift does at the same time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from kcc.scenarios.evaluation import ScenarioResult, cost_per_change
from kcc.scenarios.spec import ScenarioSpec
from kcc.scenarios.validation import remainder

#: The levers a spec holds, each a set of spec fields the Levers page sets in one tab's
#: form (the stress test changes no headline number and has no effect to attribute).
LEVER_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "opening_hours": ("opening_hours",),
    "closed_hours": ("closed_hours",),
    "channel_mix": ("shifts",),
    "targets": ("targets",),
    "fcr": ("fcr",),
    "costs": ("costs", "flex_premium"),
}
LEVERS: Final[tuple[str, ...]] = tuple(LEVER_FIELDS)


@dataclass(frozen=True)
class Effect:
    """A change against the baseline.

    Attributes
    ----------
    delta_fte : float
        Extra FTE needed. [FTE]
    delta_cost_eur_per_month : float
        Extra cost. [EUR/month]
    caught_per_week : float
        Extra contacts meeting an open channel. [contacts/week]
    extra_open_hours_per_week : float
        Opening hours added, summed over channels and weekdays. [h/week]
    """

    delta_fte: float = 0.0
    delta_cost_eur_per_month: float = 0.0
    caught_per_week: float = 0.0
    extra_open_hours_per_week: float = 0.0

    @classmethod
    def of(cls, result: ScenarioResult) -> Effect:
        """The change a scenario result makes against its baseline."""
        return cls(float(result.delta_fte), float(result.delta_cost_eur_per_month),
                   float(result.caught_per_week), float(result.extra_open_hours_per_week))

    @property
    def cost_eur_per_extra_hour(self) -> float:
        """Extra weekly cost per extra opening hour; NaN when the hours did not change. [EUR/h]"""
        return cost_per_change(self.delta_cost_eur_per_month, self.extra_open_hours_per_week,
                               self.caught_per_week)[0]

    @property
    def cost_eur_per_caught_contact(self) -> float:
        """Extra weekly cost per extra contact caught; NaN when none was. [EUR/contact]"""
        return cost_per_change(self.delta_cost_eur_per_month, self.extra_open_hours_per_week,
                               self.caught_per_week)[1]


@dataclass(frozen=True)
class Attribution:
    """A scenario's change split into the levers' own effects and their interaction.

    ``math.fsum(own) + interaction == total`` for every number of :class:`Effect` (to the
    last bit; see ``kcc.scenarios.validation.remainder``).

    Attributes
    ----------
    total : Effect
        The whole scenario against the baseline.
    own : tuple of (str, Effect)
        Per lever the spec changes (in ``LEVERS`` order): the scenario with only that lever.
    interaction : Effect
        ``total`` minus the own effects: what the levers do together beyond each alone.
    """

    total: Effect
    own: tuple[tuple[str, Effect], ...]
    interaction: Effect

    def own_effect(self, lever: str) -> Effect:
        """The lever's own effect; no change when the spec leaves it as in the baseline."""
        return dict(self.own).get(lever, Effect())

    @property
    def levers(self) -> tuple[str, ...]:
        """The levers the spec changes."""
        return tuple(name for name, _ in self.own)


def active_levers(spec: ScenarioSpec) -> tuple[str, ...]:
    """The levers ``spec`` changes from the baseline, in ``LEVERS`` order."""
    base = spec.baseline()
    return tuple(lever for lever, fields in LEVER_FIELDS.items()
                 if any(getattr(spec, f) != getattr(base, f) for f in fields))


def lever_alone(spec: ScenarioSpec, lever: str) -> ScenarioSpec:
    """The baseline with only ``lever`` set as in ``spec``.

    Raises
    ------
    KeyError
        For a lever not in ``LEVERS``.
    """
    fields = LEVER_FIELDS[lever]
    return dataclasses.replace(spec.baseline(), **{f: getattr(spec, f) for f in fields})


def attribution(total: Effect, own: Mapping[str, Effect]) -> Attribution:
    """Split a scenario's change into the levers' own effects and the interaction.

    Parameters
    ----------
    total : Effect
        The whole scenario against the baseline.
    own : mapping of str to Effect
        Per lever the scenario changes: its effect alone against the baseline.

    Returns
    -------
    Attribution
    """
    ordered = tuple((lever, own[lever]) for lever in (*LEVERS, *sorted(set(own) - set(LEVERS))) if lever in own)
    rest = {f.name: remainder(getattr(total, f.name), [getattr(e, f.name) for _, e in ordered])
            for f in dataclasses.fields(Effect)}
    return Attribution(total, ordered, Effect(**rest))


def results_alone(spec: ScenarioSpec, evaluate: Callable[[ScenarioSpec], ScenarioResult],
                  result: ScenarioResult | None = None) -> dict[str, ScenarioResult]:
    """Per lever ``spec`` changes: the evaluation of that lever alone (``result``, the whole
    scenario's, when it is the only lever: no second evaluation)."""
    levers = active_levers(spec)
    whole = result if result is not None else evaluate(spec)
    return {lever: whole if len(levers) == 1 else evaluate(lever_alone(spec, lever)) for lever in levers}


def attribute(spec: ScenarioSpec, evaluate: Callable[[ScenarioSpec], ScenarioResult],
              result: ScenarioResult | None = None) -> Attribution:
    """Evaluate each lever of ``spec`` alone and split the scenario's change.

    Parameters
    ----------
    spec : ScenarioSpec
    evaluate : callable
        Spec -> :class:`ScenarioResult` on one baseline (a cached one on the page).
    result : ScenarioResult, optional
        ``evaluate(spec)`` when already at hand.

    Returns
    -------
    Attribution
        With one lever the own effect is the total and the interaction zero, without a
        second evaluation.
    """
    whole = result if result is not None else evaluate(spec)
    alone = results_alone(spec, evaluate, whole)
    return attribution(Effect.of(whole), {lever: Effect.of(r) for lever, r in alone.items()})
