import type { EventProgram, EventSummary, JoinWith, Privacy, ProgramSettings } from './types';

// The event program as the console's form holds it, its defaults (the contract's, section 2),
// and the mapping of the server's invalid_input messages to the form's fields.

export const DEFAULT_AREAS = ['Etki', 'Sürdürülebilirlik', 'İş Birliği'];
export const DEFAULT_GROUPS = [
  'Sivil toplum kuruluşu', 'Kamu kurumu', 'Yerel yönetim', 'Kalkınma ajansı', 'Uluslararası kuruluş', 'Basın', 'Diğer',
];
export const DEFAULT_SETTINGS: Required<ProgramSettings> = {
  votesPerBoard: 3, maxVotesPerIdea: 1, anonymousIdeas: true, liveResults: false, maxIdeaLength: 280, joinWith: 'code',
};
export const DEFAULT_RETENTION_DAYS = 30;

export interface WorkshopRow {
  workshopId?: string;
  title: string;
  /** An existing workshop past Setup or with ideas: it may be renamed but not removed. */
  locked?: boolean;
}

export interface ProgramModel {
  title: string;
  date: string;
  venue: string;
  language: string;
  outputAreas: string[];
  workshops: WorkshopRow[];
  /** One name a line. */
  stakeholderGroups: string;
  settings: { votesPerBoard: string; maxVotesPerIdea: string; maxIdeaLength: string; anonymousIdeas: boolean; liveResults: boolean; joinWith: JoinWith };
  privacy: { controller: string; contact: string; purpose: string; retentionDays: string };
}

export function newModel(): ProgramModel {
  return {
    title: '',
    date: '',
    venue: '',
    language: 'tr',
    outputAreas: [...DEFAULT_AREAS],
    workshops: [{ title: '' }],
    stakeholderGroups: DEFAULT_GROUPS.join('\n'),
    settings: {
      votesPerBoard: String(DEFAULT_SETTINGS.votesPerBoard),
      maxVotesPerIdea: String(DEFAULT_SETTINGS.maxVotesPerIdea),
      maxIdeaLength: String(DEFAULT_SETTINGS.maxIdeaLength),
      anonymousIdeas: DEFAULT_SETTINGS.anonymousIdeas,
      liveResults: DEFAULT_SETTINGS.liveResults,
      joinWith: DEFAULT_SETTINGS.joinWith,
    },
    privacy: { controller: '', contact: '', purpose: '', retentionDays: String(DEFAULT_RETENTION_DAYS) },
  };
}

/** The form's model of a program read from a file (docs/samples/program.json) or the server. */
export type ProgramLike = Omit<Partial<EventProgram>, 'settings' | 'privacy'> & { settings?: Partial<ProgramSettings> | null; privacy?: Partial<Privacy> | null };

export function modelOf(program: ProgramLike): ProgramModel {
  const model = newModel();
  const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
  model.title = text(program.title);
  model.date = text(program.date);
  model.venue = text(program.venue);
  model.language = program.language === 'en' ? 'en' : 'tr';
  if (Array.isArray(program.outputAreas)) {
    model.outputAreas = program.outputAreas.map(text);
  }
  if (Array.isArray(program.workshops)) {
    model.workshops = program.workshops.map((w) => ({ title: text(w?.title), ...(w?.workshopId ? { workshopId: w.workshopId } : {}) }));
  }
  if (Array.isArray(program.stakeholderGroups)) {
    model.stakeholderGroups = program.stakeholderGroups.map(text).join('\n');
  }
  const s = program.settings;
  if (s) {
    if (s.votesPerBoard !== undefined) model.settings.votesPerBoard = text(s.votesPerBoard);
    if (s.maxVotesPerIdea !== undefined) model.settings.maxVotesPerIdea = text(s.maxVotesPerIdea);
    if (s.maxIdeaLength !== undefined) model.settings.maxIdeaLength = text(s.maxIdeaLength);
    if (typeof s.anonymousIdeas === 'boolean') model.settings.anonymousIdeas = s.anonymousIdeas;
    if (typeof s.liveResults === 'boolean') model.settings.liveResults = s.liveResults;
    if (s.joinWith === 'badge' || s.joinWith === 'code') model.settings.joinWith = s.joinWith;
  }
  const p = program.privacy;
  if (p) {
    model.privacy = {
      controller: text(p.controller),
      contact: text(p.contact),
      purpose: text(p.purpose),
      retentionDays: p.retentionDays === undefined || p.retentionDays === null ? String(DEFAULT_RETENTION_DAYS) : text(p.retentionDays),
    };
  }
  return model;
}

export function modelOfSummary(summary: EventSummary): ProgramModel {
  const model = modelOf({
    title: summary.title,
    date: summary.date ?? '',
    venue: summary.venue ?? '',
    language: summary.language,
    outputAreas: summary.outputAreas,
    stakeholderGroups: summary.stakeholderGroups ?? DEFAULT_GROUPS,
    settings: summary.settings ?? null,
    privacy: summary.privacy ?? null,
  });
  model.workshops = summary.workshops.map((w) => ({
    workshopId: w.workshopId,
    title: w.title,
    locked: w.removable === false || w.phase !== 'Setup' || w.ideas > 0,
  }));
  return model;
}

