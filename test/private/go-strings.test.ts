import { goEqualFoldAscii, goToLower, goTrimSpace } from '../../src/private/go-strings';

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

test('goEqualFoldAscii compares as Go\'s strings.EqualFold with an ASCII word: any case, ſ is s and the Kelvin sign k, nothing else folds to ASCII', () => {
  expect(goEqualFoldAscii('BASE64', 'base64')).toBe(true);
  expect(goEqualFoldAscii('baſe64', 'base64')).toBe(true);
  expect(goEqualFoldAscii('moc\u212a', 'mock')).toBe(true);
  expect(goEqualFoldAscii('İ', 'i')).toBe(false);
  expect(goEqualFoldAscii('utf8', 'utf-8')).toBe(false);
  expect(goEqualFoldAscii(' hex', 'hex')).toBe(false);
});
