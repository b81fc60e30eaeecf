"""Helper library for the interactive textbook *Lanicemine: a case study in NMDA-channel-blocker development*.

Modules by topic hold pure numerical functions; figure and widget code lives apart from them:

- :mod:`lanicemine_lib.pk` — two-compartment infusion pharmacokinetics (closed form), regimens, populations.
- :mod:`lanicemine_lib.mechanism` — open-channel block, voltage dependence, trapping, occupancy.
- :mod:`lanicemine_lib.trials` — published trial designs, eligibility, simulated trials and power.
- :mod:`lanicemine_lib.safety` — risk statistics for small safety samples, rating-scale scoring.
- :mod:`lanicemine_lib.widgets` — kernel-free (precomputed) widgets for the static HTML book.
- :mod:`lanicemine_lib.teaching` — self-check questions that work without a kernel.
- :mod:`lanicemine_lib.exercises` — instant feedback on the coding exercises (and the autograder's tests).

Everything here is for education only; it is not medical advice and not a dosing tool.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "For education only. This book and its code are not medical advice, not a dosing tool, and not a "
    "substitute for the published trial reports."
)
