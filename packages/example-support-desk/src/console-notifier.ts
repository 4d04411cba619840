// What `pnpm start` prints as the gate moves: a line per proposal, warning,
// escalation and settlement, where a real service would post to chat or email.
import type { GateEvent, Notifier } from '@oversight/gate';

export function consoleNotifier(write: (line: string) => void = (line) => console.log(line)): Notifier {
  return {
    notify(event: GateEvent): Promise<void> {
      const { proposal } = event;
      const waits = proposal.reviewer === undefined ? '' : ` → ${proposal.reviewer}${proposal.deadline === undefined ? '' : ` by ${proposal.deadline}`}`;
      const words: Record<GateEvent['type'], string> = {
        proposed: `proposed (${proposal.route})${waits}`,
        'due-soon': `due soon${waits}`,
        escalated: `escalated${waits}`,
        settled: `settled: ${proposal.status}${proposal.outcome?.reviewerId === undefined ? '' : ` by ${proposal.outcome.reviewerId}`}`,
      };
      write(`${event.at} ${proposal.id} ${words[event.type]}`);
      return Promise.resolve();
    },
  };
}
