# Conventional targets for the lanicemine book. Everything runs inside .venv, created on first use.
#   make html     install everything, then build the HTML book strictly (warnings are errors)
#   make test     install everything, lint, build the book, then run all tests (unit, nbval, built HTML, browser)
#   make lint     ruff: lint and format check of the library, tests, bench, tools and the chapters' code
#   make student  build the student edition (no solutions) into _build/student/
#   make assignments  build the autograded coding assignments into _build/assignments/<chapter>/
#   make grade ASSIGNMENT=<chapter> SUBMISSIONS=<folder>  grade a folder of notebooks into <folder>/grades.csv
#                 (optional: JOBS=2 submissions at once, TIME_LIMIT=120 seconds per submission)
#   make bench    run the benchmarks and write bench/results/latest.md
#   make lab      open the notebooks in JupyterLab
#   make serve    serve the built book on http://127.0.0.1:8000
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JB_FLAGS := --builder html -W -n --keep-going
PYTEST_FLAGS ?= -n 2

.PHONY: install html test lint unit student bench lab serve clean lock assignments grade

install: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

html: $(STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)

test: lint html
	$(BIN)/python -m pytest $(PYTEST_FLAGS)

# ruff, configured in pyproject.toml. `ruff format .` and `ruff check --fix .` repair most findings.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Unit tests and nbval only (no build needed); handy while writing.
unit: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_FLAGS) -m "not built_book and not browser"

student: $(STAMP)
	$(BIN)/python tools/student_edition.py

# Coding assignments (otter-grader, local, no container): student and solution notebooks plus the autograder.
assignments: $(STAMP)
	$(BIN)/python tools/assignments.py

grade: $(STAMP)
	@test -n "$(ASSIGNMENT)" -a -n "$(SUBMISSIONS)" || \
	  { echo "usage: make grade ASSIGNMENT=<chapter> SUBMISSIONS=<folder of .ipynb files>"; exit 2; }
	$(BIN)/python tools/grade.py --assignment "$(ASSIGNMENT)" --submissions "$(SUBMISSIONS)" \
	  $(if $(JOBS),--jobs $(JOBS)) $(if $(TIME_LIMIT),--time-limit $(TIME_LIMIT))

bench: $(STAMP)
	$(BIN)/python bench/run.py

lab: $(STAMP)
	$(BIN)/jupyter lab book/

serve:
	$(PYTHON) -m http.server --directory _build/html --bind 127.0.0.1 8000

lock: $(STAMP)
	{ echo "# Exact versions of every package the book installs (direct and transitive)."; \
	  echo "# requirements.txt applies them with -c; regenerate with 'make lock'."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^lanicemine' ; } > constraints.txt

clean:
	rm -rf _build
