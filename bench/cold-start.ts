/**
 * `coopwatch serve` cold start on a database: spawn (bin/coopwatch.js, as a user would), then time
 * the first answer of the dashboard's first request (bench/endpoints.yaml cold_start_probe).
 *
 *   node --import tsx bench/cold-start.ts DB [--runs 3]
 */
import { parseArgs } from 'node:util';
import { coldStart } from './lib/serve.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const runs: { listen_ms: number; first_response_ms: number }[] = [];
for (let i = 0; i < Number(values.runs); i++) runs.push(await coldStart(positionals[0], '/api/overview'));
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ runs, listen_ms: med(runs.map((r) => r.listen_ms)), first_response_ms: med(runs.map((r) => r.first_response_ms)) }));
