import { ApiError, postJson } from '../lib/api';
import { accessEvent, signInWithKey, takeKeyFromUrl } from '../lib/auth';
import { byId, h, pathSegment, replace } from '../lib/dom';
import { applyStatic, hasChosenLanguage, initLanguage, onLanguageChange, t } from '../lib/i18n';
import { newModel, programOf } from '../lib/program';
import { dropSession, rememberWorkshop, type Session, sessions } from '../lib/session';
import type { EventCreated, EventSummary } from '../lib/types';
import { errorText, fullMessage, languageSwitch } from '../lib/ui';
import { EditView } from '../views/console/editView';
import { EventList } from '../views/console/eventList';
import { BadgesView } from '../views/console/badgesView';
import { KeysView } from '../views/console/keysView';
import { ProgramForm } from '../views/console/programForm';

// The organizer's console (PROTOCOL.md section 7):
//   /admin                  every event (admin)
//   /admin/new              create an event (admin), then its kit
//   /admin/{eventId}/edit   edit or delete it (admin; the moderator edits)
//   /admin/{eventId}/keys   new keys and join code, and the printable kit (admin; moderator)
//   /admin/{eventId}/badges personal badges: make, print, list, revoke (admin; moderator)

initLanguage(null);
applyStatic();
const main = byId('main');
const topbar = byId('topbar');

type Route = { view: 'list' } | { view: 'new' } | { view: 'edit' | 'keys' | 'badges'; eventId: string } | { view: 'unknown' };

function route(): Route {
  const second = pathSegment(1);
  const third = pathSegment(2);
  if (!second) {
    return { view: 'list' };
  }
  if (second === 'new' && !third) {
    return { view: 'new' };
  }
  if (third === 'edit' || third === 'keys' || third === 'badges') {
    return { view: third, eventId: second };
  }
  return { view: 'unknown' };
}

function drawTopbar(session: Session | null): void {
  const admin = session?.role === 'admin';
  replace(topbar,
    h('a', { class: 'brand', href: admin ? '/admin' : '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
    h('nav', { class: 'topbar-tools', 'aria-label': t('console.nav') },
      admin ? h('a', { class: 'btn btn-quiet btn-small', href: '/admin', 'data-testid': 'nav-events' }, t('console.events')) : null,
      languageSwitch(),
      session ? h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'sign-out', on: { click: () => signOut(session) } }, t('console.signOut')) : null));
}

function signOut(session: Session): void {
  dropSession(session.token);
  location.assign('/admin');
}

function adminSession(): Session | null {
  return sessions().find((s) => s.role === 'admin') ?? null;
}

/** The token was refused: forget it and ask for the key again. */
function signedOut(session: Session): void {
  dropSession(session.token);
  drawTopbar(null);
  showSignIn(t('console.signedOut'));
}

let redraw: () => void = () => undefined;
onLanguageChange(() => redraw());

async function start(): Promise<void> {
  const key = takeKeyFromUrl();
  if (key) {
    try {
      await signInWithKey(key);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      showSignIn(code === 'unauthorized' || code === 'forbidden' ? t('join.badKey') : errorText(code));
      return;
    }
  }
  await open();
}

async function open(): Promise<void> {
  const r = route();
  if (r.view === 'unknown') {
    drawTopbar(adminSession());
    fullMessage(main, t('console.unknownTitle'), t('console.unknownText'), { href: '/admin', text: t('console.backToList') });
    return;
  }
  if (r.view === 'list' || r.view === 'new') {
    const session = adminSession();
    if (!session) {
      drawTopbar(null);
      showSignIn(null);
      return;
    }
    drawTopbar(session);
    if (r.view === 'list') {
      document.title = `${t('console.events')} · ${t('app.name')}`;
      redraw = () => drawTopbar(session);
      const list = new EventList(session, () => signedOut(session));
      replace(main, list.element);
      list.start();
    } else {
      showCreate(session);
    }
    return;
  }
  let access;
  try {
    access = await accessEvent(r.eventId);
  } catch (error) {
    fullMessage(main, t('access.errorTitle'), errorText(error instanceof ApiError ? error.code : 'unknown'), { href: location.pathname, text: t('access.retry') });
    return;
  }
  if (!access) {
    const admin = adminSession();
    drawTopbar(admin);
    if (admin) {
      // An admin reaches every event: none found means it is gone.
      fullMessage(main, t('gone.title'), t('gone.text'), { href: '/admin', text: t('console.backToList') });
    } else {
      showSignIn(t('console.needKey'));
    }
    return;
  }
  const { session, summary } = access;
  if (!hasChosenLanguage()) {
    initLanguage(summary.language);
    applyStatic();
  }
  drawTopbar(session);
  for (const w of summary.workshops) {
    rememberWorkshop(w.workshopId, summary.eventId);
  }
  if (r.view === 'keys') {
    showKeys(session, summary, null, false);
  } else if (r.view === 'badges') {
    showBadges(session, summary);
  } else {
    showEdit(session, summary);
  }
}

function showKeys(session: Session, summary: EventSummary, kit: ConstructorParameters<typeof KeysView>[2], fresh: boolean): void {
  document.title = `${summary.title} · ${t('keys.title')}`;
  const view = new KeysView(session, summary, kit, () => signedOut(session), fresh);
  redraw = () => drawTopbar(session);
  replace(main, view.element);
  view.start();
  main.focus();
}

