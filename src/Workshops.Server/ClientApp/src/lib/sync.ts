import { errorCode, type HubClient, type HubEventSink, OpError } from './hub';
import { newId } from './dom';
import { OpQueue, type QueuedOp } from './queue';
import { WorkshopState } from './state';
import type { Idea, Snapshot, VoteReceipt } from './types';

export type Change =
  | { kind: 'snapshot' }
  | { kind: 'event'; name: string; payload: any }
  | { kind: 'queue' }
  | { kind: 'error'; code: string; method: string }
  | { kind: 'fatal'; code: string };

/**
 * Keeps one workshop in step with the server: loads the snapshot, applies hub events in order
 * (talliesChanged by its seq, every other event by its version), resyncs on a gap in either,
 * and sends the queued operations.
 */
export class WorkshopSync implements HubEventSink {
  state: WorkshopState | null = null;
  readonly queue: OpQueue;
  private expected = -1;
  private expectedSeq = -1;
  private joining = false;
  private joinAgain = false;
  private buffered: [string, any][] = [];
  private flushing = false;
  private readonly listeners: ((change: Change) => void)[] = [];
  private consensusTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly hub: HubClient,
    readonly workshopId: string,
    queueOwner: string,
  ) {
    this.queue = new OpQueue(`ws.queue.${workshopId}.${queueOwner}`);
  }

  /** Registers with the hub: the first snapshot is fetched as soon as it is connected. */
  attach(): void {
    this.hub.register(this);
  }

  onChange(listener: (change: Change) => void): void {
    this.listeners.push(listener);
  }

  async resync(): Promise<void> {
    if (this.joining) {
      this.joinAgain = true;
      return;
    }
    this.joining = true;
    this.buffered = [];
    let snapshot: Snapshot | null = null;
    try {
      snapshot = await this.hub.invoke<Snapshot>('JoinWorkshop', this.workshopId);
    } catch (error) {
      const code = errorCode(error);
      this.joining = false;
      if (code !== null && code !== 'rate_limited' && code !== 'unavailable') {
        this.emit({ kind: 'fatal', code });
      } else if (this.hub.connected) {
        setTimeout(() => void this.resync(), 2000);
      }
      return;
    }
    this.state = new WorkshopState(snapshot);
    this.expected = snapshot.version;
    this.expectedSeq = snapshot.tallySeq ?? 0;
    this.joining = false;
    // Events that arrived while the snapshot was on its way, in the order the server sent them:
    // older ones are in it already.
    const waiting = this.buffered;
    this.buffered = [];
    this.emit({ kind: 'snapshot' });
    for (const [name, payload] of waiting) {
      this.receive(name, payload);
    }
    if (this.joinAgain) {
      this.joinAgain = false;
      void this.resync();
      return;
    }
    void this.flush();
  }

  receive(name: string, payload: any): void {
    if (this.joining || !this.state) {
      this.buffered.push([name, payload]);
      return;
    }
    // Two streams: tallies count by seq, everything else by version.
    const tallies = name === 'talliesChanged';
    const number = Number(tallies ? payload.seq : payload.version);
    const last = tallies ? this.expectedSeq : this.expected;
    if (number <= last) {
      return;
    }
    if (number !== last + 1) {
      // A lost message: only a fresh snapshot is sure to be right.
      void this.resync();
      return;
    }
    if (tallies) {
      this.expectedSeq = number;
    } else {
      this.expected = number;
    }
    const effect = this.state.apply(name, payload);
    this.emit({ kind: 'event', name, payload });
    if (effect === 'resync') {
      void this.resync();
    }
  }

  /**
   * A view that ranks by consensus calls this after tallies arrived without consensus values:
   * a fresh snapshot (at most one every 2 seconds, so a vote storm costs few) brings them.
   */
  refreshConsensus(): void {
    if (!this.state?.consensusStale || this.consensusTimer !== undefined) {
      return;
    }
    this.consensusTimer = setTimeout(() => {
      this.consensusTimer = undefined;
      void this.resync();
    }, 2000);
  }

  // ---- queued operations (safe to repeat thanks to clientOpId) ----

  addIdea(boardId: string, text: string, fromPaper = false): void {
    this.enqueue({ opId: newId(), method: 'AddIdea', boardId, text, at: Date.now(), ...(fromPaper ? { source: 'paper' as const } : {}) });
  }

  castVote(idea: Idea): void {
    this.enqueue({ opId: newId(), method: 'CastVote', boardId: idea.boardId, ideaId: idea.ideaId, at: Date.now() });
  }

  retractVote(idea: Idea): void {
    this.enqueue({ opId: newId(), method: 'RetractVote', boardId: idea.boardId, ideaId: idea.ideaId, at: Date.now() });
  }

  /** My votes on an idea, counting those still waiting to be sent. */
  myVotes(ideaId: string): number {
    let votes = this.state?.me.votes[ideaId] ?? 0;
    for (const op of this.queue.all()) {
      if (op.ideaId === ideaId) {
        votes += op.method === 'CastVote' ? 1 : op.method === 'RetractVote' ? -1 : 0;
      }
    }
    return Math.max(0, votes);
  }

  /** Dots left on a board, counting those still waiting to be sent. */
  remaining(boardId: string): number {
    const state = this.state;
    if (!state) {
      return 0;
    }
    let left = state.me.remaining[boardId];
    if (left === undefined) {
      left = state.settings.votesPerBoard;
      for (const idea of state.ideasOf(boardId, true)) {
        left -= state.me.votes[idea.ideaId] ?? 0;
      }
    }
    for (const op of this.queue.all()) {
      if (op.boardId === boardId) {
        left += op.method === 'CastVote' ? -1 : op.method === 'RetractVote' ? 1 : 0;
      }
    }
    return Math.max(0, left);
  }

  pendingIdeas(boardId: string): QueuedOp[] {
    return this.queue.all().filter((op) => op.method === 'AddIdea' && op.boardId === boardId);
  }

  private enqueue(op: QueuedOp): void {
    this.queue.add(op);
    this.emit({ kind: 'queue' });
    void this.flush();
  }

  /** Sends the queue in order; stops at the first call that got no answer (sent again later). */
  async flush(): Promise<void> {
    if (this.flushing || this.joining || !this.state || !this.hub.connected) {
      return;
    }
    this.flushing = true;
    try {
      for (let op = this.queue.first(); op; op = this.queue.first()) {
        let result: unknown;
        try {
          result = await this.send(op);
        } catch (error) {
          const code = errorCode(error);
          if (code === null) {
            return;
          }
          if (code === 'rate_limited' || code === 'unavailable') {
            setTimeout(() => void this.flush(), 3000);
            return;
          }
          this.queue.remove(op.opId);
          this.emit({ kind: 'queue' });
          this.emit({ kind: 'error', code, method: op.method });
          if (op.method !== 'AddIdea') {
            void this.resync();
          }
          continue;
        }
        this.queue.remove(op.opId);
        if (this.state) {
          if (op.method === 'AddIdea') {
            this.state.upsertIdea(result as Idea);
          } else {
            this.state.applyReceipt(result as VoteReceipt);
          }
        }
        this.emit({ kind: 'queue' });
      }
    } finally {
      this.flushing = false;
    }
  }

  private send(op: QueuedOp): Promise<unknown> {
    switch (op.method) {
      case 'AddIdea':
        return this.hub.invoke('AddIdea', this.workshopId, { boardId: op.boardId, text: op.text, clientOpId: op.opId, ...(op.source ? { source: op.source } : {}) });
      case 'CastVote':
        return this.hub.invoke('CastVote', this.workshopId, op.ideaId, op.opId);
      case 'RetractVote':
        return this.hub.invoke('RetractVote', this.workshopId, op.ideaId, op.opId);
    }
  }

  // ---- direct operations (facilitators: not queued, refused while offline) ----

  async call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    try {
      return await this.hub.invoke<T>(method, this.workshopId, ...args);
    } catch (error) {
      const code = errorCode(error) ?? 'offline';
      this.emit({ kind: 'error', code, method });
      throw new OpError(code);
    }
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) {
      listener(change);
    }
  }
}
