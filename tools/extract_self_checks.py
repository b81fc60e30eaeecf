"""Move self-check questions written as code in a chapter into its data file, verbatim.

A chapter shows a self-check with ``self_check("<id>")``; the question, options and feedback live in
``lanicemine_lib/selfchecks/<chapter>.json`` (see :mod:`lanicemine_lib.teaching`). This tool converts a cell that
still spells a question out as ``MultipleChoice(question=..., options=(Option(text, correct, feedback), ...))``
(e.g. a chapter written or edited the old way) into that form: the text goes into the data file unchanged
(entries are replaced by id, others kept), and the cell becomes ``self_check("<id>")``, tagged ``remove-input``
and folded in JupyterLab. Ids come from :data:`IDS` by the cell's id, else ``<chapter>-<cell id>``.

Usage: ``python tools/extract_self_checks.py [book/<chapter>.ipynb ...]`` (default: every chapter).
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "lanicemine_lib" / "selfchecks"
OLD_IMPORT = "from lanicemine_lib.teaching import MultipleChoice, Option"
NEW_IMPORT = "from lanicemine_lib.teaching import self_check"

# Stable ids of the chapters' questions, by notebook and cell id.
IDS = {
    "pharmacokinetics": {
        "c052": "pk-auc-infusion-length",
        "c053": "pk-terminal-half-life",
        "c054": "pk-study9-accumulation",
        "c055": "pk-peak-vs-potency",
    },
    "mechanism": {
        "c042": "mech-block-at-0mv",
        "c043": "mech-why-less-trapping",
        "c044": "mech-trapped-fractions",
        "c045": "mech-block-at-peak",
        "ev-mech-quiz-washout": "mech-washout-length",
    },
    "trial_protocols": {
        "c038": "trials-primary-endpoint",
        "c039": "trials-adjunctive",
        "c040": "trials-madrs-response",
        "c041": "trials-study31-flow",
        "c042": "trials-double-blinding",
        "ev-tp-quiz-entry": "trials-study31-entry",
    },
    "safety": {
        "c034": "safety-rule-of-three",
        "c035": "safety-interval-8-vs-4",
        "c036": "safety-infusion-length-peak",
        "c037": "safety-dissociation-evidence",
        "c038": "safety-cadss-range",
    },
    "lessons": {
        "c033": "lessons-verified-outcomes",
        "c034": "lessons-two-trials-power",
        "c035": "lessons-ancova-beta1",
        "c036": "lessons-power-changes",
    },
}


def _arg(call: ast.Call, position: int, name: str):
    if len(call.args) > position:
        return call.args[position]
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    raise ValueError(f"{ast.unparse(call)[:80]}: no {name}")


def parse_question(source: str) -> dict:
    """The one ``MultipleChoice(...)`` of a cell as data (literals only)."""
    calls = [
        n
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "MultipleChoice"
    ]
    if len(calls) != 1:
        raise ValueError(f"expected one MultipleChoice per cell, found {len(calls)}")
    call = calls[0]
    options = []
    for node in _arg(call, 1, "options").elts:
        options.append(
            {
                "text": ast.literal_eval(_arg(node, 0, "text")),
                "correct": ast.literal_eval(_arg(node, 1, "correct")),
                "feedback": ast.literal_eval(_arg(node, 2, "feedback")),
            }
        )
    return {"question": ast.literal_eval(_arg(call, 0, "question")), "options": options}


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def extract(path: Path) -> list[str]:
    """Convert ``path``'s question cells; return the ids written."""
    chapter = path.stem
    nb = json.loads(path.read_text(encoding="utf-8"))
    data_path = DATA / f"{chapter}.json"
    data = json.loads(data_path.read_text(encoding="utf-8")) if data_path.exists() else {"questions": []}
    by_id = {q["id"]: q for q in data["questions"]}
    order = [q["id"] for q in data["questions"]]
    written = []
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code":
            continue
        if OLD_IMPORT in source:
            cell["source"] = _lines(source.replace(OLD_IMPORT, NEW_IMPORT))
            continue
        if "MultipleChoice(" not in source:
            continue
        question_id = IDS.get(chapter, {}).get(cell["id"], f"{chapter}-{cell['id']}")
        by_id[question_id] = {"id": question_id, **parse_question(source)}
        if question_id not in order:
            order.append(question_id)
        cell["source"] = _lines(f'self_check("{question_id}")')
        metadata = cell.setdefault("metadata", {})
        metadata["tags"] = sorted(set(metadata.get("tags", [])) | {"remove-input"})
        metadata.setdefault("jupyter", {})["source_hidden"] = True
        written.append(question_id)
    if not written:
        return written
    # the data file lists the questions in the order the chapter shows them
    shown = [i for i in order if i in written] + [i for i in order if i not in written]
    data = {"chapter": chapter, "questions": [by_id[i] for i in shown]}
    data_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return written


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [ROOT / "book" / f"{chapter}.ipynb" for chapter in IDS]
    for path in paths:
        ids = extract(path)
        print(f"{path.name}: {', '.join(ids) if ids else 'no question cells left to convert'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
