import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * New public id: a short type prefix and a time-ordered, random suffix (e.g. `plt_0k9x2m7c4t1hq8r3ab5d`).
 * Ids are stable and public; time order keeps indexes compact and makes ids roughly sortable by creation.
 */
export function newId(prefix: string): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 9; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const tail = Array.from(randomBytes(12), (b) => ALPHABET[b % 32]).join('');
  return `${prefix}_${head}${tail}`;
}
