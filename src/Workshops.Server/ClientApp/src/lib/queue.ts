import { load, save } from './storage';

/** An operation that waits for the connection. The opId is sent as clientOpId, always the same. */
export interface QueuedOp {
  opId: string;
  method: 'AddIdea' | 'CastVote' | 'RetractVote';
  boardId: string;
  ideaId?: string;
  text?: string;
  /** AddIdea by staff: "paper" for an idea written on paper in the room (section 9). */
  source?: 'paper';
  at: number;
}

/**
 * Operations not yet acknowledged, kept in localStorage so that a reload or a phone that
 * kills the tab does not lose them. Re-sending them is safe: the server ignores a clientOpId
 * it has already seen and returns the first result.
 */
export class OpQueue {
  private ops: QueuedOp[];

  constructor(private readonly key: string) {
    this.ops = load<QueuedOp[]>(key, []).filter((op) => typeof op.opId === 'string');
  }

  get size(): number {
    return this.ops.length;
  }

  all(): readonly QueuedOp[] {
    return this.ops;
  }

  first(): QueuedOp | undefined {
    return this.ops[0];
  }

  add(op: QueuedOp): void {
    this.ops.push(op);
    save(this.key, this.ops);
  }

  remove(opId: string): void {
    this.ops = this.ops.filter((op) => op.opId !== opId);
    save(this.key, this.ops);
  }
}
