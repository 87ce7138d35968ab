import { EnvReader } from './env.reader';

describe('EnvReader', () => {
  it('takes defaults for unset or empty variables and reads valid ones', () => {
    const read = new EnvReader({ A: '7', B: '', S: 'OFF' });
    expect([read.int('A', 1, 0, 10), read.int('B', 3, 0, 10), read.int('C', 4, 0, 10)]).toEqual([7, 3, 4]);
    expect([read.onOff('S', true), read.onOff('T', true)]).toEqual([false, true]);
    expect(() => read.check('settings')).not.toThrow();
  });

  it('collects every problem and names each variable', () => {
    const read = new EnvReader({ A: '11', B: '-1', C: 'x', S: 'maybe' });
    read.int('A', 1, 0, 10);
    read.int('B', 1, 0, 10);
    read.int('C', 1, 0, 10);
    read.onOff('S', true);
    expect(read.problems).toHaveLength(4);
    expect(() => read.check('settings')).toThrow(/A must be an integer from 0 to 10.*B must.*C must.*S must be on or off/);
  });
});
