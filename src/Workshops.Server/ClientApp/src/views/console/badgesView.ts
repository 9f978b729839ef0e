import { ApiError, deleteJson, getJson, postJson } from '../../lib/api';
import { h, replace } from '../../lib/dom';
import { onLanguageChange, t } from '../../lib/i18n';
import type { Session } from '../../lib/session';
import type { BadgeIssued, BadgeListing, EventSummary } from '../../lib/types';
import { confirmDialog, errorText, toast } from '../../lib/ui';
import { renderBadgeSheets } from './badgeSheets';
import { defaultOrigin } from './kit';

// /admin/{eventId}/badges (PROTOCOL.md section 8): make personal badges, blank or one per person
// of a pasted list, see which are used or revoked, revoke one, and print what was just made.

const MAX_PER_CALL = 5000;

type Mode = 'blank' | 'list';

interface Person { name?: string; organization?: string; group?: string }

/** One person per line: "name; organization; group" (a tab works too, for a spreadsheet paste). */
export function parsePeople(text: string): Person[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => {
    const parts = (line.includes(';') ? line.split(';') : line.split('\t')).map((p) => p.trim());
    const [name, organization, group] = parts;
    return { name: name || undefined, organization: organization || undefined, group: group || undefined };
  });
}

export class BadgesView {
  readonly element = h('section', { class: 'console-badges' });
  private badges: BadgeListing[] | null = null;
  private fresh: BadgeIssued[] = [];
  private mode: Mode = 'blank';
  private count = '10';
  private people = '';
  private problem: string | null = null;
  private busy = false;
  private origin = defaultOrigin();

  constructor(
    private readonly session: Session,
    private readonly summary: EventSummary,
    private readonly onUnauthorized: () => void,
  ) {
    onLanguageChange(() => this.render());
  }

  start(): void {
    this.render();
    void this.load();
  }

  private get groups(): string[] {
    return this.summary.stakeholderGroups ?? [];
  }

  private url(suffix = ''): string {
    return `/api/events/${encodeURIComponent(this.summary.eventId)}/badges${suffix}`;
  }

  private async load(): Promise<void> {
    try {
      this.badges = (await getJson<{ badges: BadgeListing[] }>(this.url(), this.session.token)).badges;
    } catch (error) {
      this.fail(error);
    }
    this.render();
  }

  private fail(error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'unknown';
    if (code === 'unauthorized' || code === 'forbidden') {
      this.onUnauthorized();
      return;
    }
    toast(errorText(code), 'error');
  }

  private render(focus?: string): void {
    const s = this.summary;
    const id = encodeURIComponent(s.eventId);
    replace(this.element,
      h('div', { class: 'console-head no-print' },
        h('div', null,
          h('p', { class: 'eyebrow' }, t('badges.title')),
          h('h1', null, s.title)),
        h('div', { class: 'button-row' },
          h('a', { class: 'btn', href: `/admin/${id}/keys` }, t('console.keys')),
          h('a', { class: 'btn', href: `/admin/${id}/edit` }, t('console.editEvent')))),
      h('p', { class: 'hint no-print' }, t(s.settings?.joinWith === 'badge' ? 'badges.introBadgeOnly' : 'badges.introCode')),
      this.createForm(),
      this.fresh.length > 0 ? this.printSection() : null,
      this.listSection());
    if (focus) {
      this.element.querySelector<HTMLElement>(`#${CSS.escape(focus)}`)?.focus();
    }
  }

