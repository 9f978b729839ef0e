// Makes the legacy data-folder fixture (tests/Workshops.Server.Tests/Fixtures/LegacyDataV1): drives a
// running server only through the public contract (HTTP + the SignalR hub, /work/shared/PROTOCOL.md)
// with the official JavaScript client, through a realistic event: two workshops, several boards,
// named participants with organizations and stakeholder groups, a facilitator's idea, edits, a
// hidden idea, a merge, votes and a retraction (with clientOpIds, one re-sent), phases advanced,
// settings changed, timers, an output chosen by the facilitator. It then closes every connection
// and writes, into <outDir>:
//   fixture.json            what the test needs to sign in and find things (keys, ids, people)
//   expected-export.json    GET /api/events/{eventId}/export?format=json, as the server answered
//   expected-snapshots.json JoinWorkshop snapshots (staff of both workshops, one participant)
// The server is then stopped by the caller; its data folder is the fixture. See the README there.
//
// usage: node make-legacy-fixture.mjs <baseUrl> <adminKey> <outDir>
import fs from 'node:fs';
import path from 'node:path';
import signalR from '@microsoft/signalr';

const [baseUrl, adminKey, outDir] = process.argv.slice(2);
if (!baseUrl || !adminKey || !outDir) {
  console.error('usage: node make-legacy-fixture.mjs <baseUrl> <adminKey> <outDir>');
  process.exit(2);
}

async function http(method, route, body, token) {
  const headers = {};
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  const response = await fetch(baseUrl + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  }
  return text;
}

const post = async (route, body, token) => JSON.parse(await http('POST', route, body, token));
const get = async (route, token) => JSON.parse(await http('GET', route, undefined, token));

