import { envInReferenceOrder } from '../../src/private/env-order';

const names = (env: { [name: string]: string }) => envInReferenceOrder(env).map((e) => e.name);

describe('envInReferenceOrder', () => {
  test('keeps the written order when no variable references a later one', () => {
    expect(envInReferenceOrder({ B: 'x', A: '$(B)/y', C: '$(params.c)' })).toEqual([
      { name: 'B', value: 'x' }, { name: 'A', value: '$(B)/y' }, { name: 'C', value: '$(params.c)' },
    ]);
  });

  test('moves a referenced variable before the first one that uses it, and what it references before it', () => {
    expect(names({ URL: '$(HOST):$(PORT)', PORT: '8080', HOST: '$(NAME).svc', NAME: 'cache', OTHER: 'o' }))
      .toEqual(['NAME', 'HOST', 'PORT', 'URL', 'OTHER']);
  });

  test('reads references as the kubelet does: $$( is an escape, an unclosed $( is text, a name it does not define is left alone', () => {
    expect(names({ A: '$$(B)', B: 'x' })).toEqual(['A', 'B']);
    expect(names({ A: '$(B', B: 'x' })).toEqual(['A', 'B']);
    expect(names({ A: '$(MISSING)$(B)', B: 'x' })).toEqual(['B', 'A']);
    expect(names({ A: '$$$(B)', B: 'x' })).toEqual(['B', 'A']);
  });

  test('a self-reference or a cycle keeps every variable once, the first met last', () => {
    expect(names({ A: '$(A)' })).toEqual(['A']);
    expect(names({ A: '$(B)', B: '$(A)', C: 'c' })).toEqual(['B', 'A', 'C']);
  });

  test('a map sorted by key, as jsii passes it from Go, comes out in the order that expands', () => {
    expect(names({ A_URL: '$(B_HOST)/x', B_HOST: 'h' })).toEqual(['B_HOST', 'A_URL']);
  });
});
