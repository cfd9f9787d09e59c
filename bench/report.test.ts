import { describe, expect, it } from 'vitest';
import { formatTable } from './report';

describe('bench report table', () => {
  it('marks figures that meet or miss their target', () => {
    const table = formatTable(
      { 'a.ratio': 12, 'b.us': 30, 'c.free': 1 },
      { 'a.ratio': { op: '>=', value: 10 }, 'b.us': { op: '<=', value: 20 } },
    );
    const lines = table.split('\n');
    expect(lines.find((l) => l.startsWith('a.ratio'))).toMatch(/12\.0\s+>= 10\s+ok$/);
    expect(lines.find((l) => l.startsWith('b.us'))).toMatch(/30\.0\s+<= 20\s+MISSED$/);
    expect(lines.find((l) => l.startsWith('c.free'))).toMatch(/1\.000$/);
  });
});
