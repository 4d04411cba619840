// Preloaded into a benchmarked process: reports its peak resident memory on exit.
import process from 'node:process';

process.on('exit', () => process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`));
