#!/usr/bin/env bash
# Checks that `nx g @tally/workspace-plugin:dialect` makes a working dialect: in a scratch copy of
# the repository's tracked files (the real checkout is never written to), generates a dialect,
# links it as a workspace, checks that it changed no existing file but the dialect list and the
# lockfile, builds it and the API, lints them, runs the new lib's unit tests and its e2e spec on
# SQLite and PostgreSQL. Exits non-zero on the first failure. Usage: check-dialect-generator.sh [name]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:-gencheck}"
export CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false FORCE_COLOR=0

step() { printf '\n--- dialect generator check: %s\n' "$*"; }
[ -d "$repo/node_modules" ] || { echo "no node_modules in $repo: run npm ci first"; exit 1; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/tally-dialect-check.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
started=$SECONDS

step "copy the tracked files to $scratch"
(cd "$repo" && git ls-files -z | tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$scratch"
# Hard links, not a second install: nothing is downloaded. The one file npm rewrites in place
# (its hidden lockfile) is copied, so the real node_modules is never written to.
cp -al "$repo/node_modules" "$scratch/node_modules"
cp --remove-destination "$repo/node_modules/.package-lock.json" "$scratch/node_modules/.package-lock.json"
cd "$scratch"

step "generate dialect $name"
npx nx g @tally/workspace-plugin:dialect "$name" --skipInstall
npm install --ignore-scripts --offline --no-audit --no-fund
[ -L "node_modules/@tally/vendor-$name" ] || { echo "node_modules/@tally/vendor-$name is not linked"; exit 1; }

step "existing files changed"
changed=$(cd "$repo" && git ls-files | while read -r file; do
  [ -e "$repo/$file" ] && ! cmp -s "$repo/$file" "$scratch/$file" && echo "$file"
done || true)
echo "${changed:-none}"
unexpected=$(printf '%s\n' "$changed" | grep -v -x -e 'apps/api/src/dialects/installed-dialects.list.ts' -e 'package-lock.json' -e '' || true)
[ -z "$unexpected" ] || { echo "the generator changed other existing files: $unexpected"; exit 1; }

step "build"
npx nx run-many -t build -p "vendor-$name" api --output-style=stream
step "lint"
npx nx run-many -t lint -p "vendor-$name" api api-e2e --output-style=stream
npx prettier --check "libs/vendor-$name" "apps/api/src/vendors/$name" "apps/api-e2e/src/vendors/$name.e2e.spec.ts" apps/api/src/dialects
step "unit tests of vendor-$name"
npx nx test "vendor-$name" --output-style=stream
step "e2e spec of $name (SQLite and PostgreSQL)"
npx nx test api-e2e --output-style=stream -- --testPathPatterns="vendors/$name\\.e2e"

echo
echo "dialect generator check passed in $((SECONDS - started))s"