  private createForm(): HTMLElement {
    const error = this.problem ? h('p', { id: 'badge-error', class: 'error', role: 'alert', 'data-testid': 'badge-error' }, this.problem) : null;
    const described = (hint: string): string => [hint, error ? 'badge-error' : null].filter((x) => x).join(' ');
    const radio = (value: Mode, label: string): HTMLElement => h('label', { class: 'check' },
      h('input', {
        type: 'radio', name: 'badge-mode', id: `badge-mode-${value}`, value, checked: this.mode === value,
        on: { change: () => { this.mode = value; this.problem = null; this.render(`badge-mode-${value}`); } },
      }),
      h('span', null, label));
    const input = this.mode === 'blank'
      ? h('div', { class: 'console-field' },
        h('label', { for: 'badge-count', class: 'label' }, t('badges.count')),
        h('input', {
          id: 'badge-count', class: 'input input-narrow', type: 'number', min: 1, max: MAX_PER_CALL, step: 1, inputmode: 'numeric',
          value: this.count, 'aria-describedby': described('badge-count-hint'), 'aria-invalid': this.problem ? 'true' : 'false',
          'data-testid': 'badge-count',
          on: { input: (e: Event) => { this.count = (e.target as HTMLInputElement).value; } },
        }),
        h('p', { id: 'badge-count-hint', class: 'hint' }, t('badges.countHint', { max: MAX_PER_CALL })))
      : h('div', { class: 'console-field' },
        h('label', { for: 'badge-people', class: 'label' }, t('badges.people')),
        h('textarea', {
          id: 'badge-people', class: 'input', rows: 8, spellcheck: 'false',
          'aria-describedby': described('badge-people-hint'), 'aria-invalid': this.problem ? 'true' : 'false',
          'data-testid': 'badge-people',
          on: { input: (e: Event) => { this.people = (e.target as HTMLTextAreaElement).value; } },
        }, this.people),
        h('p', { id: 'badge-people-hint', class: 'hint' }, t('badges.peopleHint')),
        h('p', { class: 'hint' }, this.groups.length > 0
          ? t('badges.groupsAre', { groups: this.groups.join(', ') })
          : t('badges.noGroups')));
    return h('section', { class: 'card console-badge-form no-print', 'aria-labelledby': 'badge-form-title' },
      h('h2', { id: 'badge-form-title' }, t('badges.make')),
      h('form', {
        class: 'stack', novalidate: true, 'data-testid': 'badge-form',
        on: { submit: (e: SubmitEvent) => { e.preventDefault(); void this.create(); } },
      },
        h('fieldset', { class: 'choices' },
          h('legend', { class: 'label' }, t('badges.kind')),
          radio('blank', t('badges.kindBlank')),
          radio('list', t('badges.kindList'))),
        input,
        error,
        h('p', { class: 'hint' }, t('badges.onlyNow')),
        h('button', { type: 'submit', class: 'btn btn-primary', disabled: this.busy, 'data-testid': 'badge-create' },
          this.busy ? t('badges.making') : t('badges.makeButton'))));
  }

  /** The request body, or a problem to show (checked here too, so the list can be fixed before sending). */
  private body(): { count: number } | { people: Person[] } | string {
    if (this.mode === 'blank') {
      const n = Number(this.count);
      return Number.isInteger(n) && n >= 1 && n <= MAX_PER_CALL ? { count: n } : t('badges.countInvalid', { max: MAX_PER_CALL });
    }
    const people = parsePeople(this.people);
    if (people.length === 0 || people.length > MAX_PER_CALL) {
      return t('badges.peopleInvalid', { max: MAX_PER_CALL });
    }
    const wrong = people.findIndex((p) => p.group !== undefined && !this.groups.includes(p.group));
    if (wrong >= 0) {
      return t('badges.groupUnknown', { line: wrong + 1, group: people[wrong]!.group! });
    }
    return { people };
  }

