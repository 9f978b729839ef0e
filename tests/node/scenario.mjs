// A whole workshop driven by the official JavaScript SignalR client (@microsoft/signalr), as
// a browser page would use it: a facilitator and three participants go through brainstorm,
// voting, results, outputs and closing. Every check that fails ends the process with exit code
// 1 and a message on stderr; on success the last line on stdout is a JSON summary.
//
// usage: node scenario.mjs <baseUrl> <workshopId> <facilitatorKey> <joinCode>
import signalR from '@microsoft/signalr';

const EVENTS = [
  'ideaAdded', 'ideaChanged', 'ideaRemoved', 'talliesChanged', 'phaseChanged', 'timerChanged',
  'outputChanged', 'presenceChanged', 'settingsChanged', 'versionChanged',
];

class ScenarioError extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new ScenarioError(message);
  }
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

async function post(baseUrl, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  const response = await fetch(baseUrl + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  check(response.ok, `POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

async function get(baseUrl, path, token) {
  const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  check(response.ok, `GET ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** One person's connection, keeping every event it receives in arrival order. */
class Person {
  constructor(name, baseUrl, token) {
    this.name = name;
    this.events = [];
    this.waiters = [];
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(baseUrl + '/hubs/workshop', { accessTokenFactory: () => token })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    for (const event of EVENTS) {
      this.connection.on(event, (payload) => {
        this.events.push({ name: event, version: payload.version, seq: payload.seq, workshopId: payload.workshopId, payload });
        for (const waiter of [...this.waiters]) {
          waiter();
        }
      });
    }
  }

  start() {
    return this.connection.start();
  }

  invoke(method, ...args) {
    return this.connection.invoke(method, ...args);
  }

  /** Resolves with the first event (received so far or later) that matches. */
  waitFor(what, match, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const look = () => {
        const found = this.events.find(match);
        if (found) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== look);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== look);
        const seen = this.events.map((e) => `${e.name}@${e.version ?? 'seq ' + e.seq}`).join(', ');
        reject(new ScenarioError(`${this.name} waited in vain for ${what}; received: ${seen}`));
      }, timeoutMs);
      this.waiters.push(look);
      look();
    });
  }

  /**
   * Checks that the versions this connection received follow one another without a gap, and so
   * do the seqs of the tally stream (talliesChanged carries seq, no version).
   */
  checkGapFree(workshopId, snapshotVersion, finalVersion, snapshotTallySeq) {
    const tallies = this.events.filter((e) => e.workshopId === workshopId && e.name === 'talliesChanged');
    for (const e of tallies) {
      check(e.version === undefined && Number.isInteger(e.seq), `${this.name}: talliesChanged must carry seq and no version`);
    }
    for (let i = 0; i < tallies.length; i++) {
      const expected = i === 0 ? snapshotTallySeq + 1 : tallies[i - 1].seq + 1;
      check(tallies[i].seq === expected, `${this.name}: tally seq ${tallies[i].seq} where ${expected} was due`);
    }
    const versions = this.events.filter((e) => e.workshopId === workshopId && e.name !== 'talliesChanged').map((e) => e.version);
    check(versions.length > 0, `${this.name} received no events`);
    for (let i = 1; i < versions.length; i++) {
      check(versions[i] === versions[i - 1] + 1, `${this.name}: gap or reorder between ${versions[i - 1]} and ${versions[i]} in ${versions.join(',')}`);
    }
    check(versions[0] <= snapshotVersion + 1, `${this.name}: first event ${versions[0]} is beyond its snapshot ${snapshotVersion} + 1`);
    check(versions[versions.length - 1] === finalVersion, `${this.name}: last event ${versions[versions.length - 1]} is not the final version ${finalVersion}`);
    return versions;
  }

  names() {
    return [...new Set(this.events.map((e) => e.name))].sort();
  }
}

