import { commentLocation, commentsOf, recordComments } from '../../src/private/source-comments';

describe('comments recorded for an object read from YAML', () => {
  test('recorded in order, after those recorded before; none for another object or a value that is no object', () => {
    const object = { kind: 'A' };
    expect(commentsOf(object)).toEqual([]);
    recordComments(object, []);
    expect(commentsOf(object)).toEqual([]);
    recordComments(object, [{ text: '# {{ body.x }}', line: 1, column: 1 }]);
    recordComments(object, [{ text: '# {{ sender }}', line: 9, column: 3 }]);
    expect(commentsOf(object)).toEqual([{ text: '# {{ body.x }}', line: 1, column: 1 }, { text: '# {{ sender }}', line: 9, column: 3 }]);
    expect(commentsOf({ kind: 'A' })).toEqual([]);
    expect(commentsOf(null)).toEqual([]);
    expect(commentsOf('# {{ body.x }}')).toEqual([]);
  });

  test('a finding names a comment by its line', () => {
    expect(commentLocation({ text: '# x', line: 12, column: 5 })).toBe('comment on line 12');
  });
});
