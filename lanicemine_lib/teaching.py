"""Self-check questions that work in the static HTML book and in JupyterLab, with no kernel and no JavaScript.

A :class:`MultipleChoice` renders as radio buttons; choosing one reveals that option's feedback through
plain CSS (``input:checked ~ .feedback``), so it answers offline on the published page.

The chapters' questions live in data files, ``lanicemine_lib/selfchecks/<chapter>.json``, not in the chapters'
code: a chapter shows one with ``self_check("<id>")`` (in a cell tagged ``remove-input``), so a student who
opens the cell in JupyterLab sees an id, not the answers. Each file holds
``{"chapter": ..., "questions": [{"id", "question", "options": [{"text", "correct", "feedback"}]}]}``.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from importlib import resources

from ._validation import check_flag

__all__ = ["QUIZ_CSS", "MultipleChoice", "Option", "load_self_checks", "self_check", "self_check_ids"]

#: The questions' CSS, emitted with each question (it must work in the book and in JupyterLab, with no page
#: stylesheet). The question reads at body size (not Bootstrap's large ``<legend>``); each option is a
#: two-column grid, so a long answer wraps under its own text, never under the radio button; colours follow
#: the book's dark mode (``html[data-theme=dark]``) and JupyterLab's dark themes.
QUIZ_CSS = """
.lq-quiz{--lq-right-bg:#e3f4e6;--lq-right-fg:#0b4f1c;--lq-right-edge:#1e7b34;--lq-wrong-bg:#fbe9e7;--lq-wrong-fg:#7a1f12;
--lq-wrong-edge:#b3261e;--lq-border:#8a8a8a;color-scheme:light;
border:1px solid var(--lq-border);border-radius:6px;padding:.5em 1em .7em 1em;margin:1em 0;max-width:46em;
font-size:inherit;line-height:1.5;color:inherit;background:transparent}
html[data-theme="dark"] .lq-quiz,body[data-jp-theme-light="false"] .lq-quiz{--lq-right-bg:#173d22;--lq-right-fg:#d3f2db;
--lq-right-edge:#5cbf78;--lq-wrong-bg:#46201c;--lq-wrong-fg:#ffdcd6;--lq-wrong-edge:#ef8a7e;--lq-border:#9aa4ad;
color-scheme:dark}
.lq-quiz legend.lq-question{float:left;width:100%;font-size:1em;line-height:1.5;font-weight:600;
margin:.2em 0 .4em 0;padding:0;color:inherit;white-space:normal}
.lq-quiz legend.lq-question + *{clear:left}
.lq-quiz .lq-option{display:grid;grid-template-columns:1.2em minmax(0,1fr);column-gap:.6em;align-items:start;
margin:.45em 0}
.lq-quiz .lq-option input{grid-column:1;grid-row:1;width:1.05em;height:1.05em;margin:.25em 0 0 0;cursor:pointer}
.lq-quiz .lq-option label{grid-column:2;grid-row:1;margin:0;cursor:pointer;overflow-wrap:anywhere}
.lq-quiz .lq-feedback{grid-column:2;display:none;margin:.3em 0 .2em 0;padding:.35em .65em;border-radius:4px}
.lq-quiz .lq-option input:checked ~ .lq-feedback{display:block}
.lq-quiz .lq-right{background:var(--lq-right-bg);color:var(--lq-right-fg);border-left:4px solid var(--lq-right-edge)}
.lq-quiz .lq-wrong{background:var(--lq-wrong-bg);color:var(--lq-wrong-fg);border-left:4px solid var(--lq-wrong-edge)}
@media print{.lq-quiz{break-inside:avoid}}
""".strip()


@dataclass(frozen=True)
class Option:
    """One answer of a multiple-choice question.

    Parameters
    ----------
    text : str
        The answer as shown (plain text; it is HTML-escaped).
    correct : bool
        Whether choosing it is right.
    feedback : str
        Why it is right or wrong (plain text), shown once the reader chooses it.
    """

    text: str
    correct: bool
    feedback: str

    def __post_init__(self) -> None:
        _check_text("text", self.text, "the answer as shown")
        check_flag("correct", self.correct)
        _check_text("feedback", self.feedback, "why the answer is right or wrong")


def _check_text(name: str, value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be non-empty plain text ({what}); got {value!r}")
    return value


@dataclass(frozen=True)
class MultipleChoice:
    """A self-check question with per-answer feedback.

    Parameters
    ----------
    question : str
        The question (plain text).
    options : tuple of Option
        Two to six answers; exactly one or more may be correct, at least one must be.
    """

    question: str
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        _check_text("question", self.question, "the question as shown")
        if isinstance(self.options, (str, bytes, dict)) or not isinstance(self.options, (tuple, list)):
            raise ValueError(f"options must be a tuple of 2 to 6 Option answers; got {self.options!r}")
        if not 2 <= len(self.options) <= 6:
            raise ValueError(f"options must hold 2 to 6 answers; got {len(self.options)}")
        for i, option in enumerate(self.options):
            if not isinstance(option, Option):
                raise ValueError(f"options must hold Option answers (text, correct, feedback); got {option!r} at {i}")
        if not any(o.correct for o in self.options):
            raise ValueError("options must include at least one correct Option (correct=True); got none")
        object.__setattr__(self, "options", tuple(self.options))

    @property
    def key(self) -> str:
        """A stable identifier derived from the question text (radio-group name and element ids)."""
        return "lq-" + hashlib.sha1(self.question.encode("utf-8")).hexdigest()[:10]

    def _repr_html_(self) -> str:
        key = self.key
        parts = [
            f"<style>{QUIZ_CSS}</style>",
            f'<fieldset class="lq-quiz" id="{key}">',
            f'<legend class="lq-question">Check yourself: {html.escape(self.question)}</legend>',
        ]
        for i, option in enumerate(self.options):
            verdict = "Correct." if option.correct else "Not quite."
            cls = "lq-right" if option.correct else "lq-wrong"
            parts.append(
                f'<div class="lq-option"><input type="radio" name="{key}" id="{key}-{i}" '
                f'data-correct="{str(option.correct).lower()}">'
                f'<label for="{key}-{i}">{html.escape(option.text)}</label>'
                f'<div class="lq-feedback {cls}" role="status"><strong>{verdict}</strong> '
                f"{html.escape(option.feedback)}</div></div>"
            )
        parts.append("</fieldset>")
        return "".join(parts)


# -- the chapters' questions, read from the package's data files ----------------------------------------------
SELF_CHECK_PACKAGE = "lanicemine_lib.selfchecks"


def _self_check_files() -> list:
    folder = resources.files(SELF_CHECK_PACKAGE)
    return sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)


def _question(data: dict, source: str) -> MultipleChoice:
    try:
        options = tuple(Option(o["text"], o["correct"], o["feedback"]) for o in data["options"])
        return MultipleChoice(data["question"], options)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{source}: self-check {data.get('id', '?')!r} is malformed ({exc!r})") from None


def load_self_checks(chapter: str) -> dict[str, MultipleChoice]:
    """The self-check questions of one chapter, by id, in the order of its data file.

    Parameters
    ----------
    chapter : str
        The chapter's notebook name (e.g. ``"pharmacokinetics"``); one of the data files in
        ``lanicemine_lib/selfchecks/``.

    Returns
    -------
    dict of str to MultipleChoice
        Question id -> question.
    """
    names = [f.name[: -len(".json")] for f in _self_check_files()]
    if not isinstance(chapter, str) or chapter not in names:
        raise ValueError(f"chapter must be one of {', '.join(map(repr, names))}; got {chapter!r}")
    source = f"selfchecks/{chapter}.json"
    data = json.loads(resources.files(SELF_CHECK_PACKAGE).joinpath(f"{chapter}.json").read_text(encoding="utf-8"))
    return {q["id"]: _question(q, source) for q in data["questions"]}


def self_check_ids() -> dict[str, list[str]]:
    """Every self-check id, by chapter."""
    return {f.name[: -len(".json")]: list(load_self_checks(f.name[: -len(".json")])) for f in _self_check_files()}


def self_check(question_id: str) -> MultipleChoice:
    """The self-check question with this id, from the chapters' data files (see the module docstring).

    Parameters
    ----------
    question_id : str
        The question's id, e.g. ``"pk-auc-infusion-length"`` (see :func:`self_check_ids`).

    Returns
    -------
    MultipleChoice
        The question; displayed in a notebook, it renders as radio buttons with feedback.

    Examples
    --------
    >>> q = self_check("pk-auc-infusion-length")
    >>> q.question.startswith("A colleague doubles the infusion length")
    True
    """
    known = self_check_ids()
    for chapter, ids in known.items():
        if question_id in ids:
            return load_self_checks(chapter)[question_id]
    listed = ", ".join(i for ids in known.values() for i in ids)
    raise ValueError(f"question_id must be one of the self-check ids ({listed}); got {question_id!r}")
