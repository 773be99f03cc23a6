import { MAX_ARG_STRLEN, placeScriptsArgumentLength } from '../../src/private/place-scripts';

// The lengths below were counted on the argument pkg/pod/script.go writes (scriptfile line, touch and chmod,
// the heredoc with the base64 text, the decode), with a 5-character suffix as Tekton's name generator adds.
describe('the argument of sh -c in the place-scripts init container', () => {
  test('one script: its file lines and its base64 text', () => {
    expect(placeScriptsArgumentLength(['#!/bin/sh\necho hi\n'], [])).toBe(205);
    // the index of the step is in the file's name
    expect(placeScriptsArgumentLength([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
      undefined, undefined, '#!/bin/sh\necho hi\n'], [])).toBe(206);
    // bytes, not characters, are encoded
    expect(placeScriptsArgumentLength([], ['#!/bin/sh\necho é\n'])).toBe(213);
  });

  test('a script without #! gets the preamble Tekton adds (#!/bin/sh and set -e)', () => {
    expect(placeScriptsArgumentLength(['echo hi\n'], [])).toBe(217);
  });

  test('steps and sidecars add up; a container without a script adds nothing', () => {
    expect(placeScriptsArgumentLength(['#!/bin/sh\necho hi\n', undefined, '  \n#!/usr/bin/env python3\nprint(1)\n'], ['echo hi\n'])).toBe(659);
    expect(placeScriptsArgumentLength([undefined], [undefined])).toBe(0);
  });

  test("Linux's limit of one argument: 32 pages of 4 KiB", () => {
    expect(MAX_ARG_STRLEN).toBe(32 * 4096);
  });
});
