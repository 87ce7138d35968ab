import { readTrustProxy } from './trust-proxy.config';

describe('readTrustProxy', () => {
  const read = (value: string | undefined) => {
    const problems: string[] = [];
    return { setting: readTrustProxy(value, problems), problems };
  };

  it('trusts no proxy unless told', () => {
    for (const value of [undefined, '', '  ', 'off', 'OFF']) expect(read(value)).toEqual({ setting: false, problems: [] });
  });

  it('reads a hop count from 1 to 10', () => {
    expect(read('1')).toEqual({ setting: 1, problems: [] });
    expect(read(' 2 ')).toEqual({ setting: 2, problems: [] });
    expect(read('0').problems).toEqual(['TRUST_PROXY as a hop count must be from 1 to 10, got "0"']);
    expect(read('11').problems).toHaveLength(1);
  });

  it('reads addresses, CIDR ranges and range names', () => {
    expect(read('10.0.0.1, 192.168.0.0/16,fd00::/8, ::1, loopback,uniquelocal')).toEqual({
      setting: ['10.0.0.1', '192.168.0.0/16', 'fd00::/8', '::1', 'loopback', 'uniquelocal'],
      problems: [],
    });
  });

  it('names every entry it cannot read, and trusts nothing then', () => {
    const { setting, problems } = read('10.0.0.1,10.0.0.0/33,proxy.local,true,fe80::/129,1.2.3.4/8/1,');
    expect(setting).toBe(false);
    expect(problems).toHaveLength(1);
    for (const bad of ['"10.0.0.0/33"', '"proxy.local"', '"true"', '"fe80::/129"', '"1.2.3.4/8/1"', '""']) expect(problems[0]).toContain(bad);
    expect(problems[0]).not.toContain('"10.0.0.1"');
  });
});
