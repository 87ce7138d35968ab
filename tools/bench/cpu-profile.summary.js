/**
 * Prints the functions with the most self time in a `.cpuprofile` (from BENCH_PROFILE_DIR),
 * and the total per script: `node tools/bench/cpu-profile.summary.js <file> [top] [last seconds]`.
 * With `last seconds`, only the samples of the profile's end count (the load, not the set-up).
 */
const { readFileSync } = require('node:fs');

const [file, topArg, lastArg] = process.argv.slice(2);
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
const from = lastArg ? profile.endTime - Number(lastArg) * 1e6 : -Infinity;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += dt[i] ?? 0;
  if (at < from) continue;
  const node = byId.get(profile.samples[i]);
  self.set(node.id, (self.get(node.id) ?? 0) + (dt[i] ?? 0));
}
const byFunction = new Map();
const byScript = new Map();
let total = 0;
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, 'nm/').replace(/^.*\/(apps|libs)\//, '$1/')}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const script = url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1').replace(/^.*\/(apps|libs)\/([^/]+)\/.*$/, '$1/$2') || '(native)';
  byScript.set(script, (byScript.get(script) ?? 0) + us);
  total += us;
}
const print = (title, map, n) => {
  console.log(`\n${title} (total ${(total / 1e6).toFixed(2)} s)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${(us / 1e3).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('self time by function', byFunction, top);
print('self time by package', byScript, 25);
