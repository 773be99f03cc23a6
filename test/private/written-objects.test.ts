import { ApiObject, Chart, Testing } from 'cdk8s';
import { NotWritten, notWritten } from '../../src/private/written-objects';

describe('notWritten', () => {
  const object = (c: Chart) => new ApiObject(c, 'o', { apiVersion: 'v1', kind: 'ConfigMap' });

  test('an object of the app is written', () => {
    const c = Testing.chart();
    expect(notWritten(object(c), c)).toBeUndefined();
  });

  test('an object of another App is not', () => {
    expect(notWritten(object(Testing.chart()), Testing.chart())).toBe(NotWritten.ANOTHER_APP);
  });

  test('an object taken out of the tree, or below a construct taken out, is not (its root reads the same)', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    const o = object(c);
    c.node.tryRemoveChild('o');
    expect(o.node.root).toBe(app);
    expect(notWritten(o, c)).toBe(NotWritten.REMOVED);

    const d = new Chart(app, 'd');
    const p = object(d);
    app.node.tryRemoveChild('d');
    expect(notWritten(p, c)).toBe(NotWritten.REMOVED);
  });
});
