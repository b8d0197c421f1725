"""Timeline figures: a picture of a listing's run, drawn from its recorded
events (``events.jsonl``, see virtual_clock), never by hand.

One row per task (and one for the synchronous main program when it prints
or blocks outside any task): when the task waits, and on what (a bar), when
it runs (a tick), when it prints (a dot), and how it ends.  The time axis is
in seconds of the virtual clock.  Listings that the book compares share one
time scale, so that 5 s and 10 s look like 5 s and 10 s.

In a page, after the listing::

    ```{timeline} 01-gather
    :scale: download
    ```

``:scale:`` names a group of figures drawn on the same axis: every
``timeline`` with the same name, anywhere in the book.  The figure's words
(legend, axis, row names, the text for screen readers) are messages of the
chapter's catalog, like the listing's own comments and strings.

Drawn with matplotlib: SVG with real text for HTML and ePub, PDF for LaTeX.
"""

import hashlib
import io
import json
import os
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .code_i18n import catalog, catalog_path, locale_dir
from .languages import ROOT, SOURCE_LANGUAGE
from .listings import EXAMPLES, Listing, all_listings, listing_messages

# Every word a figure may show, in the source language.  Extracted into the
# chapter's catalog by the directive (only those its figure uses).
MAIN_PROGRAM = "主程序"
AXIS = "时间（秒）"
RUNS = "轮到它运行"  # not "运行": that msgid is also a comment in a listing
PRINTS = "打印一行输出"
ENDS = {"done": "完成", "failed": "出错", "cancelled": "被取消"}
WAITS = {
    "sleep": "等待 asyncio.sleep()",
    "block": "阻塞在 time.sleep()",
    "tasks": "等待其他任务",
    "lock": "等待锁",
    "event": "等待事件",
    "queue": "等待队列",
    "io": "等待 I/O",
    "thread": "等待线程",
    "future": "等待 Future",
}
ALT = "时间线：{rows}。"
# a task's row: when it started and how it ended; the main program's: when it ended
ALT_ROW = {"done": "{row} 从第 {start} 秒开始，在第 {t} 秒完成", "failed": "{row} 从第 {start} 秒开始，在第 {t} 秒出错",
           "cancelled": "{row} 从第 {start} 秒开始，在第 {t} 秒被取消", "end": "主程序在第 {t} 秒结束"}
ALT_SEPARATOR = "；"
ALL_WORDS = [MAIN_PROGRAM, AXIS, RUNS, PRINTS, *ENDS.values(), *WAITS.values(), ALT, *ALT_ROW.values(), ALT_SEPARATOR]

COLOURS = {  # Okabe–Ito: distinguishable with colour-blindness, on the figure's own white
    "sleep": "#56B4E9", "block": "#D55E00", "tasks": "#D9D9D9", "lock": "#CC79A7", "event": "#CC79A7",
    "queue": "#009E73", "io": "#F0E442", "thread": "#E69F00", "future": "#BBBBBB",
}
ENDINGS = {"done": ("o", "#009E73"), "failed": ("X", "#D55E00"), "cancelled": ("s", "#777777")}
FONTS = ["DejaVu Sans", "Noto Sans CJK SC"]
WIDTH = 5.6  # inches; the PDF scales it to its text width, HTML to the column
ROW_HEIGHT = 0.8


@dataclass
class Span:
    start: float
    end: float | None
    kind: str  # a key of WAITS
    text: str  # what it waits on, e.g. "sleep(5)"


@dataclass
class Row:
    key: str  # the task's name, or "main"
    label: str  # its coroutine, e.g. "fetch('慢任务', 3)", or the main program
    start: float = 0.0
    spans: list = field(default_factory=list)
    runs: list = field(default_factory=list)  # moments it resumed
    prints: list = field(default_factory=list)  # (t, line)
    end: tuple | None = None  # (t, "done" | "failed" | "cancelled")


