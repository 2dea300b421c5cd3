import { errorCodes, GqlResult } from './test-app';

/** The field paths of a BAD_USER_INPUT result; fails the test when the result is anything else. */
export function badInputPaths(result: GqlResult): string[] {
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  return (result.errors?.[0].extensions?.fields ?? []).map((f: { path: string }) => f.path);
}

/** The message given for `path` in a BAD_USER_INPUT result. */
export function badInputMessage(result: GqlResult, path: string): string | undefined {
  return result.errors?.[0].extensions?.fields?.find((f: { path: string }) => f.path === path)?.message;
}
