"""Board summary: a chosen scenario against the baseline as PowerPoint, PDF, Excel, web page
and Markdown."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from kcc import pipeline, report, scenarios, store
from kcc.formatting import escape_markdown
from kcc.ui import long_range, plan_cache
from kcc.ui import scenario_cache as cache
from kcc.ui.state import current_centre, init_page
from kcc.ui.views import capacity as capacity_view
from kcc.ui.views import simulation as simulation_view
from kcc.ui.views import strategy as strategy_view
from kcc.ui.widgets import error_text, fmt_day, plotly_chart

con, tr = init_page("export")
ss = st.session_state
lang = str(ss["lang"])
RESULT_KEY = "export.result"  # owned by no widget: the last summary and its files
BASELINE, WORKING = "\u0000baseline", "\u0000working"  # picker options no saved name can take

st.title(tr("report.page_title"))
st.caption(tr("report.page_intro"))

if long_range.interval_notice(con, tr, "export", plan_cache.series(con)):
    st.stop()
base = cache.baseline(con, tr)
if base is None:
    st.info(tr("common.no_data"))
    st.stop()
st.caption(tr("levers.baseline_caption", start=fmt_day(base.start),
              end=fmt_day(base.end), weeks=base.weeks))

link_error = cache.restore_from_link()  # a reload or a shared link brings its scenario back
if link_error is not None:
    st.error(tr("scenarios.link_error", error=error_text(link_error)))
cache.keep_in_link(cache.working_spec(), cache.working_name())

specs: dict[str, scenarios.ScenarioSpec] = {}
for row in cache.saved_scenarios(con).itertuples():
    try:
        specs[str(row.name)] = scenarios.ScenarioSpec.from_dict(row.spec)
    except ValueError:
        continue  # the Scenarios page says why a stored spec does not load
working = cache.working_spec()
options = [BASELINE, *([WORKING] if working != working.baseline() else []), *specs]
labels = {BASELINE: tr("report.baseline_option"),
          WORKING: tr("report.working_option", name=cache.working_name() or "-")}

with st.form("export.form"):
    top = st.columns([3, 3])
    choice = top[0].selectbox(
        tr("report.pick_scenario"), options, key="export.scenario",
        format_func=lambda o: labels.get(o, o),
    )
    title = top[1].text_input(tr("report.doc_title"), value=tr("report.default_title"),
                              key="export.title", max_chars=120)
    st.caption(tr("report.strategy_from_page"))
    stress = st.columns(3)
    surge_pct = stress[0].number_input(tr("report.stress_surge"), 0, 300,
                                       round(pipeline.DEFAULT_STRESS.uplift * 100), 10,
                                       key="export.surge_pct")
    surge_h = stress[1].number_input(tr("report.stress_hours"), 1, 24,
                                     pipeline.DEFAULT_STRESS.duration_min // 60, 1,
                                     key="export.surge_h")
    flex_agents = stress[2].number_input(tr("report.flex_pool_input"), 0, 500,
                                         pipeline.DEFAULT_STRESS.home_agents, 1,
                                         key="export.flex_agents")
    with st.expander(tr("report.section_texts")):
        texts = {key: st.text_area(tr(f"report.sec_{key}"), key=f"export.text_{key}", max_chars=1500,
                                   height=80)
                 for key in report.SECTIONS}
    generate = st.form_submit_button(tr("report.generate"), type="primary", key="export.generate")

if generate:
    started = time.perf_counter()
    with st.status(tr("report.progress_plan"), expanded=False) as status:
        bar = st.progress(0.0, text=tr("report.progress_plan"))
        settings = cache.settings(con)
        spec = {BASELINE: working.baseline(), WORKING: working}.get(choice) or specs[choice]
        # a scenario without its own stress test gets the one set on this page
        spec = pipeline.summary_spec(spec, pipeline.stress_test(surge_pct, surge_h, flex_agents))
        name = labels.get(choice, choice)
        baseline = cache.evaluate(con, base, spec.baseline(), tr("report.baseline"))
        bar.progress(0.3, text=tr("report.progress_stress"))
        result = cache.evaluate(con, base, spec, name)
        summary = pipeline.board_summary(
            base, baseline, result, settings, language=lang, texts=texts, title=title,
            strategy=strategy_view.choices_for(con, spec), prepared_by=strategy_view.author(con, tr),
            centre_name=current_centre(con).label(lang), logo=store.read_logo(con),
            simulation=simulation_view.for_export(con, settings, base.start, base.end,
                                                  baseline=choice == BASELINE),
            repeats=cache.repeat_rates(con), repeat_settings=cache.repeat_settings(con),
        )
        summary = report.with_capacity(summary, capacity_view.for_export(con, tr, baseline, result))
        files: dict[str, bytes] = {}
        for number, fmt in enumerate(report.FORMATS, start=1):
            bar.progress(0.4 + 0.6 * (number - 1) / len(report.FORMATS),
                         text=tr("report.progress_format", fmt=fmt.upper()))
            files[fmt] = report.render(summary, fmt)
        bar.empty()
        seconds = report.fmt_number(time.perf_counter() - started, 1, lang)
        status.update(label=tr("report.progress_done", seconds=seconds), state="complete")
    ss[RESULT_KEY] = {"summary": summary, "files": files, "lang": lang}

stored = ss.get(RESULT_KEY)
if not stored or stored["lang"] != lang:
    st.info(tr("report.press_generate"))
    st.stop()

summary, files = stored["summary"], stored["files"]
st.subheader(tr("report.downloads"))
for column, fmt in zip(st.columns(len(report.FORMATS)), report.FORMATS, strict=True):
    column.download_button(
        tr("report.download", fmt=fmt.upper()), files[fmt], file_name=report.file_name(summary, fmt),
        mime=report.FORMATS[fmt], key=f"export.download_{fmt}", on_click="ignore", width="stretch",
    )

st.subheader(tr("report.preview"))
st.markdown(f"**{escape_markdown(summary.title)}** — {escape_markdown(report.subtitle(summary))}")
sections = report.layout(summary)
for tab, section in zip(st.tabs([s.title for s in sections]), sections, strict=True):
    with tab:
        # the user's own words and the facts (with scenario and user names) are text, not Markdown
        for paragraph in section.text.split("\n\n"):
            if paragraph.strip():
                st.markdown(escape_markdown(paragraph.strip()))
        if section.facts:
            st.markdown("\n".join(f"- {escape_markdown(fact)}" for fact in section.facts))
        for chart in section.charts:
            plotly_chart(report.chart_figure(chart), key=f"export.chart_{chart.key}", width="stretch")
        for table in section.tables:
            if table.title:
                st.caption(escape_markdown(table.title))
            st.dataframe(pd.DataFrame(list(table.rows), columns=list(table.columns)), hide_index=True,
                         key=f"export.table_{table.key}", width="stretch")
