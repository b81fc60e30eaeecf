"""Self-check questions that work in the static HTML book and in JupyterLab, with no kernel and no JavaScript.

A :class:`MultipleChoice` renders as radio buttons; choosing one reveals that option's feedback through
plain CSS (``input:checked ~ .feedback``), so it answers offline on the published page. Chapters create
questions in cells tagged ``remove-input`` so readers see the question, not the code.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

__all__ = ["QUIZ_CSS", "MultipleChoice", "Option"]

QUIZ_CSS = """
.lq-quiz{border:1px solid #8a8a8a;border-radius:6px;padding:.6em 1em;margin:1em 0;max-width:46em}
.lq-quiz .lq-question{font-weight:600;margin:.2em 0 .6em 0}
.lq-quiz .lq-option{margin:.35em 0}
.lq-quiz .lq-option input{margin-right:.5em}
.lq-quiz .lq-feedback{display:none;margin:.3em 0 .3em 1.9em;padding:.3em .6em;border-radius:4px}
.lq-quiz .lq-option input:checked ~ .lq-feedback{display:block}
.lq-quiz .lq-right{background:#e3f4e6;color:#0b4f1c;border-left:4px solid #1e7b34}
.lq-quiz .lq-wrong{background:#fbe9e7;color:#7a1f12;border-left:4px solid #b3261e}
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
        if not self.question.strip():
            raise ValueError("question must be non-empty text; got an empty string")
        if not 2 <= len(self.options) <= 6:
            raise ValueError(f"options must hold 2 to 6 answers; got {len(self.options)}")
        if not any(o.correct for o in self.options):
            raise ValueError("options must include at least one correct answer; got none")
        for option in self.options:
            if not option.text.strip() or not option.feedback.strip():
                raise ValueError("every option needs non-empty text and feedback")

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
