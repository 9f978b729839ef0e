// Wire shapes of /work/shared/PROTOCOL.md (section 4) as the browser sees them. Optional
// members may also arrive as null: the server does not omit nulls.

export type Phase = 'Setup' | 'Brainstorm' | 'Voting' | 'Results' | 'Closed';
export const PHASES: readonly Phase[] = ['Setup', 'Brainstorm', 'Voting', 'Results', 'Closed'];

export type Role = 'participant' | 'facilitator' | 'moderator' | 'admin';

export interface Settings {
  votesPerBoard: number;
  maxVotesPerIdea: number;
  anonymousIdeas: boolean;
  liveResults: boolean;
  maxIdeaLength: number;
}

export type IdeaStatus = 'visible' | 'hidden' | 'merged';

export interface Idea {
  ideaId: string;
  boardId: string;
  text: string;
  author?: string | null;
  mine: boolean;
  createdAt: string;
  status: IdeaStatus;
  mergedInto?: string | null;
  votes?: number | null;
  /** PROTOCOL.md section 10: null when fewer than 2 groups qualify; absent where votes are. */
  consensus?: number | null;
  /** Staff only: the support of each qualifying group. */
  support?: GroupSupport[] | null;
  /** PROTOCOL.md section 9: raised hands counted in the room; absent where votes are. */
  hallVotes?: number | null;
  /** Section 9: "paper" ideas were written in the room and typed in by staff. */
  source?: IdeaSource | null;
}

export type IdeaSource = 'digital' | 'paper';

/** One qualifying stakeholder group's support for an idea or output (section 10). */
export interface GroupSupport {
  group: string;
  /** People of the group who voted on the board. */
  voters: number;
  /** Of those, the people who gave the idea at least one dot. */
  supporters: number;
  /** (supporters + 1) / (voters + 2), in 0..1. */
  support: number;
}

export interface Output {
  boardId: string;
  area: string;
  text: string;
  sourceIdeaIds: string[];
  votes: number;
  votesByGroup: Record<string, number>;
  source: 'facilitator' | 'top-voted';
  consensus?: number | null;
  support?: GroupSupport[] | null;
  /** Section 9: the part of votes that are raised hands counted in the room. */
  hallVotes?: number | null;
}

export interface Board {
  boardId: string;
  area: string;
  ideas: Idea[];
}

export interface Me {
  role: Role;
  participantId?: string | null;
  votes: Record<string, number>;
  remaining: Record<string, number>;
}

export interface Snapshot {
  workshopId: string;
  eventId: string;
  title: string;
  phase: Phase;
  version: number;
  /** The last tally announcement (talliesChanged seq) of this viewer's audience the snapshot includes. */
  tallySeq: number;
  timerEndsAt?: string | null;
  settings: Settings;
  boards: Board[];
  outputs: Output[];
  participants: number;
  me: Me;
  language?: string | null;
}

export interface VoteReceipt {
  ideaId: string;
  myVotes: number;
  remaining: number;
}

export interface WorkshopSummary {
  workshopId: string;
  title: string;
  phase: Phase;
  participants: number;
  ideas: number;
  votes: number;
  /** Added by the console's server side: still in Setup with no idea (may be removed, areas may change). */
  removable?: boolean | null;
}

export interface EventSummary {
  eventId: string;
  title: string;
  date?: string | null;
  venue?: string | null;
  language: string;
  outputAreas: string[];
  workshops: WorkshopSummary[];
  stakeholderGroups?: string[] | null;
  joinCode?: string | null;
  /** Present where the server returns the whole program to staff (the console's edit form). */
  settings?: ProgramSettings | null;
  privacy?: Privacy | null;
}

export interface EventByCode {
  eventId: string;
  title: string;
  language: string;
  stakeholderGroups: string[];
  workshops: { workshopId: string; title: string }[];
  /** The event's privacy notice (section 11); null when the program gives none. */
  privacy?: Privacy | null;
  joinWith?: JoinWith;
  /** POST /api/events/by-badge only: what the organizer set on the badge (fixed for its holder). */
  badge?: { name?: string | null; organization?: string | null; group?: string | null } | null;
}

export interface AuthReply {
  token: string;
  role: Role;
  eventId?: string | null;
  workshopId?: string | null;
  participantId?: string | null;
  /** Badge joins: the name and group the event holds (the organizer's win). */
  displayName?: string | null;
  group?: string | null;
}

export const isStaff = (role: Role): boolean => role !== 'participant';

// ---- the organizer's console (PROTOCOL.md sections 2, 7, 8, 11) ----

export type JoinWith = 'code' | 'badge';

export interface ProgramSettings extends Settings {
  joinWith?: JoinWith;
}

export interface Privacy {
  controller: string;
  contact: string;
  purpose?: string | null;
  retentionDays?: number | null;
}

/** The body of POST /api/events and PUT /api/events/{id}. */
export interface EventProgram {
  title: string;
  date?: string | null;
  venue?: string | null;
  language: string;
  outputAreas: string[];
  workshops: { workshopId?: string; title: string }[];
  stakeholderGroups: string[];
  settings?: ProgramSettings;
  privacy?: Privacy;
}

export interface EventCreated {
  eventId: string;
  joinCode: string;
  moderatorKey: string;
  workshops: { workshopId: string; title: string; facilitatorKey: string }[];
}

/** A badge as POST /api/events/{id}/badges returns it: the only time its code is known. */
export interface BadgeIssued {
  badgeId: string;
  code: string;
  name?: string | null;
  organization?: string | null;
  group?: string | null;
}

/** A line of GET /api/events/{id}/badges: no code. */
export interface BadgeListing {
  badgeId: string;
  name?: string | null;
  organization?: string | null;
  group?: string | null;
  claimed: boolean;
  revoked: boolean;
}

export interface EventUpdated {
  eventId: string;
  workshops: { workshopId: string; title: string; facilitatorKey?: string | null }[];
}

export interface EventListItem {
  eventId: string;
  title: string;
  date?: string | null;
  venue?: string | null;
  language: string;
  createdAt: string;
  workshops: number;
  participants: number;
  ideas: number;
  votes: number;
  status: 'open' | 'closed';
}

/** GET /api/me (contract section 11): everything the server stores about the caller. */
export interface PersonalData {
  participantId: string;
  displayName?: string | null;
  organization?: string | null;
  group?: string | null;
  joinedAt: string;
  ideas: { workshopId: string; ideaId: string; text: string }[];
  votes: { workshopId: string; ideaId: string; votes: number }[];
}
