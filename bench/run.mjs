// The one benchmark command (issue 19): builds in Release, prepares PostgreSQL data sets with the app's own `seed`,
// starts the app as a real process, runs each scenario against its reference in the same run (taking turns), and writes
// bench/results/<date>.json and .md. HTTP load comes from autocannon (npm); the other scenarios are the bench/ programs.
//
//   bench/run [--quick] [--postgres "Host=127.0.0.1;Port=5432;Username=postgres"] [--no-build] [--port N (default: a free one)] [--out DIR]
//   bench/run compare <results.json> [--baseline bench/results/baseline-<mode>.json] [--tolerance 0.3]
//
// See docs/benchmarks.md.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const flag = (name) => args.includes(name);
const freePort = () => new Promise((resolve, reject) => {
  const probe = createServer();
  probe.on('error', reject);
  probe.listen(0, '127.0.0.1', () => { const { port: free } = probe.address(); probe.close(() => resolve(free)); });
});

if (args[0] === 'compare') {
  const mode = args[1] && existsSync(args[1]) ? JSON.parse(readFileSync(args[1], 'utf8')).mode : 'full';
  process.exit(compare(args[1], option('--baseline', join(here, 'results', `baseline-${mode}.json`)), Number(option('--tolerance', '0.3'))));
}

const quick = flag('--quick');
const server = option('--postgres', process.env.TH_BENCH_POSTGRES ?? process.env.TH_TEST_POSTGRES ?? 'Host=127.0.0.1;Port=5432;Username=postgres');
// The app's port: --port, or one the system says is free (two runs on one machine must not collide).
const port = flag('--port') ? Number(option('--port', '0')) : await freePort();
// Sizes: --quick keeps the harness from rotting inside the test command; the full run is the issue's scale.
const size = quick
  ? { people: 300, attendance: 3000, large: null, checkIn: 60, checkInConcurrency: 8, certificates: 100, outbox: 300, exportPeople: 500, httpSeconds: 2, rounds: 2 }
  : { people: 10000, attendance: 200000, large: 100000, checkIn: 2000, checkInConcurrency: 16, certificates: 10000, outbox: 10000, exportPeople: 100000, httpSeconds: 10, rounds: 3 };
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
const scenarios = [];
const log = (s) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);

function loadAverage() {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the 1-minute load average and a process's resident memory while `work` runs. */
async function watched(pid, work) {
  const loads = [loadAverage()];
  let peak = pid ? rssMb(pid) : 0;
  const timer = setInterval(() => {
    loads.push(loadAverage());
    if (pid) peak = Math.max(peak, rssMb(pid));
  }, 200);
  try {
    const result = await work();
    return { result, load: { min: Math.min(...loads), mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads) }, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

function connection(database) {
  const parts = server.split(';').filter((p) => p && !/^database=/i.test(p));
  return [...parts, `Database=${database}`].join(';');
}

function run(command, commandArgs, env = {}, quiet = false) {
  const r = spawnSync(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed (${r.status}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
  }
  if (!quiet) process.stdout.write(r.stdout.split('\n').filter((l) => l.trim()).slice(-3).map((l) => `    ${l}\n`).join(''));
  return r.stdout;
}

/** A bench/ program as a child process, its resident memory and the load average sampled while it runs. */
async function program(project, dll, programArgs) {
  const child = spawn('dotnet', [join(root, 'bench', project, 'bin', 'Release', 'net10.0', dll), ...programArgs], { cwd: root });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const w = await watched(child.pid, () => exited);
  // A program that reports a failure (exit 1) still printed its figures: the caller records them, then fails.
  const done = () => {
    if (w.result !== 0) throw new Error(`${project} exited with ${w.result}:\n${out.slice(-4000)}`);
  };
  return { out, load: w.load, peakMb: w.peakMb, done };
}

const number = (re, text) => {
  const m = re.exec(text);
  if (!m) throw new Error(`no ${re} in:\n${text.slice(-2000)}`);
  return Number(m[1].replace(/[,\s]/g, ''));
};

function app(database, audit) {
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Production',
    ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
    Database__Provider: 'Postgres',
    Database__ConnectionString: connection(database),
    Demo__Enabled: 'false',
    Jobs__Enabled: 'false',
    App__PublicUrl: `http://127.0.0.1:${port}`,
    Audit__SealingKeyFile: join(audit, 'audit-sealing.key'),
    Audit__CheckpointFile: join(audit, 'audit-checkpoints.log'),
    Logging__LogLevel__Default: 'Warning',
  };
  return env;
}

const web = join(root, 'src', 'TrainingHub.Web');
const webDll = join(web, 'bin', 'Release', 'net10.0', 'TrainingHub.Web.dll');

async function startApp(env) {
  const child = spawn('dotnet', [webDll], { cwd: web, env });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const started = Date.now();
  while (Date.now() - started < 180000) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${out.slice(-4000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return { child, startSeconds: (Date.now() - started) / 1000 };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`the app did not become ready in 180 s:\n${out.slice(-4000)}`);
}

/** Signs in through the login form (antiforgery token and cookie included); returns the Cookie header. */
async function signIn(email, password) {
  const base = `http://127.0.0.1:${port}`;
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${base}/account/login`);
  keep(page);
  const token = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no antiforgery token on the login page');
  const res = await fetch(`${base}/account/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ Email: email, Password: password, __RequestVerificationToken: token }),
  });
  keep(res);
  if (res.status !== 302) throw new Error(`sign-in answered ${res.status}`);
  return cookie();
}

