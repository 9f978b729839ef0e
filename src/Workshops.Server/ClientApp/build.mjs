// Bundles the pages into ../wwwroot/app/ (served by the server itself: no CDN, the hall may
// have no internet). Run by `npm run build`, which ClientApp.targets runs before `dotnet build`.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '../wwwroot/app');
const pages = ['index', 'workshop', 'moderator', 'wall', 'plenary', 'admin', 'me'];

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: {
    join: 'src/pages/join.ts',
    workshop: 'src/pages/workshop.ts',
    moderator: 'src/pages/moderator.ts',
    wall: 'src/pages/wall.ts',
    plenary: 'src/pages/plenary.ts',
    console: 'src/pages/console.ts',
    me: 'src/pages/me.ts',
    app: 'css/app.css',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  // Phones in the hall may be a few years old: ES2020 runs on browsers from 2020 on.
  target: ['es2020'],
  minify: true,
  sourcemap: 'linked',
  charset: 'utf8',
  legalComments: 'linked',
  outdir,
  write: false,
  metafile: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  publicPath: '/app',
  loader: { '.woff2': 'file', '.svg': 'file' },
  logLevel: 'warning',
});

const files = new Map(); // absolute path -> contents
for (const file of result.outputFiles) {
  files.set(file.path, file.contents);
}

// Entry files keep stable names (the HTML refers to them); a content hash in the query string
// makes a browser fetch the new bundle after an upgrade instead of a cached old one.
const versionOf = (name) => {
  const contents = files.get(path.join(outdir, name));
  if (!contents) {
    throw new Error(`build produced no ${name}`);
  }
  return createHash('sha256').update(contents).digest('hex').slice(0, 10);
};

for (const page of pages) {
  const template = await readFile(path.join(here, 'html', `${page}.html`), 'utf8');
  const html = template.replace(/%ASSET:([\w.-]+)%/g, (_, name) => `/app/${name}?v=${versionOf(name)}`);
  files.set(path.join(outdir, `${page}.html`), Buffer.from(html, 'utf8'));
}
files.set(path.join(outdir, 'icon.svg'), await readFile(path.join(here, 'html', 'icon.svg')));

// Each file is written to a temporary name and renamed, so that a server serving the folder
// (or a second build running at the same time) never sees half a file.
for (const [file, contents] of files) {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}

// Drop chunks and assets of earlier builds.
const wanted = new Set(files.keys());
async function prune(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await prune(full);
    } else if (!wanted.has(full) && !entry.name.endsWith('.tmp')) {
      await rm(full, { force: true });
    }
  }
}
await prune(outdir);

const total = [...files.values()].reduce((sum, c) => sum + c.length, 0);
console.log(`client app: ${files.size} files, ${(total / 1024).toFixed(0)} KiB -> ${path.relative(process.cwd(), outdir) || outdir}`);
