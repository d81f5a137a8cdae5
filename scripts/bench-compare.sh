#!/usr/bin/env bash
# The benchmark side by side with an earlier release, on the same data, as in docs/performance.md:
#   scripts/bench-compare.sh REF SIZE DATABASE_URL [OUT_DIR]
# REF (a commit or tag, e.g. the previous release) is checked out in a temporary worktree and
# served with this checkout's environment, then this checkout is; twice, alternating, so both
# meet the machine in the same state. Prints the second round's comparison (samverka bench --compare).
set -euo pipefail
cd "$(dirname "$0")/.."
ref="$1"; size="$2"; url="$3"; out="${4:-docs/bench}"
vendor="$(echo "$url" | cut -d: -f1)"
old="$(mktemp -d)/before"
git worktree add --detach -q "$old" "$ref"
trap 'git worktree remove --force "$old"' EXIT
mkdir -p "$out"
for round in 1 2; do
  SERVE_PYTHONPATH="$old/src" scripts/bench-size.sh "$size" "$url" "$out/compare-$size-$vendor-before-$round.json" > /dev/null
  scripts/bench-size.sh "$size" "$url" "$out/compare-$size-$vendor-after-$round.json" > /dev/null
done
.venv/bin/samverka bench --compare "$out/compare-$size-$vendor-before-2.json" "$out/compare-$size-$vendor-after-2.json"
