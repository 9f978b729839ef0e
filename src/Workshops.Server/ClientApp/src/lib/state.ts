import type { Board, Idea, Me, Output, Phase, Settings, Snapshot, VoteReceipt } from './types';

/** How a board's ideas are ranked: by dots, or by agreement across stakeholder groups. */
export type RankOrder = 'votes' | 'consensus';

/** What a change means for the page beyond redrawing. */
export type Effect = 'none' | 'resync';

/**
 * One workshop as this viewer sees it: the snapshot from JoinWorkshop with every later hub
 * event applied in order: talliesChanged in seq order (the tally stream), every other event in
 * version order.
 */
export class WorkshopState {
  readonly workshopId: string;
  readonly eventId: string;
  title: string;
  phase: Phase;
  version: number;
  tallySeq: number;
  timerEndsAt: string | null;
  settings: Settings;
  readonly boards: { boardId: string; area: string }[];
  readonly ideas = new Map<string, Idea>();
  readonly outputs = new Map<string, Output>();
  participants: number;
  me: Me;
  language: string;
  /** Tallies arrived without consensus: the consensus values are older than the counts. */
  consensusStale = false;

  constructor(snapshot: Snapshot) {
    this.workshopId = snapshot.workshopId;
    this.eventId = snapshot.eventId;
    this.title = snapshot.title;
    this.phase = snapshot.phase;
    this.version = snapshot.version;
    this.tallySeq = snapshot.tallySeq ?? 0;
    this.timerEndsAt = snapshot.timerEndsAt ?? null;
    this.settings = snapshot.settings;
    this.boards = snapshot.boards.map((b: Board) => ({ boardId: b.boardId, area: b.area }));
    for (const board of snapshot.boards) {
      for (const idea of board.ideas) {
        this.ideas.set(idea.ideaId, idea);
      }
    }
    for (const output of snapshot.outputs ?? []) {
      this.outputs.set(output.boardId, output);
    }
    this.participants = snapshot.participants;
    this.me = {
      role: snapshot.me.role,
      participantId: snapshot.me.participantId ?? null,
      votes: { ...(snapshot.me.votes ?? {}) },
      remaining: { ...(snapshot.me.remaining ?? {}) },
    };
    this.language = snapshot.language ?? 'tr';
  }

  get isParticipant(): boolean {
    return this.me.role === 'participant';
  }

  /** Whether this viewer is sent tallies now (PROTOCOL.md section 3). */
  get showsTallies(): boolean {
    return !this.isParticipant || this.phase === 'Results' || this.phase === 'Closed' || this.settings.liveResults;
  }

  /** Applies one hub event (already checked to be the next version, or for tallies the next seq). */
  apply(name: string, payload: any): Effect {
    const talliesBefore = this.showsTallies;
    let effect: Effect = 'none';
    switch (name) {
      case 'ideaAdded':
      case 'ideaChanged': {
        const idea = payload.idea as Idea;
        this.ideas.set(idea.ideaId, idea);
        // A merge moves votes: this participant's own counts are only in a snapshot.
        if (idea.status === 'merged' && this.isParticipant && (this.me.votes[idea.ideaId] ?? 0) > 0) {
          effect = 'resync';
        }
        break;
      }
      case 'ideaRemoved': {
        const id = payload.ideaId as string;
        this.ideas.delete(id);
        if (this.isParticipant && (this.me.votes[id] ?? 0) > 0) {
          effect = 'resync';
        }
        break;
      }
      case 'talliesChanged': {
        for (const [id, votes] of Object.entries(payload.tallies as Record<string, number>)) {
          const idea = this.ideas.get(id);
          if (idea) {
            this.ideas.set(id, { ...idea, votes });
          }
        }
        // Consensus moves with the votes; where the server sends it along, it is merged too.
        const consensus = payload.consensus as Record<string, number | null> | undefined;
        if (consensus) {
          for (const [id, value] of Object.entries(consensus)) {
            const idea = this.ideas.get(id);
            if (idea) {
              this.ideas.set(id, { ...idea, consensus: value });
            }
          }
        } else {
          this.consensusStale = true;
        }
        // Hall counts changed while they could not take a version for everyone (section 9).
        for (const [id, hallVotes] of Object.entries((payload.hallVotes as Record<string, number> | undefined) ?? {})) {
          const idea = this.ideas.get(id);
          if (idea) {
            this.ideas.set(id, { ...idea, hallVotes });
          }
        }
        for (const output of (payload.outputs as Output[] | undefined) ?? []) {
          this.outputs.set(output.boardId, output);
        }
        // The tally stream has its own seq and leaves the version alone.
        this.tallySeq = payload.seq as number;
        return effect;
      }
      case 'phaseChanged':
        this.phase = payload.phase as Phase;
        break;
      case 'timerChanged':
        this.timerEndsAt = (payload.endsAt as string | null) ?? null;
        break;
      case 'outputChanged': {
        const output = payload.output as Output;
        this.outputs.set(output.boardId, output);
        break;
      }
      case 'presenceChanged':
        this.participants = payload.participants as number;
        break;
      case 'settingsChanged':
        this.settings = payload.settings as Settings;
        break;
      case 'eventChanged':
        // The program was edited (title, areas, language): only a fresh snapshot has all of it.
        effect = 'resync';
        break;
      default:
        // versionChanged: nothing to show, the version alone moved on.
        break;
    }
    this.version = payload.version as number;
    // Tallies stop being sent: the counts on screen are no longer this viewer's to see. (When they
    // start, the server's next announcement carries every idea's count: no resync needed.)
    if (talliesBefore && !this.showsTallies) {
      for (const [id, idea] of this.ideas) {
        const { votes: _votes, consensus: _consensus, hallVotes: _hallVotes, ...rest } = idea;
        this.ideas.set(id, rest as Idea);
      }
    }
    return effect;
  }

