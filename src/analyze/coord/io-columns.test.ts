import { describe, expect, it } from 'vitest';
import { parseListCell } from '../../ingest/fields.js';
import { listCell } from './io-columns.js';

describe('listCell', () => {
  it('agrees with parseListCell on list cells of every shape', () => {
    const cells = ["[]", '', "['a']", "['QuillOut']", "['']", "['a', 'b']", "['it\\'s']", '["x"]', "[a, b]", 'bare', "['a,b']", "['é']", "  ['x']", "['x'] ", "['a'b']"];
    for (const c of cells) expect(listCell(c), c).toEqual(parseListCell(c));
  });
});
