#!/usr/bin/env bash
# Renders every diagram in processes/ to docs/images/<ProcessId>.png with bpmn-js in headless
# Chromium, for README. Not part of the build: run it after changing a diagram.
# Needs node/npm and Debian's chromium; bpmn-js is installed into a temporary folder, never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error bpmn-js@18 >/dev/null
viewer="$tmp/node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"
mkdir -p docs/images
for diagram in processes/*.bpmn; do
  name=$(basename "$diagram" .bpmn)
  width=${WIDTH:-1800}
  height=${HEIGHT:-900}
  page="$tmp/$name.html"
  {
    echo "<!doctype html><html><head><meta charset='utf-8'><style>html,body,#canvas{margin:0;width:100%;height:100%;background:#fff}</style></head><body><div id='canvas'></div>"
    echo "<script>$(cat "$viewer")</script>"
    echo "<script type='text/plain' id='xml'>$(sed 's#</script#<\\/script#g' "$diagram")</script>"
    echo "<script>const v=new BpmnJS({container:'#canvas'});v.importXML(document.getElementById('xml').textContent).then(()=>v.get('canvas').zoom('fit-viewport','auto'));</script></body></html>"
  } > "$page"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$tmp/profile" --hide-scrollbars \
    --window-size="$width,$height" --virtual-time-budget=5000 \
    --screenshot="$PWD/docs/images/$name.png" "file://$page" 2>/dev/null
  echo "docs/images/$name.png"
done