def load(listing: Listing, language: str) -> list[dict]:
    path = listing.events_path(language)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no recorded events; record them with `make outputs`")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def rows(events: list[dict]) -> list[Row]:
    """The figure's rows, from the events: the main program (when it does
    something outside a task), then every task in order of creation."""
    table = {"main": Row("main", MAIN_PROGRAM)}
    for event in events:
        t, key = event["t"], event.get("task", "main")
        if event["event"] == "create":
            table[key] = Row(key, event["coro"], start=t)
            continue
        row = table[key]
        if event["event"] in ("resume", "done") and row.spans and row.spans[-1].end is None:
            row.spans[-1].end = t
        if event["event"] == "resume":
            row.runs.append(t)
        elif event["event"] == "wait":
            row.spans.append(Span(t, None, event["on"], _wait_text(event, row)))
        elif event["event"] == "block":
            row.spans.append(Span(t, t + event["detail"], "block", _wait_text(event, row)))
        elif event["event"] == "print":
            row.prints.append((t, event["line"]))
        elif event["event"] == "done":
            row.end = (t, event["result"])
    main = table["main"]
    if main.prints or main.spans or len(table) == 1:
        last = max([e["t"] for e in events if e.get("task", "main") == "main"] + [s.end for s in main.spans], default=0)
        main.end = (last, "end")
    else:
        del table["main"]
    return list(table.values())


def _wait_text(event: dict, row: Row) -> str:
    call = {"sleep": "sleep({:g})", "time.sleep": "time.sleep({:g})"}.get(event["on"])
    text = call.format(event["detail"]) if call else ""
    inside = event.get("inside")
    if text and inside not in (None, "<module>") and (row.key == "main" or not row.label.startswith(f"{inside}(")):
        text = f"{inside}(): {text}"  # the function that waits, when the row's name does not say it
    return text


def end_time(events: list[dict]) -> float:
    return max((e["t"] + (e["detail"] if e["event"] == "block" else 0) for e in events), default=0.0)


def messages(events: list[dict]) -> list[str]:
    """The catalog messages a figure of these events shows."""
    drawn = rows(events)
    found = [AXIS, ALT, ALT_SEPARATOR]
    if any(row.key == "main" for row in drawn):
        found.append(MAIN_PROGRAM)
    kinds = {span.kind for row in drawn for span in row.spans}
    found += [WAITS[kind] for kind in WAITS if kind in kinds]
    found += [RUNS] if any(row.runs for row in drawn) else []
    found += [PRINTS] if any(row.prints for row in drawn) else []
    ends = {row.end[1] for row in drawn if row.end}
    found += [ENDS[end] for end in ENDS if end in ends]
    found += [ALT_ROW[end] for end in ALT_ROW if end in ends]
    return found


def alt_text(events: list[dict], translate=lambda text: text) -> str:
    """For screen readers: how each row ends, and when."""
    parts = []
    for row in rows(events):
        if row.end:
            parts.append(translate(ALT_ROW[row.end[1]]).format(row=row.label, start=f"{row.start:g}", t=f"{row.end[0]:g}"))
    return translate(ALT).format(rows=translate(ALT_SEPARATOR).join(parts))


def _labels(spans, end):
    """(start, stop, text) of the words on the bars: one label for a run of
    back-to-back waits with the same words, "print_numbers(): sleep(1) ×5"."""
    labels = []
    for span in spans:
        stop = span.end if span.end is not None else end
        if labels and labels[-1][2] == span.text and labels[-1][1] == span.start:
            labels[-1][1], labels[-1][3] = stop, labels[-1][3] + 1
        else:
            labels.append([span.start, stop, span.text, 1])
    return [(start, stop, f"{text} ×{count}" if count > 1 else text) for start, stop, text, count in labels if text]


