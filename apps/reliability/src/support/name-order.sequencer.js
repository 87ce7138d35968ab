const Sequencer = require('@jest/test-sequencer').default;

// The credential check scans the logs of every server the run started, so it goes after all others.
const LAST = /07-credentials\.rel\.spec\.ts$/;

/** Runs the check files in name order (01-…, 02-…), the credential check last, whatever the timings of the last run. */
class NameOrderSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => (LAST.test(test.path) ? 1 : 0);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = NameOrderSequencer;
