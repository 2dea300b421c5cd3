import { pageOf, pageWindow } from '../../src/shared/pagination';

describe('pageOf', () => {
  const count = async () => 0;
  const cursorOf = (row: number) => String(row);

  it('says more records follow when a read returned one past the page, or was cut short', () => {
    const window = pageWindow({ first: 3, after: '0' });
    expect(pageOf([1, 2, 3, 4], window, cursorOf, count)).toMatchObject({ rows: [1, 2, 3], hasNextPage: true, hasPreviousPage: true });
    expect(pageOf([1, 2, 3], window, cursorOf, count)).toMatchObject({ rows: [1, 2, 3], hasNextPage: false });
    expect(pageOf([1, 2], window, cursorOf, count, true)).toMatchObject({ rows: [1, 2], hasNextPage: true });
  });

  it('reading backwards, a cut read means more records come before the page', () => {
    const window = pageWindow({ last: 3 });
    expect(pageOf([5, 4], window, cursorOf, count, true)).toMatchObject({ rows: [4, 5], hasNextPage: false, hasPreviousPage: true });
    expect(pageOf([5, 4], window, cursorOf, count)).toMatchObject({ rows: [4, 5], hasPreviousPage: false });
  });

  it('names the largest page in the error for missing sizes', () => {
    expect(() => pageWindow({}, 1000)).toThrow(/1 to 1000/);
  });
});