  private async create(): Promise<void> {
    const body = this.body();
    if (typeof body === 'string') {
      this.problem = body;
      this.render(this.mode === 'blank' ? 'badge-count' : 'badge-people');
      return;
    }
    this.busy = true;
    this.problem = null;
    this.render();
    try {
      const reply = await postJson<{ badges: BadgeIssued[] }>(this.url(), body, this.session.token);
      this.fresh = reply.badges;
      this.people = '';
      toast(t('badges.made', { n: reply.badges.length }));
      this.busy = false;
      await this.load();
      this.render('badge-print-heading');
      return;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_input') {
        this.problem = error.message;
      } else {
        this.fail(error);
      }
    }
    this.busy = false;
    this.render(this.problem ? (this.mode === 'blank' ? 'badge-count' : 'badge-people') : undefined);
  }

  private printSection(): HTMLElement {
    return h('section', { class: 'console-badge-print', 'aria-labelledby': 'badge-print-heading', 'data-testid': 'badge-print' },
      h('div', { class: 'kit-toolbar no-print' },
        h('h2', { id: 'badge-print-heading', tabindex: -1 }, t('badges.printTitle', { n: this.fresh.length })),
        h('p', { class: 'hint' }, t('badges.printOnlyNow')),
        h('div', { class: 'console-field' },
          h('label', { for: 'badge-origin', class: 'label' }, t('kit.origin')),
          h('input', {
            id: 'badge-origin', class: 'input', type: 'url', value: this.origin, 'aria-describedby': 'badge-origin-hint',
            on: { change: (e: Event) => { this.origin = (e.target as HTMLInputElement).value || location.origin; this.render('badge-origin'); } },
          }),
          h('p', { class: 'hint', id: 'badge-origin-hint' }, t('kit.originHint'))),
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'badge-print-button', on: { click: () => window.print() } }, t('badges.print'))),
      renderBadgeSheets(this.summary.title, this.fresh, this.origin));
  }

  private listSection(): HTMLElement {
    const badges = this.badges;
    const used = badges?.filter((b) => b.claimed && !b.revoked).length ?? 0;
    return h('section', { class: 'console-badge-list no-print', 'aria-labelledby': 'badge-list-title' },
      h('h2', { id: 'badge-list-title', tabindex: -1 }, t('badges.list')),
      badges === null
        ? h('p', { class: 'loading' }, t('app.loading'))
        : badges.length === 0
          ? h('p', { class: 'empty', 'data-testid': 'no-badges' }, t('badges.none'))
          : [
            h('p', { class: 'hint', 'data-testid': 'badge-counts' }, t('badges.counts', { n: badges.length, used })),
            h('div', { class: 'console-table-wrap' },
              h('table', { class: 'console-table', 'data-testid': 'badge-table' },
                h('caption', { class: 'visually-hidden' }, t('badges.list')),
                h('thead', null, h('tr', null,
                  h('th', { scope: 'col' }, t('badges.colBadge')),
                  h('th', { scope: 'col' }, t('join.name')),
                  h('th', { scope: 'col' }, t('join.organization')),
                  h('th', { scope: 'col' }, t('join.group')),
                  h('th', { scope: 'col' }, t('console.colStatus')),
                  h('th', { scope: 'col' }, t('console.colActions')))),
                h('tbody', null, badges.map((b) => this.row(b))))),
          ]);
  }

  private row(b: BadgeListing): HTMLElement {
    const status = b.revoked ? 'revoked' : b.claimed ? 'claimed' : 'unused';
    const who = b.name ?? b.badgeId;
    return h('tr', { 'data-testid': 'badge-row', 'data-badge-id': b.badgeId, 'data-status': status },
      h('th', { scope: 'row' }, b.badgeId),
      h('td', null, b.name ?? h('span', { class: 'console-sub' }, t('badges.blankName'))),
      h('td', null, b.organization ?? ''),
      h('td', null, b.group ?? ''),
      h('td', null, h('span', { class: `console-status console-status-${status}`, 'data-testid': 'badge-status' }, t(`badges.status.${status}`))),
      h('td', { class: 'console-row-actions' },
        b.revoked ? null : h('button', {
          type: 'button', class: 'btn btn-small btn-danger', id: `revoke-${b.badgeId}`, disabled: this.busy, 'data-testid': 'badge-revoke',
          'aria-label': t('badges.revokeOf', { who }), on: { click: () => void this.revoke(b) },
        }, t('badges.revoke'))));
  }

  private async revoke(b: BadgeListing): Promise<void> {
    const who = b.name ?? b.badgeId;
    if (!await confirmDialog(t('badges.revokeTitle', { who }), t('badges.revokeText'), t('badges.revoke'))) {
      return;
    }
    try {
      await deleteJson(this.url(`/${encodeURIComponent(b.badgeId)}`), this.session.token);
      toast(t('badges.revoked', { who }));
    } catch (error) {
      this.fail(error);
    }
    await this.load();
    this.element.querySelector<HTMLElement>('#badge-list-title')?.focus();
  }
}
