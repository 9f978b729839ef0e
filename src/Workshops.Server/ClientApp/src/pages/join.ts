import { ApiError, getJson, postJson } from '../lib/api';
import { signInWithKey, takeKeyFromUrl } from '../lib/auth';
import { byId, h, replace } from '../lib/dom';
import { applyStatic, hasChosenLanguage, initLanguage, onLanguageChange, t } from '../lib/i18n';
import {
  eventOfWorkshop, lastWorkshop, participantSession, profile, rememberWorkshop, saveLastWorkshop, saveProfile, saveSession,
} from '../lib/session';
import type { AuthReply, EventByCode, Privacy } from '../lib/types';
import { errorText, fullMessage, languageSwitch } from '../lib/ui';

// The join page: enter (or scan) the event code, say who you are if you like, pick a workshop.
// A personal badge (/?badge=CODE from its QR, or its code typed in) opens the same kind of form,
// with what the organizer set on the badge, and joins as the badge's own participant (PROTOCOL.md
// section 8) once the person has seen the privacy notice and confirms.
// Key links (#key=..., or ?key=... from older printed links) sign facilitators and moderators in
// and send them on.

initLanguage(null);
applyStatic();
const main = byId('main');
byId('topbar').append(
  h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { 'data-i18n': 'app.name' }, t('app.name'))),
  h('div', { class: 'topbar-tools' }, languageSwitch()),
);

/** Join codes are ASCII without look-alike letters; upper-casing them is not a Turkish text change. */
function normalizeCode(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The event's privacy notice (KVKK art. 10, GDPR art. 13) before anyone joins: who keeps what,
 * why, for how long, and the person's rights. A program may name only the controller and
 * contact; the purpose then falls back to a default text that says what this tool uses the data for.
 */
function privacyNotice(privacy: Privacy): HTMLElement {
  const days = privacy.retentionDays ?? 30;
  return h('section', { class: 'privacy-notice', 'aria-labelledby': 'privacy-title', 'data-testid': 'privacy-notice' },
    h('h2', { id: 'privacy-title' }, t('join.privacyTitle')),
    h('p', null, t('join.privacyController', { controller: privacy.controller })),
    h('p', null, t('join.privacyPurpose', { purpose: privacy.purpose?.trim() || t('join.privacyDefaultPurpose') })),
    h('p', null, t('join.privacyRetention', { days: String(days) })),
    h('p', null, t('join.privacyRights', { contact: privacy.contact })));
}

let foundCode = '';
let draw: () => void = () => undefined;
onLanguageChange(() => draw());

async function start(): Promise<void> {
  const key = takeKeyFromUrl();
  if (key) {
    replace(main, h('p', { class: 'loading' }, t('join.signingIn')));
    try {
      const session = await signInWithKey(key);
      if (session.role === 'facilitator' && session.workshopId) {
        location.replace(`/w/${encodeURIComponent(session.workshopId)}`);
        return;
      }
      if ((session.role === 'moderator' || session.role === 'admin') && session.eventId) {
        location.replace(`/m/${encodeURIComponent(session.eventId)}`);
        return;
      }
      if (session.role === 'admin') {
        location.replace('/admin');
        return;
      }
      fullMessage(main, t('join.adminTitle'), t('join.adminText'));
      return;
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      showCodeForm(code === 'unauthorized' || code === 'forbidden' ? t('join.badKey') : errorText(code));
      return;
    }
  }
  const badge = takeBadgeFromUrl();
  if (badge) {
    await lookUpBadge(normalizeCode(badge));
    return;
  }
  const code = new URLSearchParams(location.search).get('code');
  if (code) {
    await lookUp(normalizeCode(code));
  } else {
    showCodeForm(null);
  }
}

function showCodeForm(problem: string | null): void {
  draw = () => {
    const input = h('input', {
      id: 'code', name: 'code', class: 'input input-code', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxLength: 40, required: true, value: foundCode, 'aria-describedby': 'code-help',
      'aria-invalid': problem ? 'true' : 'false',
      on: { input: (e: Event) => { foundCode = (e.target as HTMLInputElement).value; } },
    });
    const last = lastWorkshop();
    const resumable = last && eventOfWorkshop(last.workshopId) && participantSession(eventOfWorkshop(last.workshopId)!);
    replace(main,
      h('section', { class: 'card join-card' },
        h('h1', null, t('join.title')),
        h('p', { class: 'lead' }, t('join.lead')),
        h('form', {
          class: 'stack', 'data-testid': 'code-form', novalidate: true,
          on: { submit: (e: SubmitEvent) => { e.preventDefault(); void lookUp(normalizeCode(input.value)); } },
        },
          h('label', { for: 'code', class: 'label' }, t('join.code')),
          input,
          h('p', { id: 'code-help', class: 'hint' }, t('join.codeHelp')),
          problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
          h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('join.continue')),
          canScan() ? h('button', { type: 'button', class: 'btn btn-wide', on: { click: () => void scanCode() } }, t('join.scan')) : null),
        resumable
          ? h('p', { class: 'resume' }, h('a', { href: `/w/${encodeURIComponent(last.workshopId)}` }, t('join.resume', { title: last.title })))
          : null),
      h('p', { class: 'footnote' }, t('join.staffNote')));
  };
  draw();
}

