"""Stand-in for ``rfc3987_syntax`` inside the grading kernels only (``tools/grade.py`` puts this folder first on
their ``PYTHONPATH``; nothing else sees it).

otter-grader imports nbformat in every submission's kernel; nbformat imports jsonschema, and jsonschema imports
``rfc3987_syntax`` when it is installed, to check the "iri" string format. That import compiles a Lark grammar
and takes about 2 s of CPU — most of the cost of grading one notebook. Nothing in grading validates IRIs, and
jsonschema treats an ImportError here as "not installed" (``with suppress(ImportError)``), so the grading kernels
skip it.
"""

raise ImportError("rfc3987_syntax is not loaded in grading kernels (see tools/grade.py)")
