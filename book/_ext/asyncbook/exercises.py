"""Exercises: a starting program for the reader, a solution, and what the
exercise asks, checked by the tests.

An exercise is one folder, ``examples/<chapter>/exercises/<NN-name>/``,
named after the chapter page ``book/<chapter>.md`` that sets it.  It holds:

- ``starter.py``: the program the reader starts from, shown in the chapter
  (the ``exercise`` directive);
- ``solution.py``: a solution, shown with its recorded output in the
  solutions appendix (the ``solution`` directive);
- ``exercise.toml``: what the exercise asks, as a listing's timing claims:
  ``seconds`` (the virtual second of each output line) and, if the program
  prints a total, ``total``; ``clock = "real"`` as for a listing;
- ``output.txt`` (``output.<lang>.txt``), ``events.jsonl`` and
  ``recorded.json``: the solution's run, recorded by ``make outputs`` like a
  listing's.

Each of the two programs runs as a listing would (``Exercise.starter`` and
``Exercise.solution`` are listings whose ``main.py`` is that file), on the
virtual clock, with the runner.  tests/test_exercises.py checks that the
solution prints its recorded output at the claimed seconds, and that the
starter does not: an exercise whose starter already meets its claims
asks nothing.

Both programs' comments and strings are translated in the chapter's
catalog (the ``exercise`` directive extracts both), so that each edition's
solutions appendix shows its own language.
"""

from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective

from .code_i18n import catalog, catalog_path, locale_dir, messages as code_messages, translate
from .languages import ROOT, SOURCE_LANGUAGE
from .listings import EXAMPLES, Listing, listing_messages

FOLDER = "exercises"  # examples/<chapter>/exercises/<NN-name>/
SETTINGS = "exercise.toml"
PROGRAMS = ("starter.py", "solution.py")
# A solution's output, captioned (in the page's language) once Sphinx has
# numbered the listings: the appendix numbers none.
OUTPUT_CAPTION = "运行结果"


@dataclass(frozen=True, order=True)
class ExerciseProgram(Listing):
    """One program of an exercise, run and recorded as a listing whose
    ``main.py`` is that file (``starter.py`` or ``solution.py``)."""

    file: str = "solution.py"

    @property
    def chapter(self) -> str:
        return self.path.parent.parent.name

    @property
    def name(self) -> str:
        return f"{self.chapter}/{FOLDER}/{self.path.name} ({self.file})"

    @property
    def options(self) -> dict:
        import tomllib

        toml = self.path / SETTINGS
        return tomllib.loads(toml.read_text("utf-8")) if toml.exists() else {}

    def program(self, language: str = SOURCE_LANGUAGE, locale: Path = ROOT / "locale") -> dict[str, bytes]:
        text = (self.path / self.file).read_text("utf-8")
        if language != SOURCE_LANGUAGE:
            text = translate(text, catalog(language, self.chapter, locale).get)
        files = {"main.py": text.encode("utf-8")}
        if (self.path / SETTINGS).exists():
            files[SETTINGS] = (self.path / SETTINGS).read_bytes()
        return files


@dataclass(frozen=True, order=True)
class Exercise:
    path: Path

    @property
    def chapter(self) -> str:
        return self.path.parent.parent.name

    @property
    def name(self) -> str:
        return f"{self.chapter}/{self.path.name}"

    @property
    def starter(self) -> ExerciseProgram:
        return ExerciseProgram(self.path, "starter.py")

    @property
    def solution(self) -> ExerciseProgram:
        return ExerciseProgram(self.path, "solution.py")

    def problems(self) -> list[str]:
        """What the folder lacks: each missing file, with what to do."""
        return [f"{(self.path / name).relative_to(ROOT)}: missing; every exercise has "
                f"{', '.join(PROGRAMS)} and {SETTINGS} (see CONTRIBUTING.md)"
                for name in (*PROGRAMS, SETTINGS) if not (self.path / name).exists()]


def all_exercises() -> list[Exercise]:
    return [Exercise(folder) for folder in sorted(p for p in EXAMPLES.glob(f"*/{FOLDER}/*") if p.is_dir())]


def find(name: str) -> Exercise:
    """``chapter/NN-name``."""
    chapter, _, folder = name.partition("/")
    exercise = Exercise(EXAMPLES / chapter / FOLDER / folder)
    if not exercise.path.is_dir():
        raise FileNotFoundError(f"no exercise folder {exercise.path.relative_to(ROOT)}")
    return exercise


