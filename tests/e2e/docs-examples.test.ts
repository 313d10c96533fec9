import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docExamples, outsideProject } from '../helpers/docs.js';

describe('the examples in the docs run as written', () => {
  it('core README: the complete backend runs under parabench --backends ./my-backend.js from outside the repository', async () => {
    const examples = docExamples('packages/core/README.md');
    expect([...examples.keys()]).toEqual(['my-backend.js']);
    const dir = outsideProject(examples, ['@parabench/core']);
    const { code, stdout, stderr } = await runCli(['--quick', '--backends', './my-backend.js'], { cwd: dir });
    expect(stderr).not.toMatch(/unexpected failure/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/my-loop\s+│ main thread │\s+1 │.*✓/);
  });
});
