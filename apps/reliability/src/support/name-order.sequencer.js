const Sequencer = require('@jest/test-sequencer').default;

/** Runs the check files in name order (01-…, 02-…), whatever the timings of the last run. */
class NameOrderSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = NameOrderSequencer;
