import { acrossReadings } from '../../src/private/readings';

describe('acrossReadings', () => {
  const readings = [{ reading: 'alone' }, { reading: 'kept' }];
  const give = (r: { reading?: string }) => (r.reading === 'alone' ? ['both', 'first'] : ['second', 'both', 'both']);

  test('an item every reading gives is unnamed; one only some give names the first that does; each once, in order', () => {
    expect(acrossReadings(readings, give, (x) => x)).toEqual([{ item: 'both' }, { item: 'first', reading: 'alone' }, { item: 'second', reading: 'kept' }]);
  });

  test('readings without a name (no operator) name nothing', () => {
    expect(acrossReadings([{}, {}], () => ['x'], (x) => x)).toEqual([{ item: 'x' }]);
    expect(acrossReadings([{}], () => [{ a: 1 }], (x) => JSON.stringify(x))).toEqual([{ item: { a: 1 } }]);
    expect(acrossReadings([], () => ['x'], (x) => x)).toEqual([]);
  });
});