/** One autocannon slice; every response's latency recorded so that p50/p95/p99 are exact. */
function slice(path, headers, seconds, connections) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let errors = 0;
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${path}`,
        headers,
        connections,
        duration: seconds,
        setupClient: (client) =>
          client.on('response', (status, bytes, ms) => {
            latencies.push(ms);
            if (status >= 400 || (status >= 300 && !path.startsWith('/health'))) errors++;
          }),
      },
      (err, result) => (err ? reject(err) : resolve({ latencies, errors: errors + result.errors + result.timeouts, seconds: result.duration })),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

function summary(parts) {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const seconds = parts.reduce((a, p) => a + p.seconds, 0);
  const p = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((q / 100) * latencies.length) - 1)] : null);
  return { requests: latencies.length, errors: parts.reduce((a, x) => a + x.errors, 0), throughput: latencies.length / seconds, p50: p(50), p95: p(95), p99: p(99) };
}

/** A page against /health of the same app, taking turns so that the shared machine's load weighs on both alike. */
async function pageScenario(name, path, cookie, pid, goal) {
  const measured = [];
  const reference = [];
  const w = await watched(pid, async () => {
    for (let round = 0; round < size.rounds; round++) {
      measured.push(await slice(path, { cookie }, size.httpSeconds, 8));
      reference.push(await slice('/health', {}, size.httpSeconds, 8));
    }
  });
  const m = summary(measured);
  const r = summary(reference);
  scenarios.push({ name, measured: { what: `GET ${path}`, ...m }, reference: { what: 'GET /health', ...r }, ratio: m.throughput / r.throughput, goal, load: w.load, peakMb: w.peakMb });
  log(`${name}: ${m.throughput.toFixed(1)}/s p95 ${m.p95.toFixed(0)} ms vs /health ${r.throughput.toFixed(0)}/s: ratio ${(m.throughput / r.throughput).toFixed(4)}`);
}

/** A scenario that fails is recorded as failed (and fails the run) without losing the others' figures. */
async function attempt(name, work) {
  try {
    await work();
  } catch (error) {
    log(`FAIL ${name}: ${String(error.message ?? error).slice(0, 2000)}`);
    scenarios.push({ name, failed: String(error.message ?? error).slice(0, 500), measured: { what: name, errors: 1 }, load: { min: 0, mean: 0, max: 0 } });
  }
}

async function main() {
  const started = Date.now();
  if (!flag('--no-build')) {
    log('building in Release');
    run('dotnet', ['build', 'src/TrainingHub.Web', '-c', 'Release']);
    for (const p of ['bench/CheckIn', 'bench/Certificates', 'bench/Outbox', 'bench/Exports']) run('dotnet', ['build', p, '-c', 'Release'], {}, true);
  }

  const database = `th_bench_${stamp.toLowerCase()}`;
  const audit = join(tmpdir(), `th-bench-audit-${stamp}`);
  mkdirSync(audit, { recursive: true });
  const env = app(database, audit);
  const admin = { email: 'bench-admin@bench.traininghub.local', password: 'bench administrator passphrase of 2026' };
  let child;
  try {
    log(`seeding ${database}: ${size.people} people, ${size.attendance} attendance rows`);
    const seed = await watched(null, async () => {
      const t = Date.now();
      run('dotnet', [webDll, 'seed', '--size', String(size.people), '--attendance', String(size.attendance)], env);
      return (Date.now() - t) / 1000;
    });
    run('dotnet', [webDll, 'create-admin', '--email', admin.email, '--password', admin.password], env);
    const started = await startApp(env);
    child = started.child;
    log(`app ready in ${started.startSeconds.toFixed(1)} s`);
    const cookie = await signIn(admin.email, admin.password);
    for (const [name, path, goal] of [
      ['administrator home', '/', 'p95 < 300 ms'],
      ['reports page', '/reports', 'p95 < 300 ms'],
      ['report API HoursByPerson', '/api/v1/reports/HoursByPerson', 'p95 < 300 ms'],
    ]) {
      await pageScenario(`${name} (${size.people} people, ${size.attendance} attendance rows)`, path, cookie, child.pid, goal);
    }
    child.kill('SIGTERM');
    child = null;
    scenarios.push({ name: 'seed (PostgreSQL, binary COPY)', measured: { what: `seed --size ${size.people}`, seconds: seed.result }, load: seed.load, peakMb: null });

    if (size.large) {
      await attempt('large data set', async () => {
        log(`large data set: seed --size ${size.large} (${size.large * 20} attendance rows)`);
        const large = `${database}_large`;
        const largeEnv = app(large, audit);
        const seeded = await watched(null, async () => {
          const t = Date.now();
          run('dotnet', [webDll, 'seed', '--size', String(size.large)], largeEnv);
          return (Date.now() - t) / 1000;
        });
        scenarios.push({ name: 'seed, large (PostgreSQL, binary COPY)', measured: { what: `seed --size ${size.large}`, seconds: seeded.result }, load: seeded.load, peakMb: null });
        run('dotnet', [webDll, 'create-admin', '--email', admin.email, '--password', admin.password], largeEnv);
        const big = await startApp(largeEnv);
        child = big.child;
        const bigCookie = await signIn(admin.email, admin.password);
        for (const [name, path] of [['administrator home', '/'], ['reports page', '/reports'], ['report API HoursByPerson', '/api/v1/reports/HoursByPerson']]) {
          await pageScenario(`${name}, large (${size.large} people, ${size.large * 20} attendance rows)`, path, bigCookie, child.pid, 'p95 < 300 ms');
        }
        child.kill('SIGTERM');
        child = null;
      });
    }

    await attempt('check-in', async () => {
      log(`check-in: ${size.checkIn} trainees, ${size.checkInConcurrency} concurrent (bench/CheckIn)`);
      const c = await program('CheckIn', 'TrainingHub.Bench.CheckIn.dll', [server, String(size.checkIn), String(size.checkInConcurrency), '60']);
      const line = (label) => c.out.split('\n').find((l) => l.startsWith(label)) ?? '';
      const http = (l) => ({
        throughput: number(/= ([\d.]+)\/s/, l),
        p50: number(/p50 ([\d.]+) ms/, l),
        p95: number(/p95 ([\d.]+) ms/, l),
        p99: number(/p99 ([\d.]+) ms/, l),
        errors: number(/errors (\d+)/, l),
      });
      const checkIn = http(line('check-in'));
      const insert = http(line('reference'));
      scenarios.push({
        name: `live check-in (${size.checkIn} trainees, ${size.checkInConcurrency} concurrent)`,
        measured: { what: 'POST /api/v1/checkin', ...checkIn, duplicates: number(/duplicates (\d+)/, c.out) },
        reference: { what: 'insert-only endpoint', ...insert },
        ratio: checkIn.throughput / insert.throughput,
        goal: 'ratio ≥ 0.5, ≥ 500/s, p99 < 250 ms, 0 errors, 0 duplicates',
        load: c.load,
        peakMb: c.peakMb,
      });
      log(`check-in ratio ${(checkIn.throughput / insert.throughput).toFixed(2)}`);
      c.done();
    });

    await attempt('certificates', async () => {
      log(`certificates: ${size.certificates} (bench/Certificates)`);
      const cert = await program('Certificates', 'TrainingHub.Bench.Certificates.dll', [server, String(size.certificates)]);
      const issued = number(/issuance: (\d+) certificates/, cert.out);
      const issueSeconds = number(/certificates in ([\d.]+) s/, cert.out);
      const pdfs = number(/renderer alone: \d+ PDFs in [\d.]+ s \(([\d.]+) PDFs\/s/, cert.out);
      // The job renders and stores each PDF (on every core); the reference is the renderer alone on every core.
      scenarios.push({
        name: `certificates issued and rendered (${issued})`,
        measured: { what: 'issuance job (PDFs rendered and stored)', throughput: issued / issueSeconds, seconds: issueSeconds },
        reference: { what: 'renderer alone, every core', throughput: pdfs },
        ratio: issued / issueSeconds / pdfs,
        goal: 'ratio ≥ 0.8, all within 2 minutes',
        load: cert.load,
        peakMb: cert.peakMb,
      });
      cert.done();
    });

    await attempt('mail outbox', async () => {
      log(`mail outbox: ${size.outbox} reminders (bench/Outbox, PostgreSQL)`);
      const mail = await program('Outbox', 'TrainingHub.Bench.Outbox.dll', ['--count', String(size.outbox), '--postgres', server]);
      const outbox = number(/outbox dispatch:\s+\d+ in [\d.]+ s = (\d+) msg\/s/, mail.out);
      const plain = number(/plain MailKit loop:\s+\d+ in [\d.]+ s = (\d+) msg\/s/, mail.out);
      scenarios.push({
        name: `mail outbox (${size.outbox} reminders)`,
        measured: { what: 'outbox dispatcher', throughput: outbox },
        reference: { what: 'plain MailKit loop', throughput: plain },
        ratio: outbox / plain,
        goal: 'ratio ≥ 0.7',
        load: mail.load,
        peakMb: mail.peakMb,
      });
      mail.done();
    });

    await attempt('CSV export', async () => {
      log(`CSV export: ${size.exportPeople * 20} rows (bench/Exports)`);
      const csv = await program('Exports', 'TrainingHub.Bench.Exports.dll', [server, String(size.exportPeople)]);
      const copyRates = [...csv.out.matchAll(/COPY [\d,]+ rows in [\d.]+ s = ([\d,]+) rows\/s/g)].map((m) => Number(m[1].replace(/,/g, '')));
      const ourRates = [...csv.out.matchAll(/ours [\d,]+ rows in [\d.]+ s = ([\d,]+) rows\/s/g)].map((m) => Number(m[1].replace(/,/g, '')));
      if (!copyRates.length || copyRates.length !== ourRates.length) throw new Error(`Exports printed no rounds:\n${csv.out.slice(-2000)}`);
      const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
      scenarios.push({
        name: `CSV export (${size.exportPeople * 20} attendance rows)`,
        measured: { what: 'attendance-rows export', throughput: mean(ourRates) },
        reference: { what: 'COPY … TO STDOUT', throughput: mean(copyRates) },
        ratio: mean(ourRates) / mean(copyRates),
        goal: 'ratio ≥ 0.5',
        load: csv.load,
        peakMb: csv.peakMb,
      });
      csv.done();
    });
  } finally {
    if (child) child.kill('SIGTERM');
    for (const db of [database, `${database}_large`]) {
      dropDatabase(db);
    }
    rmSync(audit, { recursive: true, force: true });
  }

  const failed = scenarios.filter((s) => (s.measured.errors ?? 0) > 0 || (s.measured.duplicates ?? 0) > 0);
  const results = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: { cores: (await import('node:os')).cpus().length }, loadGenerator: 'autocannon 9.0.0', seconds: (Date.now() - started) / 1000, scenarios };
  const out = option('--out', join(here, 'results'));
  mkdirSync(out, { recursive: true });
  const name = `${stamp.slice(0, 8)}${quick ? '-quick' : ''}`;
  writeFileSync(join(out, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(out, `${name}.md`), markdown(results));
  console.log(markdown(results));
  log(`wrote ${join(out, name)}.json and .md in ${results.seconds.toFixed(0)} s`);
  if (failed.length) {
    log(`FAIL: errors or duplicates in ${failed.map((s) => s.name).join('; ')}`);
    process.exitCode = 1;
  }
}

function dropDatabase(db) {
  const psql = ['/usr/lib/postgresql/15/bin/psql', 'psql'].find((p) => p === 'psql' || existsSync(p));
  const kv = Object.fromEntries(server.split(';').filter(Boolean).map((p) => p.split('=').map((x) => x.trim())).map(([k, v]) => [k.toLowerCase(), v]));
  spawnSync(psql, ['-h', kv.host ?? '127.0.0.1', '-p', kv.port ?? '5432', '-U', kv.username ?? 'postgres', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`], {
    env: { ...process.env, PGPASSWORD: kv.password ?? '' },
    stdio: 'ignore',
  });
}

