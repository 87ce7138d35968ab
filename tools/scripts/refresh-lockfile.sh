#!/usr/bin/env bash
# Regenerates package-lock.json from package.json and the workspace manifests alone, in a
# scratch folder, so the lock keeps every platform's optional packages (an install over an
# existing node_modules can drop those of other platforms, and then `npm ci` refuses the lock).
# Stage a new lib's package.json before running it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$root/package.json" "$scratch/"
# Only the workspaces git knows (tracked or staged): the lock must match what a clone holds.
git -C "$root" ls-files 'libs/*/package.json' | while read -r manifest; do
  mkdir -p "$scratch/$(dirname "$manifest")"
  cp "$root/$manifest" "$scratch/$manifest"
done
(cd "$scratch" && npm install --package-lock-only --no-audit --no-fund --ignore-scripts >/dev/null)
cp "$scratch/package-lock.json" "$root/package-lock.json"
echo "package-lock.json regenerated"
