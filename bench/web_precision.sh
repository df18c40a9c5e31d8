#!/usr/bin/env bash
# Precision of the core rules on ../shared/corpus/dev/web with the shared
# labels (labels.tsv) plus the verdicts newslint's developers gave to findings
# the labels do not cover (bench/web-verdicts.tsv, same columns: file, rule,
# first line, TP/TPF/FP, reason). Prints precision.py's table and the false
# alarms per folder; anything still unjudged is listed for you to read.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
web=${1:-$here/../../shared/corpus/dev/web}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for d in html txt txt-blank; do ln -s "$(cd "$web/$d" && pwd)" "$tmp/$d"; done
cat "$web/labels.tsv" "$here/web-verdicts.tsv" > "$tmp/labels.tsv"
python "$web/../../../tools/precision.py" "$tmp" -v --cmd "newslint check --format json --no-config --no-cache" > "$tmp/out.txt" 2>&1 || true
head -6 "$tmp/out.txt"
echo "false alarms and unjudged findings per folder:"
awk '$1=="false"||$1=="unjudged"{split($2,a,"/"); print "  " $1, a[1]}' "$tmp/out.txt" | sort | uniq -c
grep -E "^unjudged" "$tmp/out.txt" || true