function showBadges(session: Session, summary: EventSummary): void {
  document.title = `${summary.title} · ${t('badges.title')}`;
  const view = new BadgesView(session, summary, () => signedOut(session));
  redraw = () => drawTopbar(session);
  replace(main, view.element);
  view.start();
  main.focus();
}

function showEdit(session: Session, summary: EventSummary): void {
  document.title = `${summary.title} · ${t('console.editEvent')}`;
  const view = new EditView(main, session, summary, (saved, added) => {
    if (added.length > 0) {
      history.replaceState(null, '', `/admin/${encodeURIComponent(saved.eventId)}/keys`);
      void reloadThen(session, saved.eventId, (fresh) => showKeys(session, fresh, { facilitators: added }, false));
    } else {
      void reloadThen(session, saved.eventId, (fresh) => showEdit(session, fresh));
    }
  }, () => signedOut(session));
  redraw = () => { drawTopbar(session); view.start(); };
  replace(main, view.element);
  view.start();
}

async function reloadThen(session: Session, eventId: string, then: (summary: EventSummary) => void): Promise<void> {
  const access = await accessEvent(eventId);
  if (access) {
    then(access.summary);
  } else {
    signedOut(session);
  }
}

function showCreate(session: Session): void {
  document.title = `${t('console.newEvent')} · ${t('app.name')}`;
  const model = newModel();
  const form = new ProgramForm({
    mode: 'create',
    model,
    submitLabel: t('form.create'),
    onSubmit: async (current) => {
      let created: EventCreated;
      try {
        created = await postJson<EventCreated>('/api/events', programOf(current, { settings: true }), session.token);
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'unknown';
        if (code === 'unauthorized' || code === 'forbidden') {
          signedOut(session);
        } else if (code === 'invalid_input' && error instanceof ApiError) {
          form.showServerError(error.message);
        } else {
          form.showGeneralError(errorText(code));
        }
        return;
      }
      const summary: EventSummary = {
        eventId: created.eventId,
        title: current.title.trim(),
        date: current.date || null,
        venue: current.venue.trim() || null,
        language: current.language,
        outputAreas: current.outputAreas,
        workshops: created.workshops.map((w) => ({ workshopId: w.workshopId, title: w.title, phase: 'Setup', participants: 0, ideas: 0, votes: 0 })),
        joinCode: created.joinCode,
      };
      for (const w of created.workshops) {
        rememberWorkshop(w.workshopId, created.eventId);
      }
      // Keys are shown only now: the kit view holds them in memory, the address no longer leads to the form.
      history.replaceState(null, '', `/admin/${encodeURIComponent(created.eventId)}/keys`);
      showKeys(session, summary, {
        joinCode: created.joinCode,
        moderatorKey: created.moderatorKey,
        facilitators: created.workshops.map((w) => ({ workshopId: w.workshopId, title: w.title, key: w.facilitatorKey })),
      }, true);
    },
  });
  const draw = (): void => {
    replace(main,
      h('section', { class: 'console-create' },
        h('div', { class: 'console-head' },
          h('div', null,
            h('p', { class: 'eyebrow' }, t('console.title')),
            h('h1', null, t('console.newEvent'))),
          h('a', { class: 'btn', href: '/admin' }, t('console.backToList'))),
        h('p', { class: 'hint' }, t('form.createHint')),
        form.element));
  };
  redraw = () => { drawTopbar(session); form.render(); draw(); };
  draw();
}

function showSignIn(problem: string | null): void {
  document.title = `${t('console.signInTitle')} · ${t('app.name')}`;
  let value = '';
  const draw = (): void => {
    const input = h('input', {
      id: 'admin-key', name: 'key', type: 'password', class: 'input', autocomplete: 'off', spellcheck: 'false', value,
      'aria-describedby': problem ? 'admin-key-hint admin-key-error' : 'admin-key-hint', 'aria-invalid': problem ? 'true' : 'false',
      'data-testid': 'admin-key',
      on: { input: (e: Event) => { value = (e.target as HTMLInputElement).value; } },
    });
    replace(main,
      h('section', { class: 'card join-card console-signin' },
        h('h1', null, t('console.signInTitle')),
        h('form', {
          class: 'stack', 'data-testid': 'sign-in-form', novalidate: true,
          on: {
            submit: (e: SubmitEvent) => {
              e.preventDefault();
              void (async () => {
                try {
                  const session = await signInWithKey(value.trim());
                  if (session.role === 'admin') {
                    await open();
                  } else if (session.role === 'moderator' && session.eventId) {
                    location.assign(`/m/${encodeURIComponent(session.eventId)}`);
                  } else if (session.role === 'facilitator' && session.workshopId) {
                    location.assign(`/w/${encodeURIComponent(session.workshopId)}`);
                  }
                } catch (error) {
                  const code = error instanceof ApiError ? error.code : 'unknown';
                  problem = code === 'unauthorized' || code === 'forbidden' || code === 'invalid_input' ? t('console.badKey') : errorText(code);
                  draw();
                  byId('admin-key').focus();
                }
              })();
            },
          },
        },
          h('label', { for: 'admin-key', class: 'label' }, t('console.key')),
          input,
          h('p', { id: 'admin-key-hint', class: 'hint' }, t('console.keyHint')),
          problem ? h('p', { id: 'admin-key-error', class: 'error', role: 'alert' }, problem) : null,
          h('button', { type: 'submit', class: 'btn btn-primary btn-wide', 'data-testid': 'sign-in' }, t('console.signIn')))));
  };
  redraw = draw;
  draw();
}

void start();
