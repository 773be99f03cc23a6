import { literalPattern } from '../../src/private/text';

describe('text', () => {
  test('a literal pattern matches exactly the text, its dots, brackets and slashes included', () => {
    const re = new RegExp(`^${literalPattern('[git.example.com]:2222')}$`);
    expect(re.test('[git.example.com]:2222')).toBe(true);
    expect(re.test('[gitXexampleYcom]:2222')).toBe(false);
    expect(re.test('g')).toBe(false);
    const all = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p';
    expect(new RegExp(`^${literalPattern(all)}$`).test(all)).toBe(true);
    expect(new RegExp(`^${literalPattern(all)}$`).test(all.replace('.', 'X'))).toBe(false);
  });
});