def _shorten(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> float:
    """Approximate width in ems: CJK characters are full width."""
    return sum(1.0 if re.match(r"[\u2e80-\u9fff\uff00-\uffef]", c) else 0.6 for c in text)


@lru_cache(maxsize=1)
def _pyplot():
    import matplotlib

    matplotlib.use("agg")
    matplotlib.rcParams.update({
        "font.family": FONTS, "font.size": 9, "svg.fonttype": "none", "svg.hashsalt": "asyncbook",
        "pdf.fonttype": 42, "axes.unicode_minus": False,
    })
    from matplotlib import pyplot

    return pyplot


def figure(events: list[dict], scale: float, translate=lambda text: text):
    """The matplotlib figure of a run, on an axis from 0 to ``scale`` seconds."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MultipleLocator

    plt = _pyplot()
    drawn = rows(events)
    height = ROW_HEIGHT * len(drawn) + 1.1
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    fig.patch.set_facecolor("white")
    points_per_second = WIDTH * 72 * 0.9 / scale
    for i, row in enumerate(drawn):
        y = len(drawn) - 1 - i
        end = row.end[0] if row.end else scale
        ax.plot([row.start, end], [y, y], color="#444444", linewidth=1, zorder=1)
        label = translate(row.label) if row.key == "main" else row.label
        ax.text(0, y + 0.24, label, ha="left", va="bottom", fontsize=10, zorder=4)
        for span in row.spans:
            stop = span.end if span.end is not None else end
            hatch = "////" if span.kind == "block" else None
            bars = ax.barh(y, stop - span.start, left=span.start, height=0.34, color=COLOURS[span.kind],
                           edgecolor="#333333", linewidth=0.6, hatch=hatch, zorder=2)
            bars.patches[0].set_gid(f"{span.kind}_{xml_name(row.key)}_{span.start:g}_{stop:g}")  # an id in the SVG, for the tests
        for start, stop, text in _labels(row.spans, end):
            if _width(text) * 8 < (stop - start) * points_per_second - 4:
                ax.text(start + (stop - start) / 2, y, text, ha="center", va="center", fontsize=8,
                        zorder=4.5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.8})
        for t in row.runs:
            ax.plot([t, t], [y - 0.24, y + 0.24], color="black", linewidth=2, zorder=3)
        free_from = None  # a printed line's text is shown where it does not cover the previous one
        for t, line in row.prints:
            ax.plot([t], [y - 0.27], marker="v", color="black", markersize=4, zorder=4)
            text = _shorten(line)
            x, width = t * points_per_second, _width(text) * 7.5 + 4
            left = x + width > scale * points_per_second  # at the right edge: the text ends at the dot
            if free_from is None or (x - width if left else x - 3) >= free_from:
                ax.text(t, y - 0.34, text, ha="right" if left else "left", va="top", fontsize=7.5, color="#333333",
                        zorder=4, transform=ax.transData)
                free_from = x + (0 if left else width)
        if row.end:
            marker, colour = ENDINGS.get(row.end[1], ("|", "#444444"))
            (ending,) = ax.plot([row.end[0]], [y], marker=marker, color=colour, markersize=7, markeredgecolor="black",
                                markeredgewidth=0.6, zorder=5)
            ending.set_gid(f"{row.end[1]}_{xml_name(row.key)}_{row.end[0]:g}")
    ax.set_xlim(-0.02 * scale, scale * 1.02)
    if scale <= 12:
        ax.xaxis.set_major_locator(MultipleLocator(1))
    ax.set_ylim(-0.8, len(drawn) - 0.25)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(translate(AXIS))
    ax.xaxis.grid(True, color="#E5E5E5", zorder=0)
    ax.set_axisbelow(True)
    legend = []
    kinds = {span.kind for row in drawn for span in row.spans}
    for kind in WAITS:
        if kind in kinds:
            legend.append(Patch(facecolor=COLOURS[kind], edgecolor="#333333", hatch="////" if kind == "block" else None,
                                label=translate(WAITS[kind])))
    if any(row.runs for row in drawn):
        legend.append(Line2D([], [], color="black", linewidth=2, label=translate(RUNS)))
    if any(row.prints for row in drawn):
        legend.append(Line2D([], [], color="black", marker="v", linestyle="none", markersize=4, label=translate(PRINTS)))
    ends = {row.end[1] for row in drawn if row.end}
    for end, (marker, colour) in ENDINGS.items():
        if end in ends:
            legend.append(Line2D([], [], marker=marker, color=colour, markeredgecolor="black", linestyle="none",
                                 label=translate(ENDS[end])))
    fig.legend(handles=legend, loc="lower center", ncol=min(len(legend), 4), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 0))
    legend_rows = (len(legend) + 3) // 4
    fig.tight_layout(rect=(0, (0.2 * legend_rows + 0.02) / height, 1, 1))
    return fig


def xml_name(text: str) -> str:
    """A task's name as part of an SVG id: an id must be an XML name (ePub
    checks it), without spaces, colons or brackets ("Cook A" → "Cook-A")."""
    return re.sub(r"[^\w.-]", "-", text)


def svg(events, scale, translate=lambda text: text, document=False, prefix="") -> str:
    """The figure as SVG, text as text, without a date.  Inside a page
    (``document=False``): no XML declaration and no fixed size (CSS sizes it),
    and every id starts with ``prefix`` (ids are unique in a page)."""
    text = _cached("svg", events, scale, translate).decode("utf-8")
    if document:  # a file of its own, without the DTD (ePub forbids external entities)
        return re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, count=1)
    text = text[text.index("<svg"):]
    text = re.sub(r'(\bid="|url\(#|href="#)', rf"\g<1>{prefix}", text)
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)


def pdf(events, scale, path: Path, translate=lambda text: text) -> None:
    path.write_bytes(_cached("pdf", events, scale, translate))


def _render(fmt, events, scale, translate) -> bytes:
    out = io.BytesIO()
    with _drawn(events, scale, translate) as fig:
        metadata = {"Date": None} if fmt == "svg" else {"CreationDate": None, "ModDate": None}
        fig.savefig(out, format=fmt, metadata=metadata)
    data = out.getvalue()
    return re.sub(rb"\s*<metadata>.*?</metadata>", b"", data, flags=re.S) if fmt == "svg" else data


# Drawing takes matplotlib's import and, for a PDF, embedding font subsets
# (seconds per figure).  A drawing depends only on the events, the scale,
# the edition's words, this module and matplotlib's version: made once, it is
# kept under _build/ by that key, for every build and every test.
CACHE = ROOT / "_build" / "timelines"


def _cached(fmt, events, scale, translate) -> bytes:
    from importlib.metadata import version

    words = sorted({*[translate(m) for m in ALL_WORDS], *[translate(row.label) for row in rows(events)]})
    key = json.dumps([fmt, events, scale, words, version("matplotlib"), Path(__file__).read_bytes().hex()],
                     ensure_ascii=False)
    path = CACHE / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.{fmt}"
    if path.exists():
        return path.read_bytes()
    data = _render(fmt, events, scale, translate)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")  # parallel builds: whole files only
    partial.write_bytes(data)
    os.replace(partial, path)
    return data


class FigureError(Exception):
    pass


@contextmanager
def _drawn(events, scale, translate):
    """The figure, where any warning of matplotlib's (a glyph missing from
    the fonts: `make system-deps` installs them) is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fig = figure(events, scale, translate)
            try:
                yield fig
            finally:
                _pyplot().close(fig)
        except UserWarning as warning:
            raise FigureError(f"drawing a timeline: {warning} (fonts: {', '.join(FONTS)}; run `make system-deps`)") from None


