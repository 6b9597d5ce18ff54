/** Entry point of the compiled CLI bundle (dist/coopwatch.mjs, built by scripts/build.mjs). */
import { main } from './main.ts';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});
process.exitCode = await main(process.argv.slice(2));