class _ExerciseBase(SphinxDirective):
    required_arguments = 1

    def _exercise(self, name: str) -> Exercise:
        exercise = find(name) if "/" in name else Exercise(EXAMPLES / Path(self.env.docname).name / FOLDER / name)
        if not exercise.path.is_dir():
            raise self.error(f"exercise folder not found: {exercise.path.relative_to(ROOT)}")
        problems = exercise.problems()
        if problems:
            raise self.error("; ".join(problems))
        return exercise

    def _catalog(self, page: str) -> dict:
        language = self.config.language
        locale = locale_dir(self.env.srcdir, self.config)
        if language != SOURCE_LANGUAGE:
            self.env.note_dependency(str(catalog_path(language, page, locale)))
        return catalog(language, page, locale)

    def _code(self, program: ExerciseProgram, css_class: str) -> nodes.literal_block:
        path = program.path / program.file
        self.env.note_dependency(str(path))
        locale = locale_dir(self.env.srcdir, self.config)
        text = program.program(self.config.language, locale)["main.py"].decode("utf-8")
        block = nodes.literal_block(text, text, language="python", classes=[css_class])
        block["listing"] = program.name  # a tested program (code_blocks.py)
        block["source"] = str(path)
        self.set_source_info(block)
        return block


class ExerciseDirective(_ExerciseBase):
    """In a chapter: an exercise's starting program, with its ``:caption:``
    (numbered as a listing).  Its comments and strings, and the
    solution's, go into the chapter's catalog."""

    option_spec = {"caption": directives.unchanged_required}

    def run(self):
        exercise = self._exercise(self.arguments[0])
        if exercise.chapter != Path(self.env.docname).name:
            raise self.error(f"{exercise.name} belongs to book/{exercise.chapter}.md")
        caption = self.options.get("caption")
        if not caption:
            raise self.error("an exercise needs a :caption: (e.g. 练习 1 的起始代码)")
        if self.config.language != SOURCE_LANGUAGE:
            self._catalog(exercise.chapter)  # a dependency: the programs are translated there
        code = container_wrapper(self, self._code(exercise.starter, "listing-code"), caption)
        pieces = [m for name in PROGRAMS for m in code_messages((exercise.path / name).read_text("utf-8"))]
        messages = listing_messages(messages=pieces)
        self.set_source_info(messages)
        return [messages, code]


class SolutionDirective(_ExerciseBase):
    """In the solutions appendix: ``chapter/NN-name``'s solution and its
    recorded output (unnumbered: the appendix has no listing numbers)."""

    def run(self):
        from . import provenance

        exercise = self._exercise(self.arguments[0])
        program = exercise.solution
        language = self.config.language
        output = program.output_path(language)
        locale = locale_dir(self.env.srcdir, self.config)
        if self.env.app.builder.name == "gettext":
            # extracting messages (`make po`) needs no output: a new exercise's
            # strings are translated before its solution's outputs are recorded
            text = ""
        else:
            if not output.exists():
                raise self.error(f"{output.relative_to(ROOT)}: not recorded; run `make outputs`")
            if program.variants(language):
                raise self.error(f"{program.path.relative_to(ROOT)}: its solution prints something else on a later "
                                 "Python (output.py3.X.txt); make it print the same on every Python the book names")
            self.env.note_dependency(str(output))
            self.env.note_dependency(str(provenance.sidecar(program)))
            problem = provenance.check(program, output, provenance.digest(program.program(language, locale)))
            if problem:
                raise self.error(problem.rstrip("\n"))
            text = output.read_text("utf-8")
        block = nodes.literal_block(text, text, language="text", classes=["listing-output"])
        block["listing"] = program.name
        block["source"] = str(output)
        self.set_source_info(block)
        # an empty caption, so that Sphinx gives it no number (caption_solutions fills it)
        wrapped = nodes.container("", nodes.caption(), block, literal_block=True, solution_output=self.env.docname,
                                  classes=["literal-block-wrapper"])
        wrapped["unnumbered"] = True  # editions.mark_outputs_for_latex: \caption* in the PDF
        self.set_source_info(wrapped)
        if language != SOURCE_LANGUAGE:  # the programs are translated in the chapter's catalog
            self.env.note_dependency(str(catalog_path(language, exercise.chapter, locale)))
        messages = listing_messages(messages=[OUTPUT_CAPTION])
        self.set_source_info(messages)
        return [messages, self._code(program, "listing-code"), wrapped]


def caption_solutions(app, doctree, docname):
    """Caption each solution's output "运行结果", in the language of the page
    that shows it (in LaTeX, ``docname`` is the whole book's)."""
    for output in doctree.findall(lambda node: isinstance(node, nodes.container) and node.get("solution_output")):
        table = catalog(app.config.language, Path(output["solution_output"]).name, locale_dir(app.srcdir, app.config))
        output[0] += nodes.Text(table.get(OUTPUT_CAPTION, OUTPUT_CAPTION))


def setup(app):
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("solution", SolutionDirective)
    app.connect("doctree-resolved", caption_solutions)