async function run(baseUrl, workshopId, facilitatorKey, joinCode) {
  const signedIn = await post(baseUrl, '/api/auth/key', { key: facilitatorKey });
  equal(signedIn.role, 'facilitator', 'role of the facilitator key');
  equal(signedIn.workshopId, workshopId, 'workshop of the facilitator key');
  const facilitator = new Person('facilitator', baseUrl, signedIn.token);
  await facilitator.start();
  const start = await facilitator.invoke('JoinWorkshop', workshopId);
  equal(start.me.role, 'facilitator', 'snapshot role');
  equal(start.boards.map((b) => b.area), ['Etki', 'Sürdürülebilirlik', 'İş Birliği'], 'board areas');

  const groups = ['Kamu kurumu', 'Sivil toplum kuruluşu', null];
  const people = [];
  const snapshots = new Map([[facilitator, start]]);
  for (let i = 0; i < 3; i++) {
    const joined = await post(baseUrl, '/api/auth/join', { code: joinCode, displayName: `Katılımcı ${i}`, group: groups[i] });
    equal(joined.role, 'participant', 'role after join');
    const person = new Person(`participant ${i}`, baseUrl, joined.token);
    await person.start();
    const snapshot = await person.invoke('JoinWorkshop', workshopId);
    equal(snapshot.me.role, 'participant', 'participant snapshot role');
    snapshots.set(person, snapshot);
    people.push(person);
  }

  await facilitator.waitFor('presence of 3', (e) => e.name === 'presenceChanged' && e.payload.participants === 3);

  // Brainstorm
  await facilitator.invoke('SetPhase', workshopId, 'Brainstorm');
  const ideaA = await people[0].invoke('AddIdea', workshopId, { boardId: 'b1', text: 'Engelli bireyler için erişilebilir ulaşım', clientOpId: 'a1' });
  const ideaB = await people[1].invoke('AddIdea', workshopId, { boardId: 'b1', text: 'Işık ve ses uyarıları', clientOpId: 'b1' });
  check(ideaA.mine === true, 'the author sees mine = true');
  check(ideaA.author === undefined, 'ideas are anonymous by default');
  await people[2].waitFor('ideaAdded of B', (e) => e.name === 'ideaAdded' && e.payload.idea.ideaId === ideaB.ideaId);
  const seenByOther = people[2].events.find((e) => e.name === 'ideaAdded' && e.payload.idea.ideaId === ideaA.ideaId);
  check(seenByOther && seenByOther.payload.idea.mine === false, 'another participant sees mine = false');
  equal(seenByOther.payload.idea.text, 'Engelli bireyler için erişilebilir ulaşım', 'idea text as typed');

  // Voting
  await facilitator.invoke('SetPhase', workshopId, 'Voting');
  const receipts = [];
  for (const person of people) {
    receipts.push(await person.invoke('CastVote', workshopId, ideaA.ideaId, 'v-a'));
  }
  receipts.push(await people[0].invoke('CastVote', workshopId, ideaB.ideaId, 'v-b'));
  for (const receipt of receipts) {
    equal(receipt.myVotes, 1, 'myVotes of a receipt');
  }
  equal(receipts[receipts.length - 1].remaining, 1, 'remaining after two votes');
  await facilitator.waitFor('tally A=3', (e) => e.name === 'talliesChanged' && e.payload.tallies[ideaA.ideaId] === 3);
  await facilitator.waitFor('tally B=1', (e) => e.name === 'talliesChanged' && e.payload.tallies[ideaB.ideaId] === 1);
  for (const person of people) {
    check(!person.events.some((e) => e.name === 'talliesChanged'), `${person.name} must not see tallies while voting`);
    // Votes take no version: nobody hears of a count they may not see, not even as versionChanged.
    check(!person.events.some((e) => e.name === 'versionChanged'), `${person.name} must get no versionChanged for votes`);
  }

  // Results
  await facilitator.invoke('SetPhase', workshopId, 'Results');
  const shown = await people[1].waitFor('tallies in Results', (e) => e.name === 'talliesChanged' && e.payload.tallies[ideaA.ideaId] === 3);
  equal(shown.payload.tallies[ideaB.ideaId], 1, 'participants see B = 1 in Results');

  // Outputs
  const output = await facilitator.invoke('SetOutput', workshopId, 'b1', { text: 'Erişilebilir ulaşım ve uyarı sistemleri', sourceIdeaIds: [ideaA.ideaId, ideaB.ideaId] });
  equal(output.source, 'facilitator', 'output source');
  equal(output.votes, 4, 'output votes');
  // Three voters on the board, none of whose groups has 3: section 10 says no view shows their
  // votes (the staff export still does).
  equal(JSON.stringify(output.votesByGroup), '{}', 'votes of groups under 3 voters on the board');
  await people[2].waitFor('the chosen output', (e) => e.name === 'outputChanged' && e.payload.output.source === 'facilitator');

  // Closed: a late vote is refused with the contract's code first.
  await facilitator.invoke('SetPhase', workshopId, 'Closed');
  let refusal = null;
  try {
    await people[0].invoke('CastVote', workshopId, ideaB.ideaId, 'late');
  } catch (error) {
    refusal = String(error && error.message);
  }
  check(refusal !== null, 'a vote in Closed must be refused');
  check(/^wrong_phase: \S/.test(refusal), `the refusal must read "wrong_phase: ...", got "${refusal}"`);

  // Every connection ends on the same version, without a gap on the way.
  const final = await facilitator.invoke('JoinWorkshop', workshopId);
  equal(final.phase, 'Closed', 'final phase');
  const received = {};
  const everyone = [facilitator, ...people];
  for (const person of everyone) {
    await person.waitFor(`version ${final.version}`, (e) => e.version === final.version);
    person.checkGapFree(workshopId, snapshots.get(person).version, final.version, snapshots.get(person).tallySeq);
    received[person.name] = person.names();
  }

  const finalIdeas = final.boards.flatMap((b) => b.ideas);
  const tallies = Object.fromEntries(finalIdeas.map((i) => [i.text, i.votes]));
  const lastTallies = {};
  for (const person of people) {
    const last = [...person.events].reverse().find((e) => e.name === 'outputChanged' && e.payload.output.boardId === 'b1');
    check(last, `${person.name} got no outputChanged for b1`);
    equal(last.payload.output.text, 'Erişilebilir ulaşım ve uyarı sistemleri', `${person.name}'s final output text`);
    equal(last.payload.output.votes, 4, `${person.name}'s final output votes`);
    for (const e of person.events.filter((x) => x.name === 'talliesChanged')) {
      Object.assign(lastTallies, e.payload.tallies);
    }
  }
  equal(lastTallies[ideaA.ideaId], 3, 'participants\' last tally of A');
  equal(lastTallies[ideaB.ideaId], 1, 'participants\' last tally of B');

  const exported = await get(baseUrl, `/api/workshops/${workshopId}/export?format=json`, signedIn.token);
  equal(exported.workshops[0].votes, 4, 'votes in the export');

  for (const person of everyone) {
    await person.connection.stop();
  }

  return {
    ok: true,
    client: 'microsoft-signalr',
    finalVersion: final.version,
    phase: final.phase,
    tallies,
    output: { text: final.outputs[0].text, votes: final.outputs[0].votes, source: final.outputs[0].source, votesByGroup: final.outputs[0].votesByGroup },
    refusal,
    received,
    eventCounts: Object.fromEntries(everyone.map((p) => [p.name, p.events.length])),
  };
}

const [baseUrl, workshopId, facilitatorKey, joinCode] = process.argv.slice(2);
if (!baseUrl || !workshopId || !facilitatorKey || !joinCode) {
  console.error('usage: node scenario.mjs <baseUrl> <workshopId> <facilitatorKey> <joinCode>');
  process.exit(2);
}

const deadline = setTimeout(() => {
  console.error('scenario failed: it did not finish within 60 seconds');
  process.exit(1);
}, 60000);

try {
  const summary = await run(baseUrl.replace(/\/$/, ''), workshopId, facilitatorKey, joinCode);
  clearTimeout(deadline);
  console.log(JSON.stringify(summary));
  process.exit(0);
} catch (error) {
  console.error(`scenario failed: ${error instanceof ScenarioError ? error.message : (error && error.stack) || error}`);
  process.exit(1);
}
