import { ApiError, postJson } from '../../lib/api';
import { h, replace } from '../../lib/dom';
import { onLanguageChange, t } from '../../lib/i18n';
import type { Session } from '../../lib/session';
import type { EventSummary } from '../../lib/types';
import { confirmDialog, errorText, toast } from '../../lib/ui';
import { defaultOrigin, type KitContent, renderKit } from './kit';

// /admin/{eventId}/keys: new keys for the seats (moderator, each facilitator) and a new join
// code, and the printable kit of what was just made. After creating an event the console opens
// this view with the whole kit.

export class KeysView {
  readonly element = h('section', { class: 'console-keys' });
  private readonly kit: KitContent;
  private origin = defaultOrigin();
  private busy = false;

  constructor(
    private readonly session: Session,
    private readonly summary: EventSummary,
    initial: Partial<KitContent> | null,
    private readonly onUnauthorized: () => void,
    private readonly fresh = false,
  ) {
    this.kit = {
      title: summary.title,
      date: summary.date ?? null,
      venue: summary.venue ?? null,
      joinCode: initial?.joinCode ?? null,
      moderatorKey: initial?.moderatorKey ?? null,
      facilitators: initial?.facilitators ?? [],
    };
    onLanguageChange(() => this.render());
  }

  start(): void {
    this.render();
  }

  private get hasKit(): boolean {
    return !!(this.kit.joinCode || this.kit.moderatorKey || this.kit.facilitators.length > 0);
  }

  private render(focus?: string): void {
    const s = this.summary;
    const id = encodeURIComponent(s.eventId);
    const admin = this.session.role === 'admin';
    const seat = (label: string, detail: string | null, testid: string, action: () => Promise<void>, aria: string): HTMLElement =>
      h('li', { class: 'console-seat', 'data-testid': testid },
        h('div', null, h('span', { class: 'console-seat-name' }, label), detail ? h('span', { class: 'console-sub' }, detail) : null),
        h('button', {
          type: 'button', class: 'btn btn-small', disabled: this.busy, 'data-testid': `${testid}-rotate`, 'data-key': `rotate-${testid}-${label}`,
          'aria-label': aria, on: { click: () => void action() },
        }, testid === 'seat-join-code' ? t('keys.newCode') : t('keys.newKey')));
    replace(this.element,
      h('div', { class: 'console-head no-print' },
        h('div', null,
          h('p', { class: 'eyebrow' }, t('keys.title')),
          h('h1', null, s.title)),
        h('div', { class: 'button-row' },
          h('a', { class: 'btn', href: `/m/${id}`, 'data-testid': 'to-moderator' }, t('console.toModerator')),
          h('a', { class: 'btn', href: `/admin/${id}/badges`, 'data-testid': 'to-badges' }, t('badges.title')),
          h('a', { class: 'btn', href: `/admin/${id}/edit` }, t('console.editEvent')))),
      this.fresh
        ? h('div', { class: 'console-note no-print', role: 'status', 'data-testid': 'created-note' }, t('keys.created'))
        : null,
      h('section', { class: 'card console-seats no-print', 'aria-labelledby': 'seats-title' },
        h('h2', { id: 'seats-title' }, t('keys.seats')),
        h('p', { class: 'hint' }, t('keys.seatsHint')),
        h('ul', { class: 'console-seat-list' },
          seat(t('mod.joinCode'), s.joinCode ?? null, 'seat-join-code', () => this.newJoinCode(), t('keys.newCode')),
          admin ? seat(t('kit.moderator'), null, 'seat-moderator', () => this.rotate('moderator'), t('keys.newKeyOf', { who: t('kit.moderator') })) : null,
          s.workshops.map((w) => h('li', { class: 'console-seat', 'data-testid': 'seat-facilitator', 'data-workshop-id': w.workshopId },
            h('div', null, h('span', { class: 'console-seat-name' }, w.title), h('span', { class: 'console-sub' }, t('kit.card'))),
            h('button', {
              type: 'button', class: 'btn btn-small', disabled: this.busy, 'data-testid': 'seat-facilitator-rotate', 'data-key': `rotate-${w.workshopId}`,
              'aria-label': t('keys.newKeyOf', { who: w.title }), on: { click: () => void this.rotate('facilitator', w.workshopId, w.title) },
            }, t('keys.newKey')))))),
      this.hasKit ? this.kitSection() : h('p', { class: 'hint no-print', 'data-testid': 'no-kit' }, t('keys.noKit')));
    if (focus) {
      this.element.querySelector<HTMLElement>(`#${CSS.escape(focus)}`)?.focus();
    }
  }

  private kitSection(): HTMLElement {
    const originInput = h('input', {
      id: 'kit-origin', class: 'input', type: 'url', value: this.origin, 'aria-describedby': 'kit-origin-hint',
      on: { change: (e: Event) => { this.origin = (e.target as HTMLInputElement).value || location.origin; this.render('kit-origin'); } },
    });
    return h('section', { class: 'console-kit', 'aria-labelledby': 'kit-heading' },
      h('div', { class: 'kit-toolbar no-print' },
        h('h2', { id: 'kit-heading', tabindex: -1 }, t('kit.title')),
        h('p', { class: 'hint' }, t('kit.onlyNow')),
        h('div', { class: 'console-field' },
          h('label', { for: 'kit-origin', class: 'label' }, t('kit.origin')),
          originInput,
          h('p', { class: 'hint', id: 'kit-origin-hint' }, t('kit.originHint'))),
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'print-kit', on: { click: () => window.print() } }, t('kit.print'))),
      renderKit(this.kit, this.origin));
  }

  private async newJoinCode(): Promise<void> {
    const ok = await confirmDialog(t('keys.newCodeTitle'), t('keys.newCodeText'), t('keys.newCode'));
    if (!ok) {
      return;
    }
    await this.call(async () => {
      const reply = await postJson<{ joinCode: string }>(`/api/events/${encodeURIComponent(this.summary.eventId)}/join-code`, {}, this.session.token);
      this.summary.joinCode = reply.joinCode;
      this.kit.joinCode = reply.joinCode;
      toast(t('keys.newCodeDone', { code: reply.joinCode }));
    });
  }

  private async rotate(role: 'moderator' | 'facilitator', workshopId?: string, title?: string): Promise<void> {
    const who = role === 'moderator' ? t('kit.moderator') : (title ?? '');
    const ok = await confirmDialog(t('keys.newKeyTitle', { who }), t('keys.newKeyText'), t('keys.newKey'));
    if (!ok) {
      return;
    }
    await this.call(async () => {
      const body = role === 'moderator' ? { role } : { role, workshopId };
      const reply = await postJson<{ key: string }>(`/api/events/${encodeURIComponent(this.summary.eventId)}/keys`, body, this.session.token);
      if (role === 'moderator') {
        this.kit.moderatorKey = reply.key;
      } else {
        // A rotated key makes a new card; the old card's key no longer signs in.
        this.kit.facilitators = [...this.kit.facilitators.filter((f) => f.workshopId !== workshopId), { workshopId: workshopId!, title: title ?? '', key: reply.key }];
      }
      toast(t('keys.newKeyDone', { who }));
    });
  }

  private async call(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.render();
    try {
      await action();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      if (code === 'unauthorized') {
        this.onUnauthorized();
        return;
      }
      toast(errorText(code), 'error');
    }
    this.busy = false;
    this.render(this.hasKit ? 'kit-heading' : undefined);
  }
}
