import { goToLower } from '../../src/private/go-strings';

test('goToLower lower-cases as Go\'s strings.ToLower: İ is i, Σ is σ everywhere, the rest as JavaScript', () => {
  expect(goToLower('FAİL')).toBe('fail');
  expect(goToLower('ΟΔΟΣ')).toBe('οδοσ');
  expect(goToLower('Termination-Message')).toBe('termination-message');
  expect('FAİL'.toLowerCase()).not.toBe('fail');
});
