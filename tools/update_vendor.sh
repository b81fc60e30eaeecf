#!/usr/bin/env bash
# Refresh the committed browser assets in vendor/ from the npm registry (maintainers only; needs npm).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  @jupyter-widgets/html-manager@1.0.15 mathjax@3.2.2 requirejs@2.3.8 >/dev/null
N=node_modules
V="$here/vendor"
cp "$N/requirejs/require.js" "$V/requirejs/"
cp "$N/@jupyter-widgets/html-manager/dist/embed-amd.js" "$V/html-manager/"
cp "$N"/@jupyter-widgets/html-manager/dist/*.{woff2,woff,ttf} "$V/html-manager/"
cp "$N/@jupyter-widgets/html-manager/dist/embed.js.LICENSE.txt" "$V/licenses/html-manager-bundled-THIRD-PARTY.txt"
cp "$N/@fortawesome/fontawesome-free/LICENSE.txt" "$V/licenses/fontawesome-free-LICENSE.txt"
cp "$N/mathjax/LICENSE" "$V/licenses/mathjax-LICENSE.txt"
cp "$N/mathjax/es5/tex-chtml.js" "$V/mathjax/"
rm -rf "$V/mathjax/output" && mkdir -p "$V/mathjax/output/chtml/fonts"
cp -r "$N/mathjax/es5/output/chtml/fonts/woff-v2" "$V/mathjax/output/chtml/fonts/"
(cd "$V" && sha256sum requirejs/require.js html-manager/embed-amd.js mathjax/tex-chtml.js > checksums.sha256)
echo "vendor/ refreshed; update the versions in vendor/README.md if they changed."
