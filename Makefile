# Conventional targets for the lanicemine book. Everything runs inside .venv, created on first use.
#   make html     install everything, then build the HTML book strictly (warnings are errors)
#   make test     install everything, lint, build the book and its PDFs, then run all tests (unit, nbval, built
#                 HTML, browser, PDF)
#   make lint     ruff: lint and format check of the library, tests, bench, tools and the chapters' code
#   make course   the course bundle for students: _build/course/lanicemine-course.zip (notebooks, library
#                 wheel, requirements, README; runs without this repository and without make)
#   make student  build the student edition (no solutions, no teacher-only pages) into _build/student/
#   make pdf      print the book to _build/pdf/lanicemine.pdf and lanicemine-student.pdf (PAPER=a4 or letter)
#   make bench    run the benchmarks and write bench/results/latest.md
#   make lab      open a working copy of the notebooks (_build/lab/) in JupyterLab; book/ is never written
#   make serve    serve the built book on http://127.0.0.1:8000
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JB_FLAGS := --builder html -W -n --keep-going
PYTEST_FLAGS ?= -n 2
PAPER ?= a4

.PHONY: install html test lint unit course student pdf bench lab serve clean lock

install: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

html: $(STAMP) course
	$(BIN)/jupyter-book build . $(JB_FLAGS)

# The printed edition is built before the tests read it (tests/test_pdf.py). Without Chromium it is skipped
# with a loud message on a laptop (the PDF tests then skip too) and fails when CI is set.
test: lint html
	$(BIN)/python tools/pdf_edition.py --paper $(PAPER) --skip-without-chromium
	$(BIN)/python -m pytest $(PYTEST_FLAGS)

# ruff, configured in pyproject.toml. `ruff format .` and `ruff check --fix .` repair most findings.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Unit tests and nbval only (no build needed); handy while writing.
unit: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_FLAGS) -m "not built_book and not browser"

# The chapters link the bundle, and the built site serves it (book/_ext/lanicemine_course.py).
course: $(STAMP)
	$(BIN)/python tools/course.py bundle

student: $(STAMP) course
	$(BIN)/python tools/student_edition.py

# The whole book as PDF, printed from the built HTML by headless Chromium (tools/pdf_edition.py).
pdf: html
	$(BIN)/python tools/pdf_edition.py --paper $(PAPER)

bench: $(STAMP)
	$(BIN)/python bench/run.py

lab: $(STAMP)
	$(BIN)/python tools/course.py lab
	$(BIN)/jupyter lab _build/lab/

serve:
	$(PYTHON) -m http.server --directory _build/html --bind 127.0.0.1 8000

lock: $(STAMP)
	{ echo "# Exact versions of every package the book installs (direct and transitive)."; \
	  echo "# requirements.txt applies them with -c; regenerate with 'make lock'."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^lanicemine' ; } > constraints.txt

clean:
	rm -rf _build
