import { goEqualFoldAscii, goQuote, goToLower, goTrimSpace } from '../../src/private/go-strings';

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

describe("goQuote: Go's strconv.Quote (%q), as the webhook's errors quote a field", () => {
  test.each([
    // Go 1.26: fmt.Printf("%q", s) of each
    ['a\r\nb', '"a\\r\\nb"'],
    ['\x07\b\f\v\x00\x1b\x7f', '"\\a\\b\\f\\v\\x00\\x1b\\x7f"'],
    ['é\u00a0\u2028\u200b😀', '"é\\u00a0\\u2028\\u200b😀"'],
    ['q"\\', '"q\\"\\\\"'],
    ['\t$(params.x)', '"\\t$(params.x)"'],
    ['\u{e0001}', '"\\U000e0001"'],
  ])('%j', (text, quoted) => {
    expect(goQuote(text)).toBe(quoted);
  });

  test('printable text is quoted as JSON quotes it', () => {
    const text = '#!/bin/sh\necho "Numero de tentativas: $(params.n)" \\ ção ✓';
    expect(goQuote(text)).toBe(JSON.stringify(text));
  });
});