  applyReceipt(receipt: VoteReceipt): void {
    this.me.votes[receipt.ideaId] = receipt.myVotes;
    const boardId = this.ideas.get(receipt.ideaId)?.boardId;
    if (boardId) {
      this.me.remaining[boardId] = receipt.remaining;
    }
  }

  upsertIdea(idea: Idea): void {
    this.ideas.set(idea.ideaId, idea);
  }

  /** Ideas of a board, oldest first (ties by id so the order is stable). */
  ideasOf(boardId: string, includeHidden: boolean): Idea[] {
    const list: Idea[] = [];
    for (const idea of this.ideas.values()) {
      if (idea.boardId !== boardId || idea.status === 'merged') {
        continue;
      }
      if (idea.status === 'hidden' && !includeHidden) {
        continue;
      }
      list.push(idea);
    }
    return list.sort(byCreated);
  }

  /** Ideas merged into this one. */
  mergedInto(ideaId: string): Idea[] {
    return [...this.ideas.values()].filter((i) => i.status === 'merged' && i.mergedInto === ideaId).sort(byCreated);
  }

  /** Visible ideas by digital + hall votes, most first (ties: the earliest, as the server picks outputs). */
  ranked(boardId: string): Idea[] {
    return this.ideasOf(boardId, false).sort((a, b) => totalOf(b) - totalOf(a) || byCreated(a, b));
  }

  /**
   * Visible ideas by consensus, highest first; ideas without one (fewer than 2 qualifying
   * groups) last; ties by votes, then the earliest.
   */
  rankedByConsensus(boardId: string): Idea[] {
    return this.ideasOf(boardId, false).sort((a, b) =>
      (b.consensus ?? -1) - (a.consensus ?? -1) || totalOf(b) - totalOf(a) || byCreated(a, b));
  }

  rankedBy(boardId: string, order: RankOrder): Idea[] {
    return order === 'consensus' ? this.rankedByConsensus(boardId) : this.ranked(boardId);
  }

  totalVotes(boardId?: string): number {
    let total = 0;
    for (const idea of this.ideas.values()) {
      if (idea.status !== 'merged' && (boardId === undefined || idea.boardId === boardId)) {
        total += totalOf(idea);
      }
    }
    return total;
  }

  visibleIdeaCount(boardId?: string): number {
    let count = 0;
    for (const idea of this.ideas.values()) {
      if (idea.status === 'visible' && (boardId === undefined || idea.boardId === boardId)) {
        count++;
      }
    }
    return count;
  }

  area(boardId: string): string {
    return this.boards.find((b) => b.boardId === boardId)?.area ?? '';
  }
}

/** Each raised hand counts as one dot (section 9). */
export function totalOf(idea: Idea): number {
  return (idea.votes ?? 0) + (idea.hallVotes ?? 0);
}

export function byCreated(a: Idea, b: Idea): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.ideaId < b.ideaId ? -1 : a.ideaId > b.ideaId ? 1 : 0;
}
