"""Author–year citations and an author–year reference list that match each other.

Two styles are registered here.

In-text citations (referencing style ``author_year_et_al``)
    sphinxcontrib-bibtex's author–year style, except that BibTeX's incomplete author list (``Mealing, G. A.
    and others``) reads "Mealing *et al.*, 1997" instead of "Mealing and others, 1997". Complete author lists
    are formatted exactly as before.

The reference list (formatting style ``lanicemine_author_year``)
    pybtex's ``unsrt`` entries with three changes:

    - the label of each entry is the text's citation, "Mealing et al., 1999" (not ``[MLM+99]``);
    - entries are sorted by first author's family name (organisational authors such as
      ``{AstraZeneca authors}`` by their name, not after "Z" because of their braces), then year, then title;
    - names read family name first with initials, "Zarate Jr., C. A."; an author list ending in ``others``
      ends in "et al." and an ``others`` between named authors (first and senior author known) reads "…",
      so the word "others" is never printed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from pybtex.plugin import register_plugin as register_pybtex_plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.names import BaseNameStyle, name_part
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, first_of, optional, sentence, tag
from pybtex.style.template import field as entry_field
from pybtex.style.template import join as pybtex_join
from pybtex.style.template import node as pybtex_node
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, node

STYLE_NAME = "author_year_et_al"
LIST_STYLE_NAME = "lanicemine_author_year"
ET_AL = Text(" ", Tag("em", "et al."))
NO_YEAR = "n.d."


def _is_others(person) -> bool:
    return str(person) == "others"


# -- in-text citations ----------------------------------------------------------------------------------
@node
def names_et_al(children, data, role, sep="", sep2=None, last_sep=None, other=None):
    """Like sphinxcontrib-bibtex's ``names``, but a trailing ``others`` becomes *et al.*"""
    assert not children
    try:
        persons = list(data["entry"].persons[role])
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    incomplete = bool(persons) and _is_others(persons[-1])
    if incomplete:
        persons = persons[:-1]
    style = data["style"]
    formatted = [style.person.style_plugin.format(p, style.person.abbreviate) for p in persons]
    if not incomplete:
        return join(sep=sep, sep2=sep2, last_sep=last_sep, other=other)[formatted].format_data(data)
    if other is not None:  # the short form: first author et al.
        return Text(join()[formatted[:1]].format_data(data), other)
    return Text(join(sep=sep, sep2=sep2, last_sep=last_sep)[formatted].format_data(data), ET_AL)


@dataclass
class EtAlPersonStyle(PersonStyle):
    """Person formatting that honours BibTeX's ``and others``."""

    def names(self, role: str, full: bool):
        return names_et_al(
            role=role, sep=self.sep, sep2=self.sep2, last_sep=self.last_sep, other=None if full else self.other
        )

    def author_or_editor_or_title(self, full: bool):
        kwargs = dict(sep=self.sep, sep2=self.sep2, last_sep=self.last_sep, other=None if full else self.other)
        return first_of[
            optional[names_et_al("author", **kwargs)],
            optional[names_et_al("editor", **kwargs)],
            tag("em")[entry_field("title")],
        ]


@dataclass
class AuthorYearEtAlReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author–year style with :class:`EtAlPersonStyle`."""

    person: PersonStyle = field(default_factory=EtAlPersonStyle)


# -- the reference list ---------------------------------------------------------------------------------
def _family_name(person) -> str:
    """The family name as plain text: particles and last names, LaTeX and braces resolved ("Åsberg")."""
    parts = person.rich_prelast_names + person.rich_last_names
    return " ".join(part.render_as("text") for part in parts).strip()


def _primary_persons(entry) -> list:
    for role in ("author", "editor"):
        if entry.persons.get(role):
            return list(entry.persons[role])
    return []


def citation_label(entry) -> str:
    """The label an entry is cited by in the text: "Mealing et al., 1999", "Montgomery and Åsberg, 1979".

    The same rule as the in-text style: one author by name, two joined by "and", three or more (or an
    incomplete list) as the first author *et al.*; an entry without authors by its title; no year: "n.d.".
    """
    persons = _primary_persons(entry)
    named = [p for p in persons if not _is_others(p)]
    if not named:
        who = Text.from_latex(entry.fields.get("title", "")).render_as("text")
    elif len(persons) == 1:
        who = _family_name(named[0])
    elif len(persons) == 2 and len(named) == 2:
        who = f"{_family_name(named[0])} and {_family_name(named[1])}"
    else:
        who = f"{_family_name(named[0])} et al."
    year = entry.fields.get("year", "").strip() or NO_YEAR
    return f"{who}, {year}"


class CitationLabelStyle(BaseLabelStyle):
    """Labels that repeat the text's citation (see :func:`citation_label`)."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield citation_label(entry)


def _sort_text(text: str) -> str:
    """Case- and accent-insensitive sort key ("Åsberg" sorts with "Asberg")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class FirstAuthorSortingStyle(BaseSortingStyle):
    """Sort by the first author's family name (organisations by their name), then year, then title."""

    def sorting_key(self, entry):
        persons = [p for p in _primary_persons(entry) if not _is_others(p)]
        first = persons[0] if persons else None
        if first is not None:
            given = " ".join(part.render_as("text") for part in first.rich_first_names + first.rich_middle_names)
            author = (_sort_text(_family_name(first)), _sort_text(given))
        else:
            author = (_sort_text(Text.from_latex(entry.fields.get("title", "")).render_as("text")), "")
        title = Text.from_latex(entry.fields.get("title", "")).render_as("text")
        return (*author, entry.fields.get("year", "9999"), _sort_text(title))


class FamilyFirstNameStyle(BaseNameStyle):
    """ "Family Jr., F. M.": family name (with particles and a lineage such as "Jr."), then initials."""

    def format(self, person, abbr=False):
        return pybtex_join[
            name_part(tie=True)[person.rich_prelast_names],
            name_part[person.rich_last_names],
            name_part(before=" ")[person.rich_lineage_names],
            name_part(before=", ", abbr=True)[person.rich_first_names + person.rich_middle_names],
        ]


@pybtex_node
def names_in_list(children, context, role):
    """An author list for the reference list: "A, B, and C"; a trailing ``others`` gives "A, B, et al.";
    an ``others`` between named authors gives "A, …, and Z"."""
    if children:
        raise ValueError(children)
    try:
        persons = list(context["entry"].persons[role])
    except KeyError:
        raise FieldIsMissing(role, context["entry"]) from None
    style = context["style"]
    incomplete = bool(persons) and _is_others(persons[-1])
    if incomplete:
        persons = persons[:-1]
    parts = ["…" if _is_others(p) else style.format_name(p, True) for p in persons]
    if incomplete:
        return pybtex_join(sep=", ")[[*parts, "et al."]].format_data(context)
    return pybtex_join(sep=", ", sep2=" and ", last_sep=", and ")[parts].format_data(context)


class AuthorYearListStyle(UnsrtStyle):
    """pybtex's ``unsrt`` entries, labelled, sorted and named as described in the module docstring."""

    default_label_style = CitationLabelStyle
    default_sorting_style = FirstAuthorSortingStyle
    default_name_style = FamilyFirstNameStyle

    def format_names(self, role, as_sentence=True):
        formatted = names_in_list(role)
        return sentence[formatted] if as_sentence else formatted


def setup(app: Sphinx) -> dict:
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, AuthorYearEtAlReferenceStyle)
    register_pybtex_plugin("pybtex.style.formatting", LIST_STYLE_NAME, AuthorYearListStyle)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