# Sphinx: the ``timeline`` directive -----------------------------------------

CSS_CLASS = "timeline"
logger = logging.getLogger(__name__)


class timeline_figure(nodes.General, nodes.Element):
    """A listing's timeline; drawn when the page is written, once every
    figure sharing its time scale is known."""


class TimelineDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"scale": directives.unchanged_required}

    def run(self):
        chapter = Path(self.env.docname).name
        listing = Listing(EXAMPLES / chapter / self.arguments[0])
        if not listing.path.is_dir():
            raise self.error(f"listing folder not found: {listing.path.relative_to(ROOT)}")
        if listing.clock != "virtual":
            raise self.error(f"{listing.name} runs on the real clock (listing.toml): it has no recorded events to draw")
        language = self.config.language
        for code in {SOURCE_LANGUAGE, language}:
            path = listing.events_path(code)
            if not path.exists():
                raise self.error(f"no recorded events: {path.relative_to(ROOT)} (record them with `make outputs`)")
        # The figure depends on its own run, on the runs sharing its scale, and on the catalog.
        for other in all_listings():
            if other.events_path(language).exists():
                self.env.note_dependency(str(other.events_path(language)))
        if language != SOURCE_LANGUAGE:
            self.env.note_dependency(str(catalog_path(language, chapter, locale_dir(self.env.srcdir, self.config))))
        node = timeline_figure(listing=listing.name, chapter=chapter, scale=self.options.get("scale", ""))
        self.set_source_info(node)
        figures = getattr(self.env, "asyncbook_timelines", {})
        figures.setdefault(self.env.docname, []).append((listing.name, node["scale"]))
        self.env.asyncbook_timelines = figures
        words = listing_messages(messages=messages(load(listing, SOURCE_LANGUAGE)))
        self.set_source_info(words)
        return [words, node]