/** A badge code is personal: read from the address and removed from it (and so from the history). */
function takeBadgeFromUrl(): string | null {
  const url = new URL(location.href);
  const badge = url.searchParams.get('badge');
  if (badge !== null) {
    url.searchParams.delete('badge');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return badge && badge.trim() ? badge : null;
}

/** Badge codes are longer than event codes (10 or more characters). */
const isBadgeCode = (code: string): boolean => /^[A-Z0-9]{10,32}$/.test(code);

async function lookUp(code: string): Promise<void> {
  foundCode = code;
  if (isBadgeCode(code)) {
    await lookUpBadge(code);
    return;
  }
  if (!/^[A-Z0-9]{4,12}$/.test(code)) {
    showCodeForm(t('join.codeInvalid'));
    return;
  }
  let event: EventByCode;
  try {
    event = await getJson<EventByCode>(`/api/events/by-code/${encodeURIComponent(code)}`);
  } catch (error) {
    const failure = error instanceof ApiError ? error.code : 'unknown';
    showCodeForm(failure === 'not_found' ? t('join.codeUnknown') : errorText(failure));
    return;
  }
  if (!hasChosenLanguage()) {
    initLanguage(event.language);
    applyStatic();
  }
  if (event.joinWith === 'badge') {
    // One person, one vote: the shared code does not let anyone in here.
    foundCode = '';
    showCodeForm(t('join.needBadge', { title: event.title }));
    return;
  }
  showJoinForm(event, code);
}

async function lookUpBadge(badge: string): Promise<void> {
  foundCode = badge;
  replace(main, h('p', { class: 'loading', role: 'status' }, t('join.badgeReading')));
  let event: EventByCode;
  try {
    // Nothing is claimed yet: the person joins only after seeing the privacy notice.
    event = await postJson<EventByCode>('/api/events/by-badge', { badge });
  } catch (error) {
    showCodeForm(badgeProblem(error));
    return;
  }
  if (!hasChosenLanguage()) {
    initLanguage(event.language);
    applyStatic();
  }
  showBadgeJoinForm(event, badge);
}

function badgeProblem(error: unknown): string {
  const failure = error instanceof ApiError ? error.code : 'unknown';
  return failure === 'not_found' || failure === 'invalid_input' ? t('join.badgeUnknown')
    : failure === 'forbidden' ? t('join.badgeRevoked') : errorText(failure);
}

/**
 * The stakeholder group: a choice where the person may give one, as in the code join. A group the
 * organizer set on a badge is shown instead and cannot be changed (section 8).
 */
function groupField(groups: string[], value: string, onChange: (group: string) => void): (HTMLElement | HTMLElement[])[] | null {
  return groups.length === 0 ? null : [
    h('label', { for: 'group', class: 'label' }, t('join.group'), ' ', h('span', { class: 'optional' }, t('join.optional'))),
    h('select', {
      id: 'group', name: 'group', class: 'input',
      on: { change: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    },
      h('option', { value: '', selected: value === '' }, t('join.groupNone')),
      groups.map((g) => h('option', { value: g, selected: value === g }, g))),
  ];
}

/**
 * A badge's join page: greeted by the organizer's name (if set), the fields the organizer left
 * empty to fill in, the privacy notice, and the join only when the person confirms.
 */
function showBadgeJoinForm(event: EventByCode, badge: string): void {
  const set = event.badge ?? {};
  let problem: string | null = null;
  let busy = false;
  const values = {
    displayName: '', organization: '', group: '',
    workshopId: event.workshops.length === 1 ? event.workshops[0]!.workshopId : '',
  };
  draw = () => {
    const field = (id: 'displayName' | 'organization', label: string, autocomplete: string) => [
      h('label', { for: id, class: 'label' }, label, ' ', h('span', { class: 'optional' }, t('join.optional'))),
      h('input', {
        id, name: id, class: 'input', autocomplete, maxLength: id === 'displayName' ? 80 : 120, value: values[id],
        on: { input: (e: Event) => { values[id] = (e.target as HTMLInputElement).value; } },
      }),
    ];
    const workshops = h('fieldset', { class: 'choices', 'data-testid': 'workshops' },
      h('legend', { class: 'label' }, t('join.workshop')),
      event.workshops.map((w) => h('label', { class: 'choice' },
        h('input', {
          type: 'radio', name: 'workshop', value: w.workshopId, checked: values.workshopId === w.workshopId,
          on: { change: () => { values.workshopId = w.workshopId; } },
        }),
        h('span', { class: 'choice-text' }, w.title))));
    replace(main,
      h('section', { class: 'card join-card', 'data-testid': 'badge-welcome' },
        h('p', { class: 'eyebrow' }, t('join.badgeEyebrow')),
        h('h1', null, event.title),
        set.name ? h('p', { class: 'lead', 'data-testid': 'badge-greeting' }, t('join.badgeHello', { name: set.name })) : null,
        h('form', {
          class: 'stack', 'data-testid': 'join-form', novalidate: true,
          on: {
            submit: (e: SubmitEvent) => {
              e.preventDefault();
              if (!values.workshopId) {
                problem = t('join.pickWorkshop');
                draw();
                (main.querySelector('input[name="workshop"]') as HTMLInputElement | null)?.focus();
                return;
              }
              void enter();
            },
          },
        },
          set.name ? null : field('displayName', t('join.name'), 'name'),
          set.organization ? null : field('organization', t('join.organization'), 'organization'),
          set.group
            ? h('p', { class: 'hint', 'data-testid': 'badge-group' }, t('join.badgeGroup', { group: set.group }))
            : groupField(event.stakeholderGroups ?? [], values.group, (group) => { values.group = group; }),
          workshops,
          h('p', { class: 'hint' }, t('join.badgeSame')),
          event.privacy ? privacyNotice(event.privacy) : h('p', { class: 'hint' }, t('join.privacy')),
          problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
          h('button', { type: 'submit', class: 'btn btn-primary btn-wide', disabled: busy }, busy ? t('join.joining') : t('join.join')),
          h('button', {
            type: 'button', class: 'btn btn-quiet btn-wide',
            on: { click: () => { foundCode = ''; showCodeForm(null); } },
          }, t('join.otherCode')))));
  };
  draw();

  async function enter(): Promise<void> {
    busy = true;
    problem = null;
    draw();
    const name = values.displayName.trim();
    let reply: AuthReply;
    try {
      // Fields the organizer set are not sent: the server would ignore them anyway.
      reply = await postJson<AuthReply>('/api/auth/join', {
        badge,
        displayName: set.name ? null : name || null,
        organization: set.organization ? null : values.organization.trim() || null,
        group: set.group ? null : values.group || null,
      });
    } catch (error) {
      busy = false;
      const failure = error instanceof ApiError ? error.code : 'unknown';
      problem = failure === 'forbidden' || failure === 'not_found' ? badgeProblem(error) : errorText(failure);
      draw();
      return;
    }
    saveSession({ ...reply, eventId: reply.eventId ?? event.eventId });
    if (name) {
      saveProfile({ ...profile(), displayName: name });
    }
    rememberWorkshop(values.workshopId, event.eventId);
    saveLastWorkshop(values.workshopId, event.workshops.find((w) => w.workshopId === values.workshopId)?.title ?? '');
    location.assign(`/w/${encodeURIComponent(values.workshopId)}`);
  }
}

function showJoinForm(event: EventByCode, code: string): void {
  const me = profile();
  let problem: string | null = null;
  let busy = false;
  const values = { displayName: me.displayName, organization: me.organization, group: me.group, workshopId: '' };
  if (event.workshops.length === 1) {
    values.workshopId = event.workshops[0]!.workshopId;
  }
  draw = () => {
    const field = (id: 'displayName' | 'organization', label: string, autocomplete: string) => [
      h('label', { for: id, class: 'label' }, label, ' ', h('span', { class: 'optional' }, t('join.optional'))),
      h('input', {
        id, name: id, class: 'input', autocomplete, maxLength: 80, value: values[id],
        on: { input: (e: Event) => { values[id] = (e.target as HTMLInputElement).value; } },
      }),
    ];
    const groupSelect = groupField(event.stakeholderGroups ?? [], values.group, (group) => { values.group = group; });
    const workshops = h('fieldset', { class: 'choices', 'data-testid': 'workshops' },
      h('legend', { class: 'label' }, t('join.workshop')),
      event.workshops.map((w, i) => h('label', { class: 'choice' },
        h('input', {
          type: 'radio', name: 'workshop', value: w.workshopId, checked: values.workshopId === w.workshopId,
          required: i === 0,
          on: { change: () => { values.workshopId = w.workshopId; } },
        }),
        h('span', { class: 'choice-text' }, w.title))));
    replace(main,
      h('section', { class: 'card join-card' },
        h('p', { class: 'eyebrow' }, t('join.eventCode', { code })),
        h('h1', null, event.title),
        h('form', {
          class: 'stack', 'data-testid': 'join-form', novalidate: true,
          on: {
            submit: (e: SubmitEvent) => {
              e.preventDefault();
              if (!values.workshopId) {
                problem = t('join.pickWorkshop');
                draw();
                (main.querySelector('input[name="workshop"]') as HTMLInputElement | null)?.focus();
                return;
              }
              void join();
            },
          },
        },
          field('displayName', t('join.name'), 'name'),
          field('organization', t('join.organization'), 'organization'),
          groupSelect,
          workshops,
          event.privacy ? privacyNotice(event.privacy) : h('p', { class: 'hint' }, t('join.privacy')),
          problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
          h('button', { type: 'submit', class: 'btn btn-primary btn-wide', disabled: busy }, busy ? t('join.joining') : t('join.join')),
          h('button', {
            type: 'button', class: 'btn btn-quiet btn-wide',
            on: { click: () => showCodeForm(null) },
          }, t('join.otherCode')))));
  };
  draw();

  async function join(): Promise<void> {
    busy = true;
    problem = null;
    draw();
    const previous = participantSession(event.eventId);
    const body = {
      code,
      displayName: values.displayName.trim() || null,
      organization: values.organization.trim() || null,
      group: values.group || null,
    };
    try {
      let reply: AuthReply;
      try {
        reply = await postJson<AuthReply>('/api/auth/join', body, previous?.token);
      } catch (error) {
        // An expired earlier token must not stop a person from joining again.
        if (previous && error instanceof ApiError && error.code === 'unauthorized') {
          reply = await postJson<AuthReply>('/api/auth/join', body);
        } else {
          throw error;
        }
      }
      saveSession({ ...reply, eventId: reply.eventId ?? event.eventId });
      saveProfile({ displayName: values.displayName.trim(), organization: values.organization.trim(), group: values.group });
      rememberWorkshop(values.workshopId, reply.eventId ?? event.eventId);
      const title = event.workshops.find((w) => w.workshopId === values.workshopId)?.title ?? '';
      saveLastWorkshop(values.workshopId, title);
      location.assign(`/w/${encodeURIComponent(values.workshopId)}`);
    } catch (error) {
      busy = false;
      problem = errorText(error instanceof ApiError ? error.code : 'unknown');
      draw();
    }
  }
}

// ---- scanning the code with the camera, where the browser can (secure context + BarcodeDetector) ----

function canScan(): boolean {
  return 'BarcodeDetector' in window && window.isSecureContext && !!navigator.mediaDevices?.getUserMedia;
}

async function scanCode(): Promise<void> {
  const Detector = (window as any).BarcodeDetector;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  } catch {
    showCodeForm(t('join.cameraDenied'));
    return;
  }
  const video = h('video', { class: 'scan-video', autoplay: true, muted: true, playsinline: true, 'aria-label': t('join.scanVideo') });
  video.srcObject = stream;
  let done = false;
  const dialog = h('dialog', { class: 'dialog', 'aria-label': t('join.scan') },
    video,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn', on: { click: () => dialog.close() } }, t('action.cancel'))));
  dialog.addEventListener('close', () => {
    done = true;
    stream.getTracks().forEach((track) => track.stop());
    dialog.remove();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  const detector = new Detector({ formats: ['qr_code'] });
  while (!done) {
    await new Promise((r) => setTimeout(r, 300));
    try {
      const codes = (await detector.detect(video)) as { rawValue: string }[];
      const raw = codes[0]?.rawValue;
      if (raw) {
        let code = raw;
        try {
          const params = new URL(raw, location.origin).searchParams;
          code = params.get('badge') ?? params.get('code') ?? raw;
        } catch {
          // A bare code, not a link.
        }
        dialog.close();
        await lookUp(normalizeCode(code));
        return;
      }
    } catch {
      // The video is not ready yet.
    }
  }
}

void start();
