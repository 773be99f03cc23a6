import { goToLower, goTrimSpace } from '../../src/private/go-strings';

test('goToLower lower-cases as Go\'s strings.ToLower: İ is i, Σ is σ everywhere, the rest as JavaScript', () => {
  expect(goToLower('FAİL')).toBe('fail');
  expect(goToLower('ΟΔΟΣ')).toBe('οδοσ');
  expect(goToLower('Termination-Message')).toBe('termination-message');
  expect('FAİL'.toLowerCase()).not.toBe('fail');
});

test('goTrimSpace trims as Go\'s strings.TrimSpace: U+0085 and U+3000 are space, a byte-order mark is not', () => {
  expect(goTrimSpace('\u0085 #!win x\u3000\n')).toBe('#!win x');
  expect(goTrimSpace('\ufeff#!win')).toBe('\ufeff#!win');
});
