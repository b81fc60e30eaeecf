"""The committed browser assets are the published files, with their licences."""

import hashlib

from conftest import ROOT

VENDOR = ROOT / "vendor"


def test_checksums_match():
    lines = (VENDOR / "checksums.sha256").read_text().split("\n")
    entries = [line.split() for line in lines if line.strip()]
    assert len(entries) == 3
    for digest, name in entries:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_each_asset_has_its_licence():
    licences = {p.name for p in (VENDOR / "licenses").iterdir()}
    assert {
        "requirejs-LICENSE.txt",
        "html-manager-LICENSE.txt",
        "html-manager-bundled-THIRD-PARTY.txt",
        "fontawesome-free-LICENSE.txt",
        "mathjax-LICENSE.txt",
    } <= licences


def test_mathjax_fonts_are_present():
    assert len(list((VENDOR / "mathjax/output/chtml/fonts/woff-v2").glob("*.woff"))) >= 20
