"""Timeline figures (book/_ext/asyncbook/timeline.py): each is drawn from its
listing's recorded run, in its edition's words, on the time scale it shares
with the listings it is compared with.  Their PDF and ePub forms are checked
in test_offline.py."""

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from asyncbook import listings, runner, timeline
from asyncbook.code_i18n import CJK, catalog
from asyncbook.languages import LANGUAGES, SOURCE_LANGUAGE
from conftest import ROOT

DIRECTIVE = re.compile(r"```\{timeline\} (\S+)\n((?::\w+: .*\n)*)```")
# The listings whose lesson is about time: those whose timing claims (the
# `seconds` of their listing.toml, see test_timings.py) say that time passes.
# Each must have its figure; where no time passes, a figure would show nothing.
ABOUT_TIME = [listing.name for listing in listings.all_listings() if any(listing.options.get("seconds", []))]
# Listings the text compares: their figures must share one time scale.
COMPARED = [("ch01-why-async/01-sync-download", "ch02-async-await/01-gather"),
            ("ch02-async-await/01-gather", "ch02-async-await/02-sequential-await"),
            ("ch03-key-points/05-gather-exceptions", "ch03-key-points/06-taskgroup")]


def directives():
    """{listing name: its :scale: option} for every timeline in the pages."""
    found = {}
    for page in sorted((ROOT / "book").glob("ch*.md")):
        for name, options in DIRECTIVE.findall(page.read_text("utf-8")):
            scale = re.search(r":scale: (\S+)", options)
            found[f"{page.stem}/{name}"] = scale.group(1) if scale else None
    return found


def events(name, language):
    path = listings.find(name).events_path(language)
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def marks(recorded):
    """What the figure must show, read straight from the events: every wait
    as kind_task_start_end, every ending as result_task_t (the main program
    ends with the last thing it does outside a task)."""
    waiting, found = {}, set()
    outside = [e for e in recorded if e.get("task") == "main"]
    if outside:
        found.add(f"end_main_{end_of(outside):g}")
    for event in recorded:
        task, t = timeline.xml_name(event.get("task", "main")), event["t"]
        if event["event"] in ("resume", "done") and task in waiting:
            kind, start = waiting.pop(task)
            found.add(f"{kind}_{task}_{start:g}_{t:g}")
        if event["event"] == "wait":
            waiting[task] = (event["on"], t)
        elif event["event"] == "block":
            found.add(f"block_{task}_{t:g}_{t + event['detail']:g}")
        elif event["event"] == "done":
            found.add(f"{event['result']}_{task}_{t:g}")
    for task, (kind, start) in waiting.items():  # never resumed (a task destroyed while pending): to the end
        found.add(f"{kind}_{task}_{start:g}_{end_of(recorded):g}")
    return found


def end_of(recorded):
    return max(e["t"] + (e["detail"] if e["event"] == "block" else 0) for e in recorded)


def figures(html_dir):
    """{listing name: its <figure>} in an edition's HTML."""
    found = {}
    for page in sorted(html_dir.glob("ch*.html")):
        for figure in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("figure.timeline"):
            found[figure["data-listing"]] = figure
    return found


def test_every_listing_about_time_has_a_timeline():
    assert set(ABOUT_TIME) <= set(directives())


def test_compared_listings_are_drawn_on_one_scale():
    shown = directives()
    for first, second in COMPARED:
        assert shown[first] and shown[first] == shown[second], f"{first} and {second}: no shared :scale:"


def test_a_changed_run_fails_with_a_diff_of_its_events(tmp_path):
    """Like a changed output: the events file is compared, and the message
    says how to record it again."""
    original = listings.find("ch02-async-await/01-gather")
    copy = tmp_path / original.chapter / original.path.name
    shutil.copytree(original.path, copy)
    events_file = copy / "events.jsonl"
    events_file.write_text(events_file.read_text("utf-8").replace('"detail": 5', '"detail": 4'), "utf-8")
    problem = runner.diff(listings.Listing(copy))
    assert "events.jsonl (recorded)" in problem and '-{"t": 0.0, "event": "wait"' in problem
    assert "run `make outputs`" in problem


def test_missing_events_are_reported(tmp_path):
    original = listings.find("ch03-key-points/03-sleep-result")
    copy = tmp_path / original.chapter / original.path.name
    shutil.copytree(original.path, copy, ignore=shutil.ignore_patterns("events*.jsonl"))
    problem = runner.diff(listings.Listing(copy))
    assert problem == f"{copy / 'events.jsonl'}: no recorded events; record it with `make outputs`\n"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_figure_shows_its_recorded_run(html_of, language):
    drawn = figures(html_of(language))
    assert set(drawn) == set(directives()), "a timeline directive without its figure (or the reverse)"
    for name, figure in drawn.items():
        prefix = f"timeline-{name.replace('/', '-')}-"
        ids = {node["id"].removeprefix(prefix) for node in figure.select("[id]")}
        recorded = events(name, language)
        tasks = {e["task"] for e in recorded if "task" in e} | {"main"}  # named tasks too ("烧水")
        task = "|".join(re.escape(timeline.xml_name(t)) for t in sorted(tasks))
        shown = {i for i in ids if re.fullmatch(rf"[a-z]+_({task})_[\d.]+(_[\d.]+)?", i)}
        assert shown == marks(recorded), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_alt_text_gives_every_finishing_time(html_of, language):
    words = catalog(language, "ch02-async-await") if language != SOURCE_LANGUAGE else {}
    template = words.get(timeline.ALT_ROW["done"]) or timeline.ALT_ROW["done"]
    for name, figure in figures(html_of(language)).items():
        svg = figure.find("svg")
        assert svg["role"] == "img"
        alt = svg["aria-label"]
        recorded = events(name, language)
        created = {e["task"]: e for e in recorded if e["event"] == "create"}
        for event in recorded:
            if event["event"] == "done" and event["result"] == "done":
                task = created[event["task"]]
                expected = template.format(row=task["coro"], start=f"{task['t']:g}", t=f"{event['t']:g}")
                assert expected in alt, (name, alt)


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_hold_only_their_editions_words(html_of, language):
    for name, figure in figures(html_of(language)).items():
        text = " ".join(t.get_text() for t in figure.select("svg text"))
        if language == SOURCE_LANGUAGE:
            assert "时间（秒）" in text, name
            assert "time (s)" not in text, name
        else:
            assert not CJK.search(text), f"{name} [{language}]: Chinese in the figure: {text}"
            assert not CJK.search(figure.find("svg")["aria-label"]), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_compared_share_their_time_axis(html_of, language):
    drawn = figures(html_of(language))
    groups = {}
    for name, scale in directives().items():
        groups.setdefault(scale or name, []).append(name)
    for members in groups.values():
        longest = max(end_of(events(name, language)) for name in members)
        for name in members:
            assert float(drawn[name]["data-scale"]) == longest, name
        ticks = {name: [t.get_text() for t in drawn[name].select('[id$="matplotlib.axis_1"] text')] for name in members}
        assert len({tuple(t) for t in ticks.values()}) == 1, ticks