async function connect(token) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(baseUrl + '/hubs/workshop', { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  // A page listens to every event; this script only acts, so it ignores them.
  for (const name of ['ideaAdded', 'ideaChanged', 'ideaRemoved', 'talliesChanged', 'phaseChanged', 'timerChanged',
    'outputChanged', 'presenceChanged', 'settingsChanged', 'versionChanged', 'eventChanged']) {
    connection.on(name, () => {});
  }
  await connection.start();
  return connection;
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: expected ${e}, got ${a}`);
  }
}

const adminToken = (await post('/api/auth/key', { key: adminKey })).token;
const created = await post('/api/events', {
  title: 'Eski Sürüm Danışma Toplantısı',
  date: '2026-11-25',
  venue: 'Ankara',
  language: 'tr',
  outputAreas: ['Etki', 'Sürdürülebilirlik', 'İş Birliği'],
  workshops: [{ title: 'Hassas Gruplar' }, { title: 'Eğitim ve Gençlik' }],
  stakeholderGroups: ['Sivil toplum kuruluşu', 'Kamu kurumu', 'Yerel yönetim', 'Diğer'],
  settings: { votesPerBoard: 3, maxVotesPerIdea: 1, anonymousIdeas: true, liveResults: false, maxIdeaLength: 280 },
}, adminToken);
const [w1, w2] = created.workshops.map((w) => w.workshopId);

const people = [
  { label: 'ayse', displayName: 'Ayşe Yılmaz', organization: 'Kadın Dayanışma Derneği', group: 'Sivil toplum kuruluşu' },
  { label: 'mehmet', displayName: 'Mehmet Öztürk', organization: 'Ankara İl Sağlık Müdürlüğü', group: 'Kamu kurumu' },
  { label: 'ibrahim', displayName: 'İbrahim Çelik', organization: 'Gençlik Ağı', group: 'Sivil toplum kuruluşu' },
  { label: 'sule', displayName: 'Şule Demir', organization: 'Aile ve Sosyal Hizmetler İl Müdürlüğü', group: 'Kamu kurumu' },
  { label: 'gokhan', displayName: 'Gökhan Işık', organization: 'Engelliler Federasyonu', group: 'Sivil toplum kuruluşu' },
  { label: 'zeynep', displayName: 'Zeynep Ağaoğlu', organization: 'İl Milli Eğitim Müdürlüğü', group: 'Kamu kurumu' },
  { label: 'irmak', displayName: 'Irmak Kılıç', organization: 'Çankaya Belediyesi', group: 'Yerel yönetim' },
  { label: 'anonim' },
];
for (const person of people) {
  const joined = await post('/api/auth/join', { code: created.joinCode, displayName: person.displayName, organization: person.organization, group: person.group });
  person.token = joined.token;
  person.participantId = joined.participantId;
  person.hub = await connect(person.token);
}
const p = Object.fromEntries(people.map((person) => [person.label, person]));

// A reload: joining again with the same token keeps the person (and their votes).
const rejoined = await post('/api/auth/join', { code: created.joinCode, displayName: p.ayse.displayName, organization: p.ayse.organization, group: p.ayse.group }, p.ayse.token);
same(rejoined.participantId, p.ayse.participantId, 'rejoin keeps the participant');

const moderatorToken = (await post('/api/auth/key', { key: created.moderatorKey })).token;
const f1Token = (await post('/api/auth/key', { key: created.workshops[0].facilitatorKey })).token;
const f2Token = (await post('/api/auth/key', { key: created.workshops[1].facilitatorKey })).token;
const f1 = await connect(f1Token);
const f2 = await connect(f2Token);
const moderator = await connect(moderatorToken);

// Who is in which workshop: a facilitator only reaches their own.
const rooms = [...people.map((person) => [person.hub, [w1, w2]]), [f1, [w1]], [f2, [w2]], [moderator, [w1, w2]]];
for (const [hub, workshops] of rooms) {
  for (const workshopId of workshops) {
    await hub.invoke('JoinWorkshop', workshopId);
  }
}

const ideas = {};
async function idea(hub, workshopId, label, boardId, text) {
  const added = await hub.invoke('AddIdea', workshopId, { boardId, text, clientOpId: 'idea-' + label });
  ideas[label] = added.ideaId;
  return added;
}

// ---- Workshop 1, "Hassas Gruplar": settings changed, brainstorm, moderation, voting, results.
await f1.invoke('UpdateSettings', w1, { votesPerBoard: 3, maxVotesPerIdea: 2, anonymousIdeas: false, liveResults: false, maxIdeaLength: 400 });
await f1.invoke('SetPhase', w1, 'Brainstorm');
await idea(p.ayse.hub, w1, 'ulasim', 'b1', 'Engelli bireyler için erişilebilir toplu ulaşım');
await idea(p.mehmet.hub, w1, 'bakim', 'b1', 'Yaşlılara evde bakım desteği');
await idea(p.ibrahim.hub, w1, 'kurs', 'b1', 'Mülteci çocuklar için Türkçe kursu');
await idea(p.anonim.hub, w1, 'kooperatif', 'b1', 'Kadın kooperatiflerine küçük hibe');
await idea(p.sule.hub, w1, 'gonullu', 'b2', 'Mahalle gönüllü ağı kurulsun');
await idea(p.gokhan.hub, w1, 'fon', 'b2', 'Yerel fon havuzu');
await idea(p.gokhan.hub, w1, 'fon-kopya', 'b2', 'Yerel fonlar için ortak havuz');
await idea(p.zeynep.hub, w1, 'reklam', 'b2', 'Ucuz kredi için bu numarayı arayın');
await idea(p.zeynep.hub, w1, 'veri', 'b3', 'Ortak veri platformu');
await idea(p.irmak.hub, w1, 'silinecek', 'b3', 'Yanlışlıkla eklenen deneme');
await idea(f1, w1, 'izleme', 'b3', 'Yılda iki kez ortak izleme toplantısı');
// The same clientOpId again (a phone that lost its answer): the first idea, nothing added.
same((await p.ayse.hub.invoke('AddIdea', w1, { boardId: 'b1', text: 'Engelli bireyler için erişilebilir toplu ulaşım', clientOpId: 'idea-ulasim' })).ideaId, ideas.ulasim, 're-sent AddIdea');
await p.zeynep.hub.invoke('EditIdea', w1, ideas.veri, 'Kurumlar arası ortak veri platformu');
await p.irmak.hub.invoke('DeleteIdea', w1, ideas.silinecek);
await f1.invoke('EditIdea', w1, ideas.bakim, 'Yaşlı ve engelli bireylere evde bakım desteği');
await f1.invoke('HideIdea', w1, ideas.reklam);
await f1.invoke('HideIdea', w1, ideas.kooperatif);
await f1.invoke('RestoreIdea', w1, ideas.kooperatif);

await f1.invoke('SetPhase', w1, 'Voting');
const votes = [
  // [person, idea, clientOpId]; b1 and b2 are boards of three votes each, at most two per idea.
  ['ayse', 'ulasim', 'v1'], ['ayse', 'ulasim', 'v2'], ['ayse', 'bakim', 'v3'], ['ayse', 'fon-kopya', 'v4'],
  ['mehmet', 'bakim', 'v1'], ['mehmet', 'ulasim', 'v2'], ['mehmet', 'gonullu', 'v3'], ['mehmet', 'veri', 'v4'],
  ['ibrahim', 'kurs', 'v1'], ['ibrahim', 'ulasim', 'v2'], ['ibrahim', 'fon', 'v3'], ['ibrahim', 'izleme', 'v4'],
  ['sule', 'bakim', 'v1'], ['sule', 'kurs', 'v2'], ['sule', 'gonullu', 'v3'], ['sule', 'gonullu', 'v4'],
  ['gokhan', 'ulasim', 'v1'], ['gokhan', 'fon', 'v2'], ['gokhan', 'fon-kopya', 'v3'], ['gokhan', 'veri', 'v4'],
  ['zeynep', 'bakim', 'v1'], ['zeynep', 'kooperatif', 'v2'], ['zeynep', 'veri', 'v3'], ['zeynep', 'izleme', 'v4'],
  ['irmak', 'kooperatif', 'v1'], ['irmak', 'bakim', 'v2'], ['irmak', 'gonullu', 'v3'],
  ['anonim', 'kooperatif', 'v1'], ['anonim', 'ulasim', 'v2'], ['anonim', 'veri', 'v3'],
];
for (const [who, what, op] of votes) {
  await p[who].hub.invoke('CastVote', w1, ideas[what], 'w1-' + op);
}
// A re-sent vote (same clientOpId) returns the first receipt and counts nothing.
const first = await p.ayse.hub.invoke('CastVote', w1, ideas.bakim, 'w1-v3');
same(first, { ideaId: ideas.bakim, myVotes: 1, remaining: 0 }, 're-sent CastVote');
// A retraction, then the budget spent elsewhere.
await p.ayse.hub.invoke('RetractVote', w1, ideas.ulasim, 'w1-r1');
await p.ayse.hub.invoke('CastVote', w1, ideas.kurs, 'w1-v5');
// The duplicate joins its original: its votes move with it.
await f1.invoke('MergeIdeas', w1, ideas.fon, [ideas['fon-kopya']]);
await f1.invoke('SetPhase', w1, 'Results');
await f1.invoke('SetOutput', w1, 'b1', { text: 'Erişilebilir ulaşım ve evde bakım birlikte ele alınsın', sourceIdeaIds: [ideas.ulasim, ideas.bakim] });
await f1.invoke('StartTimer', w1, 300);
await f1.invoke('StopTimer', w1);

// ---- Workshop 2, "Eğitim ve Gençlik": anonymous ideas (the event's settings), left in Voting with a timer.
await f2.invoke('SetPhase', w2, 'Brainstorm');
await idea(p.ibrahim.hub, w2, 'meclis', 'b1', 'Okullarda gençlik meclisi');
await idea(p.zeynep.hub, w2, 'kutuphane', 'b1', 'Köy okullarına gezici kütüphane');
await idea(p.ayse.hub, w2, 'mentor', 'b2', 'Üniversite öğrencilerinden mentorluk');
await idea(p.sule.hub, w2, 'burs', 'b3', 'Yerel burs fonu');
await idea(moderator, w2, 'kodlama', 'b2', 'Yaz döneminde kodlama kampı');
await f2.invoke('SetPhase', w2, 'Voting');
for (const [who, what, op] of [
  ['ibrahim', 'meclis', 'v1'], ['ayse', 'meclis', 'v1'], ['zeynep', 'kutuphane', 'v1'], ['mehmet', 'kutuphane', 'v1'],
  ['gokhan', 'mentor', 'v1'], ['sule', 'kodlama', 'v1'], ['sule', 'burs', 'v2'], ['anonim', 'meclis', 'v1'],
]) {
  await p[who].hub.invoke('CastVote', w2, ideas[what], 'w2-' + op);
}
await p.mehmet.hub.invoke('RetractVote', w2, ideas.kutuphane, 'w2-r1');
await f2.invoke('StartTimer', w2, 900);

// ---- Everyone leaves, so that nobody is present when the server stops.
for (const [hub, workshops] of rooms) {
  for (const workshopId of workshops) {
    await hub.invoke('LeaveWorkshop', workshopId);
  }
  await hub.stop();
}

// One connection at a time, so that each snapshot sees exactly one person present.
async function snapshot(token, workshopId) {
  const hub = await connect(token);
  const seen = await hub.invoke('JoinWorkshop', workshopId);
  await hub.invoke('LeaveWorkshop', workshopId);
  await hub.stop();
  return seen;
}

const snapshots = {
  [`staff/${w1}`]: await snapshot(f1Token, w1),
  [`staff/${w2}`]: await snapshot(f2Token, w2),
  [`participant/ayse/${w1}`]: await snapshot(p.ayse.token, w1),
};

const exportText = await http('GET', `/api/events/${created.eventId}/export?format=json`, undefined, moderatorToken);
const exported = JSON.parse(exportText);

fs.mkdirSync(outDir, { recursive: true });
const write = (name, value) => fs.writeFileSync(path.join(outDir, name), JSON.stringify(value, null, 2) + '\n');
write('fixture.json', {
  note: 'Test-only credentials of the legacy fixture (the data folder keeps only their hashes). See README.md.',
  adminKey,
  eventId: created.eventId,
  joinCode: created.joinCode,
  moderatorKey: created.moderatorKey,
  workshops: created.workshops.map((w) => ({ workshopId: w.workshopId, title: w.title, facilitatorKey: w.facilitatorKey })),
  participants: people.map((person) => ({
    label: person.label,
    participantId: person.participantId,
    displayName: person.displayName ?? null,
    organization: person.organization ?? null,
    group: person.group ?? null,
  })),
  ideas,
});
write('expected-export.json', exported);
write('expected-snapshots.json', snapshots);
console.log(JSON.stringify({ eventId: created.eventId, workshops: [w1, w2], ideas: Object.keys(ideas).length, votes: votes.length }));
