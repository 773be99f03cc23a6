import { secretMaterialIn } from '../../src/private/secrets';

describe('secretMaterialIn', () => {
  const bare = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9Kq3pQ1t';

  test('a text searched again without a name gives the same answer', () => {
    expect(secretMaterialIn(bare)).toBeUndefined();
    expect(secretMaterialIn(bare)).toBeUndefined();
    const token = `token ghp_${'a1B2c3D4e5'.repeat(3)}a1B2c3`;
    expect(secretMaterialIn(token)).toBe('a GitHub token');
    expect(secretMaterialIn(`${token}`)).toBe('a GitHub token');
  });

  test('a name still counts after the same text was searched without one', () => {
    expect(secretMaterialIn(bare)).toBeUndefined();
    expect(secretMaterialIn(bare, 'AWS_SECRET_ACCESS_KEY')).toBe('an AWS secret access key');
    expect(secretMaterialIn(bare, 'REGION')).toBeUndefined();
    expect(secretMaterialIn(bare)).toBeUndefined();
  });
});
