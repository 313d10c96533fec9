import { describeConformance } from '../src/conformance/index.js';

await describeConformance(new URL('../dist/sequential.js', import.meta.url));
