#!/usr/bin/env node
// oversight-mcp: an MCP server over stdio, served through the Oversight proxy on stdio.
// stdout is the MCP channel: everything this command says goes to stderr.
import { parseCliOptions, startCli, UsageError, USAGE } from './cli.js';

try {
  const own = process.argv.slice(2, process.argv.includes('--') ? process.argv.indexOf('--') : undefined);
  if (own.includes('--help') || own.includes('-h')) {
    process.stderr.write(USAGE);
    process.exit(0);
  }
  const running = await startCli(parseCliOptions(process.argv.slice(2)));
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`oversight-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // The client closing our stdin ends the session; so do the usual signals.
  process.stdin.on('end', stop);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`oversight-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
