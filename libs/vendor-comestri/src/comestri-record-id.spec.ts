import { legacyRecordIdOf, parseRecordId } from './comestri-record-id';

const ITEM = '11111111-1111-4111-8111-111111111111';
const LOCATION = '22222222-2222-4222-8222-222222222222';

describe('parseRecordId', () => {
  it('reads the integer ids answers carry', () => {
    expect(parseRecordId('2')).toEqual({ kind: 'number', recordNumber: 2 });
    expect(parseRecordId('9007199254740991')).toEqual({ kind: 'number', recordNumber: Number.MAX_SAFE_INTEGER });
  });

  it('keeps reading the <item>.<location> ids answered before integer ids, in any case', () => {
    expect(parseRecordId(legacyRecordIdOf(ITEM, LOCATION))).toEqual({ kind: 'place', itemId: ITEM, locationId: LOCATION });
    expect(parseRecordId(`${ITEM.toUpperCase()}.${LOCATION}`)).toEqual({ kind: 'place', itemId: ITEM, locationId: LOCATION });
  });

  it.each(['0', '02', '-2', '+2', '2.0', '1e3', ' 2', '9007199254740993', '99999999999999999', '', 'abc', `${ITEM}.${LOCATION}.x`, `${ITEM}.2`])(
    'names nothing with %p',
    (id) => {
      expect(parseRecordId(id)).toBeNull();
    },
  );
});