/** A number field as the server should see it: a number when it reads as one, else the text (the server refuses it). */
function numberOrText(value: string): number | string {
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The program to send. Nothing is checked here: the server is the one judge of a program, and
 * its refusals are shown beside the fields they concern (fieldOfMessage).
 */
export function programOf(model: ProgramModel, options: { settings: boolean }): EventProgram {
  const program: EventProgram = {
    title: model.title,
    date: model.date.trim() === '' ? null : model.date.trim(),
    venue: model.venue.trim() === '' ? null : model.venue,
    language: model.language,
    outputAreas: model.outputAreas,
    workshops: model.workshops.map((w) => (w.workshopId ? { workshopId: w.workshopId, title: w.title } : { title: w.title })),
    stakeholderGroups: model.stakeholderGroups.split('\n').map((g) => g.trim()).filter((g) => g.length > 0),
  };
  if (options.settings) {
    program.settings = {
      votesPerBoard: numberOrText(model.settings.votesPerBoard) as number,
      maxVotesPerIdea: numberOrText(model.settings.maxVotesPerIdea) as number,
      maxIdeaLength: numberOrText(model.settings.maxIdeaLength) as number,
      anonymousIdeas: model.settings.anonymousIdeas,
      liveResults: model.settings.liveResults,
      joinWith: model.settings.joinWith,
    };
  }
  const p = model.privacy;
  // The notice is optional; once a field of it is filled, it is sent whole and judged whole.
  if (p.controller.trim() || p.contact.trim() || p.purpose.trim()) {
    program.privacy = {
      controller: p.controller,
      contact: p.contact,
      ...(p.purpose.trim() ? { purpose: p.purpose } : {}),
      retentionDays: numberOrText(p.retentionDays === '' ? String(DEFAULT_RETENTION_DAYS) : p.retentionDays) as number,
    };
  }
  return program;
}

/** The form's fields that a server message can concern. */
export type Field =
  | 'title' | 'date' | 'venue' | 'language' | 'outputAreas' | 'workshops' | 'stakeholderGroups'
  | 'votesPerBoard' | 'maxVotesPerIdea' | 'maxIdeaLength' | 'joinWith'
  | 'privacy.controller' | 'privacy.contact' | 'privacy.purpose' | 'privacy.retentionDays';

// The server's messages start with (or name) the JSON member they concern: "title is empty",
// "outputAreas holds 1 to 5 names", "workshop title is 240 characters long; ...",
// "maxVotesPerIdea must be between 1 and votesPerBoard". The member named first wins.
const PATTERNS: [RegExp, Field][] = [
  [/\bprivacy\W*controller\b|\bcontroller\b/i, 'privacy.controller'],
  [/\bprivacy\W*contact\b|\bcontact\b/i, 'privacy.contact'],
  [/\bprivacy\W*purpose\b|\bpurpose\b/i, 'privacy.purpose'],
  [/\bretentionDays\b/i, 'privacy.retentionDays'],
  [/\bjoinWith\b/i, 'joinWith'],
  [/\bmaxVotesPerIdea\b/i, 'maxVotesPerIdea'],
  [/\bvotesPerBoard\b/i, 'votesPerBoard'],
  [/\bmaxIdeaLength\b/i, 'maxIdeaLength'],
  [/\boutputAreas?\b|\boutput areas?\b/i, 'outputAreas'],
  [/\bstakeholderGroups?\b|\bstakeholder groups?\b|\bgroups?\b/i, 'stakeholderGroups'],
  [/\bworkshops?\b/i, 'workshops'],
  [/\bdate\b/i, 'date'],
  [/\bvenue\b/i, 'venue'],
  [/\blanguage\b/i, 'language'],
  [/\btitle\b/i, 'title'],
];

/** The field a server message concerns, and the row when it names one (workshops[2]), or null. */
export function fieldOfMessage(message: string): { field: Field; index?: number } | null {
  let best: { field: Field; at: number } | null = null;
  for (const [pattern, field] of PATTERNS) {
    const match = pattern.exec(message);
    if (match && (best === null || match.index < best.at)) {
      best = { field, at: match.index };
    }
  }
  if (!best) {
    return null;
  }
  const row = /\[(\d+)\]/.exec(message);
  return row ? { field: best.field, index: Number(row[1]) } : { field: best.field };
}

/** The row a list message is about when the server did not say: the first one that breaks the rule. */
export function guessRow(values: string[], maxLength: number): number | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    const value = (values[i] ?? '').trim();
    if (value.length === 0 || [...value].length > maxLength || seen.has(value)) {
      return i;
    }
    seen.add(value);
  }
  return undefined;
}
