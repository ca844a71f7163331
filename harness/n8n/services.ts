/**
 * Redis and Postgres for n8n's queue mode (`npm run test:queue`): Debian's `redis-server` and
 * `postgresql`, installed with apt-get when missing (as root, as CI runs), started on free loopback
 * ports with their data in a temp folder, and stopped (data removed) at the end.
 *
 * Postgres refuses to run as root: as root, initdb and the server run as the `postgres` user the
 * Debian package creates (created here when missing) through `runuser`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { info, withTicker } from './log';
import { freePort } from './ports';
import { notePid } from './reaper';
import { onShutdown, run, runOk, startBackground, type Background } from './procs';

const REDIS_BIN = '/usr/bin/redis-server';
const POSTGRES_LIB = '/usr/lib/postgresql';
const POSTGRES_USER = 'postgres';

/** The newest `/usr/lib/postgresql/<major>/bin` that has initdb and postgres, if any. */
export function postgresBinDir(): string | undefined {
	if (!fs.existsSync(POSTGRES_LIB)) return undefined;
	const majors = fs
		.readdirSync(POSTGRES_LIB)
		.filter((v) => /^\d+$/.test(v))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = path.join(POSTGRES_LIB, major, 'bin');
		if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'postgres')))
			return bin;
	}
	return undefined;
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian's redis-server and postgresql when their binaries are missing (needs root). */
export async function ensureQueueServices(): Promise<{ redis: string; postgresBin: string }> {
	const missing: string[] = [];
	if (!fs.existsSync(REDIS_BIN)) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length) {
		if (!isRoot())
			throw new Error(
				`Queue mode needs ${missing.join(' and ')}: install them (sudo apt-get install -y ${missing.join(' ')})`,
			);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await withTicker(`apt-get install -y ${missing.join(' ')}`, async () => {
			for (let attempt = 1; ; attempt++) {
				try {
					await runOk('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60 * 1000 });
					// another apt-get running (chromium's install): wait for its lock instead of failing
					await runOk(
						'apt-get',
						['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=600', ...missing],
						{ env, timeoutMs: 15 * 60 * 1000 },
					);
					break;
				} catch (error) {
					if (attempt >= 3) throw error;
					await new Promise((r) => setTimeout(r, 15000));
				}
			}
		});
	}
	const postgresBin = postgresBinDir();
	if (!fs.existsSync(REDIS_BIN) || !postgresBin)
		throw new Error('redis-server or postgresql is still missing after apt-get install');
	return { redis: REDIS_BIN, postgresBin };
}

export interface ServiceOptions {
	/** Folder to create the service's temp folder in (default: the OS temp dir). */
	parent?: string;
	/** Extra environment for the service's processes (e.g. the reaper's marker). */
	env?: Record<string, string>;
}

function serviceDir(prefix: string, options: ServiceOptions): string {
	return fs.mkdtempSync(path.join(options.parent ?? os.tmpdir(), prefix));
}

export interface Service {
	port: number;
	dir: string;
	process: Background;
	stop(): Promise<void>;
}

/** redis-server on a free 127.0.0.1 port, no persistence, its folder a temp dir. */
export async function startRedis(options: ServiceOptions = {}): Promise<Service> {
	const dir = serviceDir('redis-', options);
	const port = await freePort();
	const proc = startBackground(
		REDIS_BIN,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ cwd: dir, logFile: path.join(dir, 'redis.log'), env: { ...process.env, ...options.env } },
	);
	// redis-server overwrites its environment (process title): the reaper gets its pid
	if (options.parent) notePid(options.parent, proc.child.pid);
	try {
		await proc.waitForOutput(/Ready to accept connections/, 30000);
	} catch (error) {
		await proc.stop();
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	info(`redis-server on 127.0.0.1:${port}`);
	const stop = async (): Promise<void> => {
		await proc.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	// Ctrl-C or SIGTERM: the process is killed with every child; its folder goes too
	onShutdown(stop);
	return { port, dir, process: proc, stop };
}

export interface Postgres extends Service {
	user: string;
	database: string;
	/** Runs SQL with psql; returns the rows, columns separated by `|`. */
	query(sql: string): Promise<string[]>;
}

/** The system user to run postgres as when we are root (created if the Debian package did not). */
async function postgresRunAs(): Promise<string | undefined> {
	if (!isRoot()) return undefined;
	const id = await run('id', ['-u', POSTGRES_USER]);
	if (id.code !== 0)
		await runOk('useradd', [
			'--system',
			'--no-create-home',
			'--shell',
			'/usr/sbin/nologin',
			POSTGRES_USER,
		]);
	return POSTGRES_USER;
}

/** `[command, args]` running `bin` as `user` (through runuser) or as ourselves. */
function as(user: string | undefined, bin: string, args: string[]): [string, string[]] {
	return user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
}

/**
 * A fresh Postgres cluster in a temp dir (initdb, trust auth on loopback only), listening on a free
 * 127.0.0.1 port with its socket in that dir, and a database `n8n`.
 */
export async function startPostgres(options: ServiceOptions = {}): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('postgresql is not installed (ensureQueueServices installs it)');
	const user = await postgresRunAs();
	const dir = serviceDir('postgres-', options);
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir);
	if (user) {
		await runOk('chown', ['-R', user, dir]);
	}
	const port = await freePort();
	const cleanupDir = () => fs.rmSync(dir, { recursive: true, force: true });
	try {
		const [initCmd, initArgs] = as(user, path.join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'--auth=trust',
			'--encoding=UTF8',
			'--no-locale',
			'--no-sync',
		]);
		await runOk(initCmd, initArgs, { cwd: dir, timeoutMs: 120000 });
	} catch (error) {
		cleanupDir();
		throw error;
	}
	const [cmd, args] = as(user, path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		socketDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	const proc = startBackground(cmd, args, {
		cwd: dir,
		logFile: path.join(dir, 'postgres.log'),
		env: { ...process.env, ...options.env },
	});
	const psql = async (database: string, sql: string): Promise<string[]> => {
		const result = await runOk(
			path.join(bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				database,
				'-X',
				'-A',
				'-t',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{ cwd: os.tmpdir(), timeoutMs: 60000 },
		);
		return result.stdout.split('\n').filter((line) => line !== '');
	};
	const stop = async (): Promise<void> => {
		// SIGTERM to runuser and postgres: a smart shutdown, then SIGKILL after the grace period
		await proc.stop();
		cleanupDir();
	};
	try {
		await proc.waitForOutput(/database system is ready to accept connections/, 60000);
		await psql('postgres', 'CREATE DATABASE n8n');
	} catch (error) {
		await stop();
		throw error;
	}
	onShutdown(stop);
	info(`postgres on 127.0.0.1:${port} (data in ${dataDir})`);
	return {
		port,
		dir,
		process: proc,
		user: 'postgres',
		database: 'n8n',
		query: (sql) => psql('n8n', sql),
		stop,
	};
}
