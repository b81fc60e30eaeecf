import re

import pytest

from lanicemine_lib.teaching import MultipleChoice, Option


def quiz():
    return MultipleChoice(
        "Which drug traps most?",
        (
            Option("ketamine", True, "86 % of its block stayed trapped."),
            Option("lanicemine", False, "It leaves quickly: 54 % stayed."),
        ),
    )


def test_html_has_one_radio_group_with_feedback_per_option():
    html = quiz()._repr_html_()
    names = set(re.findall(r'type="radio" name="([^"]+)"', html))
    assert len(names) == 1
    assert html.count('class="lq-feedback') == 2
    assert html.count('data-correct="true"') == 1
    # every input has a label bound to it (accessibility)
    for input_id in re.findall(r'<input[^>]* id="([^"]+)"', html):
        assert f'for="{input_id}"' in html
    # pure CSS reveal: works with no kernel and no JavaScript
    assert "input:checked ~ .lq-feedback" in html and "<script" not in html


def test_text_is_escaped():
    q = MultipleChoice("Is 1 < 2?", (Option("<b>yes</b>", True, "ok"), Option("no", False, "no")))
    assert "<b>yes</b>" not in q._repr_html_()


def test_key_is_stable_and_distinct():
    assert quiz().key == quiz().key
    other = MultipleChoice("Another?", quiz().options)
    assert other.key != quiz().key


@pytest.mark.parametrize(
    "options, pattern",
    [
        ((Option("a", False, "x"), Option("b", False, "y")), r"^options must include at least one correct"),
        ((Option("a", True, "x"),), r"^options must hold 2 to 6 answers; got 1"),
        ((Option("", True, "x"), Option("b", False, "y")), r"option needs non-empty text"),
        ((Option("a", True, ""), Option("b", False, "y")), r"option needs non-empty text and feedback"),
        (tuple(Option(str(i), i == 0, "f") for i in range(7)), r"^options must hold 2 to 6 answers; got 7"),
    ],
)
def test_invalid_questions_rejected(options, pattern):
    with pytest.raises(ValueError, match=pattern):
        MultipleChoice("Q?", options)


def test_empty_question_rejected():
    with pytest.raises(ValueError, match="^question must be non-empty"):
        MultipleChoice("  ", quiz().options)
