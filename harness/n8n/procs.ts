/**
 * Child processes for the helper scripts. Every child runs in its own process group, so stopping it
 * ends its whole tree (n8n starts task-runner children). Children still alive when this process
 * exits — normally, on an error or on Ctrl-C — are killed.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';

const live = new Set<ChildProcess>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** Kills every child still running (SIGKILL: used on the way out, when there is no time to wait). */
export function killAllNow(): void {
	for (const child of live) killGroup(child, 'SIGKILL');
	live.clear();
}

const cleanups: Array<() => Promise<void> | void> = [];

/** Registers work to run once on Ctrl-C / SIGTERM before the process exits (e.g. closing emulators). */
export function onShutdown(fn: () => Promise<void> | void): void {
	installHooks();
	cleanups.push(fn);
}

let shuttingDown = false;

/**
 * Stops every child (SIGTERM, then SIGKILL), runs the `onShutdown` work in reverse order, and exits
 * with `code`. Used on Ctrl-C / SIGTERM (code 130) and by scripts that fail (code 1).
 */
export async function shutdown(code: number): Promise<never> {
	if (!shuttingDown) {
		shuttingDown = true;
		const force = setTimeout(() => {
			killAllNow();
			process.exit(code);
		}, 20000);
		await Promise.allSettled([...live].map((c) => stopChild(c)));
		for (const fn of cleanups.splice(0).reverse()) {
			try {
				await fn();
			} catch {
				// best effort on the way out
			}
		}
		clearTimeout(force);
		killAllNow();
		process.exit(code);
	}
	return new Promise<never>(() => undefined);
}

function installHooks(): void {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', killAllNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			// tsx relays the terminal's Ctrl-C, so the signal may arrive twice: say it once
			if (!shuttingDown)
				process.stderr.write(`\nReceived ${signal}: stopping everything this script started…\n`);
			void shutdown(130);
		});
	}
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Appends stdout and stderr to this file as well. */
	logFile?: string;
	/** Forwards output to this process's stdout/stderr. */
	inherit?: boolean;
	/** Kills the command after this long and rejects. */
	timeoutMs?: number;
	input?: string;
}

export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

function spawnTracked(command: string, args: string[], options: RunOptions): ChildProcess {
	installHooks();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	live.add(child);
	child.on('exit', () => live.delete(child));
	if (options.input !== undefined) child.stdin?.end(options.input);
	else child.stdin?.end();
	if (options.logFile) {
		const log = fs.createWriteStream(options.logFile, { flags: 'a' });
		log.write(`\n$ ${command} ${args.join(' ')}\n`);
		child.stdout?.pipe(log, { end: false });
		child.stderr?.pipe(log, { end: false });
		child.on('close', () => log.end());
	}
	if (options.inherit) {
		child.stdout?.pipe(process.stdout, { end: false });
		child.stderr?.pipe(process.stderr, { end: false });
	}
	return child;
}

/** Runs a command to completion and returns its output (rejects only on spawn errors and time-outs). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawnTracked(command, args, options);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
		let timer: NodeJS.Timeout | undefined;
		if (options.timeoutMs) {
			timer = setTimeout(() => {
				killGroup(child, 'SIGKILL');
				reject(
					new Error(
						`Timed out after ${options.timeoutMs} ms: ${command} ${args.join(' ')}\n${stdout}\n${stderr}`.trim(),
					),
				);
			}, options.timeoutMs);
		}
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			if (timer) clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** Like `run`, but rejects with the output when the exit code is not 0. */
export async function runOk(
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-40).join('\n');
		throw new Error(`Command failed (exit ${result.code}): ${command} ${args.join(' ')}\n${tail}`);
	}
	return result;
}

export interface Background {
	child: ChildProcess;
	/** Everything printed so far (stdout and stderr interleaved). */
	output(): string;
	/** Resolves when the output matches `pattern`; rejects on exit or after `timeoutMs`. */
	waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
	stop(): Promise<void>;
}

/** Stops a child's whole process group: SIGTERM, then SIGKILL after a grace period. */
export function stopChild(child: ChildProcess, graceMs = 10000): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			// the group may still hold grandchildren (task runners): make sure they go too
			killGroup(child, 'SIGKILL');
			resolve();
		});
		killGroup(child, 'SIGTERM');
	});
}

/** Starts a long-running command (a server) in its own process group. */
export function startBackground(
	command: string,
	args: string[],
	options: RunOptions = {},
): Background {
	const child = spawnTracked(command, args, options);
	let output = '';
	const listeners = new Set<() => void>();
	const onData = (d: Buffer): void => {
		output += d.toString();
		for (const l of listeners) l();
	};
	child.stdout?.on('data', onData);
	child.stderr?.on('data', onData);
	return {
		child,
		output: () => output,
		waitForOutput(pattern, timeoutMs) {
			return new Promise((resolve, reject) => {
				const check = (): void => {
					if (pattern.test(output)) {
						cleanup();
						resolve();
					}
				};
				const onExit = (code: number | null): void => {
					cleanup();
					reject(
						new Error(
							`${command} exited (code ${code}) before printing ${pattern}:\n${output.slice(-4000)}`,
						),
					);
				};
				const timer = setTimeout(() => {
					cleanup();
					reject(
						new Error(
							`${command} did not print ${pattern} within ${timeoutMs} ms:\n${output.slice(-4000)}`,
						),
					);
				}, timeoutMs);
				const cleanup = (): void => {
					clearTimeout(timer);
					listeners.delete(check);
					child.off('exit', onExit);
				};
				listeners.add(check);
				child.once('exit', onExit);
				check();
			});
		},
		stop: () => stopChild(child),
	};
}
