// Run by each package's build before tsc: tsc never deletes what it once emitted, so without this
// a file whose source was deleted would stay in dist and be packed and published with the rest.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