def _purge(app, env, docname):
    getattr(env, "asyncbook_timelines", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    figures = getattr(env, "asyncbook_timelines", {})
    figures.update({name: found for name, found in getattr(other, "asyncbook_timelines", {}).items() if name in docnames})
    env.asyncbook_timelines = figures


def scale_of(env, node, language: str) -> float:
    """The figure's time axis: to the end of the longest run among the
    figures that share its ``:scale:`` (or its own run)."""
    names = [node["listing"]]
    if node["scale"]:
        names = [name for found in getattr(env, "asyncbook_timelines", {}).values()
                 for name, scale in found if scale == node["scale"]]
    ends = [end_time(load(Listing(EXAMPLES / name), language)) for name in names]
    return max(ends) or 1.0


def _drawing(translator, node):
    """(events, scale, translate, alt) of a figure in the builder's edition."""
    builder = translator.builder
    language = builder.config.language
    events = load(Listing(EXAMPLES / node["listing"]), language)
    table = catalog(language, node["chapter"], locale_dir(builder.env.srcdir, builder.config)) \
        if language != SOURCE_LANGUAGE else {}

    def translate(text):
        return table.get(text) or text

    return events, scale_of(builder.env, node, language), translate, alt_text(events, translate)


def _file_name(node, suffix: str) -> str:
    return f"timeline-{node['listing'].replace('/', '-')}{suffix}"


def visit_html(translator, node):
    """HTML: the SVG inline, so that its text can be selected and found.
    ePub (whose builders share the HTML handlers): the SVG as a file of its
    own, since inline SVG would need the OPF's ``svg`` property, which
    Sphinx does not write."""
    with _figure_of(translator, node) as (events, scale, translate, alt):
        head = f'<figure class="{CSS_CLASS}" data-listing="{node["listing"]}" data-scale="{scale:g}">'
        if translator.builder.name.startswith("epub"):
            images = Path(translator.builder.outdir) / translator.builder.imagedir
            images.mkdir(parents=True, exist_ok=True)
            name = _file_name(node, ".svg")
            (images / name).write_text(svg(events, scale, translate, document=True), "utf-8")
            translator.body.append(f'{head}<img src="{translator.builder.imgpath}/{name}" alt="{_attribute(alt)}"/></figure>\n')
        else:
            drawing = svg(events, scale, translate, prefix=_file_name(node, "-"))
            drawing = drawing.replace("<svg ", f'<svg role="img" aria-label="{_attribute(alt)}" ', 1)
            translator.body.append(f'{head}<div class="{CSS_CLASS}-scroll">{drawing}</div></figure>\n')


def visit_latex(translator, node):
    """PDF: the same drawing as PDF (vector, its text embedded), full width."""
    with _figure_of(translator, node) as (events, scale, translate, alt):
        name = _file_name(node, ".pdf")
        pdf(events, scale, Path(translator.builder.outdir) / name, translate)
        translator.body.append(f"\n\\par\\smallskip\\noindent\\includegraphics[width=\\linewidth]{{{name}}}\\par\\smallskip\n")


@contextmanager
def _figure_of(translator, node):
    """The figure's drawing in the builder's edition; a figure that cannot
    be drawn is a warning (an error under -W) at the directive's line."""
    try:
        yield _drawing(translator, node)
    except (FigureError, FileNotFoundError) as error:
        logger.warning(str(error), location=node, type="asyncbook", subtype="timeline")
    raise nodes.SkipNode


def _skip(translator, node):
    raise nodes.SkipNode


def _attribute(text: str) -> str:
    return escape(text, quote=True)


def setup(app):
    app.add_node(timeline_figure, html=(visit_html, None), latex=(visit_latex, None),
                 **{fmt: (_skip, None) for fmt in ("text", "man", "texinfo")})
    app.add_directive("timeline", TimelineDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
