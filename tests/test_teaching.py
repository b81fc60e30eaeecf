import re

import pytest

from lanicemine_lib.teaching import MultipleChoice, Option, load_self_checks, self_check, self_check_ids


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
        ((Option("a", True, "x"), "b"), r"^options must hold Option answers"),
        (tuple(Option(str(i), i == 0, "f") for i in range(7)), r"^options must hold 2 to 6 answers; got 7"),
    ],
)
def test_invalid_questions_rejected(options, pattern):
    with pytest.raises(ValueError, match=pattern):
        MultipleChoice("Q?", options)


@pytest.mark.parametrize(
    "args, pattern",
    [
        (("", True, "x"), r"^text must be non-empty plain text"),
        (("a", True, "  "), r"^feedback must be non-empty plain text"),
        (("a", "yes", "x"), r"^correct must be one of True, False"),
    ],
)
def test_invalid_options_rejected(args, pattern):
    with pytest.raises(ValueError, match=pattern):
        Option(*args)


def test_empty_question_rejected():
    with pytest.raises(ValueError, match="^question must be non-empty"):
        MultipleChoice("  ", quiz().options)


# -- the chapters' questions, read from the package's data files by id --------------------------------------------
def test_every_data_file_holds_valid_questions_with_unique_ids():
    ids = self_check_ids()
    assert set(ids) == {"pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons"}
    flat = [i for chapter_ids in ids.values() for i in chapter_ids]
    assert len(flat) == len(set(flat)), "ids are unique across chapters"
    for chapter, chapter_ids in ids.items():
        questions = load_self_checks(chapter)  # MultipleChoice validates each question
        assert len(questions) >= 3 and list(questions) == chapter_ids
        for question in questions.values():
            assert any(o.correct for o in question.options)


def test_self_check_returns_the_question_by_id():
    q = self_check("pk-auc-infusion-length")
    assert isinstance(q, MultipleChoice)
    assert q == load_self_checks("pharmacokinetics")["pk-auc-infusion-length"]
    assert [o.correct for o in q.options] == [False, True, False]
    assert "lq-quiz" in q._repr_html_()


@pytest.mark.parametrize("bad", ["pk-nope", "", None, 3, ["pk-auc-infusion-length"]])
def test_unknown_self_check_id_is_rejected(bad):
    with pytest.raises(
        ValueError, match=r"^question_id must be one of the self-check ids \(.*pk-auc-infusion-length.*\); got "
    ):
        self_check(bad)


@pytest.mark.parametrize("bad", ["pk", "intro", None])
def test_unknown_chapter_is_rejected(bad):
    with pytest.raises(ValueError, match=r"^chapter must be one of 'lessons', 'mechanism'"):
        load_self_checks(bad)
