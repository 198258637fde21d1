import * as E from 'fp-ts/Either';
test('fp-ts loads', () => {
  expect(E.isRight(E.right(1))).toBe(true);
});
