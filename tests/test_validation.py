import math

import numpy as np
import pytest

from lanicemine_lib._validation import check_array, check_choice, check_flag, check_int, check_number


def test_check_number_accepts_and_converts():
    assert check_number("dose_mg", 100, "mg", 0, 1000) == 100.0
    assert isinstance(check_number("dose_mg", np.int64(5), "mg", 0, 10), float)


@pytest.mark.parametrize("bad", [-1, 1001, math.nan, math.inf, "100", None, True, [1]])
def test_check_number_rejects_with_name_unit_and_range(bad):
    with pytest.raises(ValueError) as info:
        check_number("dose_mg", bad, "mg", 0, 1000)
    message = str(info.value)
    assert "dose_mg" in message and "mg" in message and "[0, 1000]" in message


def test_open_bounds():
    with pytest.raises(ValueError, match=r"\(0, inf\)"):
        check_number("cl", 0.0, "L/h", 0, low_open=True)
    assert check_number("cl", 1e-9, "L/h", 0, low_open=True) == 1e-9


def test_check_array():
    out = check_array("t_h", [0, 1, 2], "h", 0)
    assert out.dtype == float and out.shape == (3,)
    with pytest.raises(ValueError, match="t_h"):
        check_array("t_h", [0, -1, math.nan], "h", 0)
    with pytest.raises(ValueError, match="t_h"):
        check_array("t_h", ["a"], "h", 0)
    with pytest.raises(ValueError, match="booleans"):
        check_array("t_h", [True, False], "h", 0)


def test_check_int():
    assert check_int("n", 3.0, "patients", 1) == 3
    for bad in (0, 3.5, "3", True, math.nan):
        with pytest.raises(ValueError, match="n must be a whole number"):
            check_int("n", bad, "patients", 1, 10)


def test_check_choice_lists_choices():
    assert check_choice("drug", "ketamine", ("lanicemine", "ketamine")) == "ketamine"
    with pytest.raises(ValueError, match="'lanicemine', 'ketamine'"):
        check_choice("drug", "aspirin", ("lanicemine", "ketamine"))


def test_check_flag_accepts_booleans_only():
    assert check_flag("return_data", True) is True
    assert check_flag("return_data", np.bool_(False)) is False
    for bad in (1, 0, "yes", None, 1.0):
        with pytest.raises(ValueError, match=r"^return_data must be one of True, False \(-\); got "):
            check_flag("return_data", bad)
