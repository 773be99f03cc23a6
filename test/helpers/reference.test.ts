import * as fs from 'fs';
import * as path from 'path';
import { describeWithReference, referenceDir, requireReference } from './reference';

// Lets each test pretend that the reference folder is missing.
jest.mock('fs', () => ({ ...jest.requireActual('fs'), existsSync: jest.fn() }));

describe('reference helpers', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    jest.restoreAllMocks();
  });

  test('referenceDir is ../shared/reference next to the repository root', () => {
    expect(referenceDir()).toBe(path.resolve(__dirname, '..', '..', '..', 'shared', 'reference'));
  });

  test('outside CI a missing folder gives one notice and skips', () => {
    delete process.env.CI;
    jest.mocked(fs.existsSync).mockReturnValue(false);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const skip = jest.spyOn(describe, 'skip').mockImplementation(() => undefined);
    expect(requireReference()).toBe(false);
    expect(requireReference()).toBe(false);
    describeWithReference('needs the reference', () => undefined);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(referenceDir()));
    expect(skip).toHaveBeenCalledWith('needs the reference', expect.any(Function));
  });

  test.each(['true', '1'])('with CI=%s a missing folder throws', (value) => {
    process.env.CI = value;
    jest.mocked(fs.existsSync).mockReturnValue(false);
    const expected = `The reference schemas are required in CI, expected them in ${referenceDir()}`;
    expect(() => requireReference()).toThrow(expected);
    expect(() => describeWithReference('needs the reference', () => undefined)).toThrow(expected);
  });
});
