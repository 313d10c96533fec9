import { describeConformance } from '@parabench/core/conformance';

await describeConformance(new URL('../dist/index.js', import.meta.url));
