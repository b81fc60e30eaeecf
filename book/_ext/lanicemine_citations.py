"""In-text citations that read "Mealing et al., 1997" for a bibtex author list ending in "and others".

BibTeX writes an incomplete author list as ``Mealing, G. A. and others``. sphinxcontrib-bibtex treats
``others`` as a second author, so its author–year style prints "Mealing and others, 1997". This extension
registers the referencing style ``author_year_et_al``: the same author–year style, except that a list ending
in ``others`` is shortened to its named authors followed by *et al.* (for one named author, "Mealing
*et al.*"). Complete author lists are formatted exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.richtext import Tag, Text
from pybtex.style.template import FieldIsMissing, first_of, optional, tag
from pybtex.style.template import field as entry_field
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, node

STYLE_NAME = "author_year_et_al"
ET_AL = Text(" ", Tag("em", "et al."))


@node
def names_et_al(children, data, role, sep="", sep2=None, last_sep=None, other=None):
    """Like sphinxcontrib-bibtex's ``names``, but a trailing ``others`` becomes *et al.*"""
    assert not children
    try:
        persons = list(data["entry"].persons[role])
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    incomplete = bool(persons) and str(persons[-1]) == "others"
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


def setup(app: Sphinx) -> dict:
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, AuthorYearEtAlReferenceStyle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