const f = (x, digits = 1) => (x === null || x === undefined ? '' : Number(x).toFixed(digits));

function markdown(results) {
  const rows = results.scenarios.map((s) => {
    const m = s.measured;
    const r = s.reference;
    const latency = m.p50 !== undefined ? `${f(m.p50, 0)} / ${f(m.p95, 0)} / ${f(m.p99, 0)} ms` : '';
    const measured = m.throughput !== undefined ? `${f(m.throughput)}/s` : `${f(m.seconds)} s`;
    const reference = r ? `${r.what}: ${f(r.throughput)}/s${r.p50 !== undefined ? ` (p50 ${f(r.p50, 0)} ms)` : ''}` : '';
    return `| ${s.name} | ${m.what} | ${measured} | ${latency} | ${m.errors ?? ''} | ${f(s.peakMb, 0)} | ${reference} | ${s.ratio !== undefined ? f(s.ratio, s.ratio < 0.01 ? 5 : 2) : ''} | ${s.goal ?? ''} | ${f(s.load.mean)} (${f(s.load.min)}–${f(s.load.max)}) |`;
  });
  return [
    `# Benchmark ${results.date} (${results.mode}, ${results.machine.cores} cores, load generator ${results.loadGenerator})`,
    '',
    '| scenario | measured | throughput | p50 / p95 / p99 | errors | peak MB | reference | ratio | goal | load average (mean, min–max) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Exit 1 when a scenario's ratio fell below the baseline's by more than the tolerance (a fraction of the baseline). */
function compare(file, baselineFile, tolerance) {
  if (!file || !existsSync(file) || !existsSync(baselineFile)) {
    console.error(`usage: bench/run compare <results.json> [--baseline ${baselineFile}] [--tolerance 0.3]`);
    return 2;
  }
  const now = JSON.parse(readFileSync(file, 'utf8'));
  const base = JSON.parse(readFileSync(baselineFile, 'utf8'));
  const key = (name) => name.replace(/\s*\(.*\)$/, '');
  let regressions = 0;
  for (const s of now.scenarios.filter((x) => x.ratio !== undefined)) {
    const b = base.scenarios.find((x) => key(x.name) === key(s.name) && x.ratio !== undefined);
    if (!b) {
      console.log(`new       ${s.name}: ratio ${s.ratio.toFixed(4)} (not in the baseline)`);
      continue;
    }
    const floor = b.ratio * (1 - tolerance);
    const worse = s.ratio < floor;
    regressions += worse ? 1 : 0;
    console.log(`${worse ? 'REGRESSED' : 'ok       '} ${s.name}: ratio ${s.ratio.toFixed(4)} vs baseline ${b.ratio.toFixed(4)} (floor ${floor.toFixed(4)} at tolerance ${tolerance})`);
  }
  console.log(regressions ? `${regressions} regression(s) beyond ${tolerance * 100}% of the baseline's ratios` : `no regression beyond ${tolerance * 100}% of the baseline's ratios`);
  return regressions ? 1 : 0;
}

await main();
