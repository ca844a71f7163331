/**
 * One real n8n: its own user folder (temp dir), fixed encryption key, free ports, quiet logs. Runs the
 * CLI (`import:*`, `execute`, activation) and `n8n start`, and talks to the REST API as the owner.
 * Every process it starts runs in its own process group and is killed on exit.
 */
import * as fs from 'fs';
import * as path from 'path';
import { majorOf } from './config';
import type { N8nInstall } from './install';
import { freePorts } from './ports';
import { runOk, startBackground, type Background, type RunResult } from './procs';
import { tempDir } from './pack';

export const ENCRYPTION_KEY = 'n8n-nodes-hispatec-e2e-fixed-key-0001';
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Hispatec-Demo-2024',
};

export interface InstanceOptions {
	/** Use this user folder (kept) instead of a fresh temp dir (removed by `dispose`). */
	userFolder?: string;
	/** Fixed editor port (default: a free one). */
	port?: number;
	extraEnv?: Record<string, string>;
}

/** The JSON that `n8n execute --rawOutput` prints: an IRun. */
export interface RunOutput {
	data: {
		resultData: {
			runData: Record<string, Array<TaskData>>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
	status?: string;
	finished?: boolean;
}
export interface ExecutionSummary {
	id: string;
	status?: string;
	finished?: boolean;
	mode?: string;
	startedAt?: string;
	stoppedAt?: string | null;
}
export interface TaskData {
	executionStatus?: string;
	error?: { message: string; description?: string };
	data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export class N8nInstance {
	readonly install: N8nInstall;
	readonly userFolder: string;
	readonly port: number;
	readonly brokerPort: number;
	readonly logFile: string;
	private readonly ownsFolder: boolean;
	private readonly extraEnv: Record<string, string>;
	private server: Background | undefined;
	private cookie = '';

	private constructor(
		install: N8nInstall,
		userFolder: string,
		ownsFolder: boolean,
		ports: number[],
		extraEnv: Record<string, string>,
	) {
		this.install = install;
		this.userFolder = userFolder;
		this.ownsFolder = ownsFolder;
		[this.port, this.brokerPort] = ports;
		this.extraEnv = extraEnv;
		this.logFile = path.join(userFolder, 'n8n-commands.log');
	}

	static async create(install: N8nInstall, options: InstanceOptions = {}): Promise<N8nInstance> {
		const folder = options.userFolder ?? tempDir(`n8n-${install.version}-`);
		fs.mkdirSync(folder, { recursive: true });
		const [port, broker] = await freePorts(2);
		return new N8nInstance(
			install,
			folder,
			!options.userFolder,
			[options.port ?? port, broker],
			options.extraEnv ?? {},
		);
	}

	get major(): number {
		return majorOf(this.install.version);
	}

	get baseUrl(): string {
		return `http://localhost:${this.port}`;
	}

	/** The environment every n8n command of this instance runs with. */
	env(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = { ...process.env };
		for (const key of Object.keys(env)) {
			// never inherit another n8n's settings (or npm's, when started through `npm run`)
			if (
				key.startsWith('N8N_') ||
				key.startsWith('DB_') ||
				key.startsWith('npm_') ||
				key.startsWith('JEST_')
			)
				delete env[key];
		}
		// under jest NODE_ENV is "test", which silences n8n's logger (and the output of `execute`)
		env.NODE_ENV = 'production';
		Object.assign(env, {
			PATH: this.install.pathEnv,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_PORT: String(this.port),
			N8N_HOST: 'localhost',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		});
		if (this.major < 2) {
			// n8n 1.123 on Node 20: isolated-vm does not build, so the VM expression engine cannot start
			env.N8N_EXPRESSION_ENGINE = 'legacy';
			// the 2.x defaults, so both lines run the template the same way (Code node in a task runner)
			env.N8N_RUNNERS_ENABLED = 'true';
			env.N8N_BLOCK_ENV_ACCESS_IN_NODE = 'true';
			env.N8N_GIT_NODE_DISABLE_BARE_REPOS = 'true';
			env.DB_SQLITE_POOL_SIZE = '2';
		} else {
			// the MCP registry refresh calls api.n8n.io (unreachable offline) and logs stack traces
			env.N8N_DISABLED_MODULES = 'mcp-registry';
			env.N8N_UNVERIFIED_PACKAGES_ENABLED = 'true';
		}
		Object.assign(env, this.extraEnv);
		return env;
	}

	/** Runs `n8n <args>` to completion (rejects on a non-zero exit, with the output). */
	cli(
		args: string[],
		timeoutMs = 180000,
		envOverrides: Record<string, string> = {},
	): Promise<RunResult> {
		return runOk(this.install.nodeBin, [this.install.n8nEntry, ...args], {
			env: { ...this.env(), ...envOverrides },
			cwd: this.userFolder,
			logFile: this.logFile,
			timeoutMs,
		});
	}

	private writeTemp(name: string, data: unknown): string {
		const file = path.join(this.userFolder, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** `n8n import:credentials`: plain `data` is encrypted on import. */
	async importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: object }>,
	): Promise<void> {
		await this.cli([
			'import:credentials',
			`--input=${this.writeTemp('import-credentials.json', credentials)}`,
		]);
	}

	/** `n8n import:workflow` (an existing workflow with the same id is overwritten; imports are inactive). */
	async importWorkflows(workflows: object[]): Promise<void> {
		await this.cli([
			'import:workflow',
			`--input=${this.writeTemp('import-workflows.json', workflows)}`,
		]);
	}

	/** `n8n execute --id=<id> --rawOutput`, parsed. Throws with n8n's message when the execution fails. */
	async execute(
		workflowId: string,
		timeoutMs = 300000,
		envOverrides: Record<string, string> = {},
	): Promise<RunOutput> {
		// `execute` prints its result through the logger at level info
		const result = await runOkOrExplain(
			this,
			['execute', `--id=${workflowId}`, '--rawOutput'],
			timeoutMs,
			{
				N8N_LOG_LEVEL: 'info',
				...envOverrides,
			},
		);
		return parseRawOutput(result.stdout);
	}

	/** Marks a workflow active in the database (before `start`): 1.x update:workflow, 2.x publish:workflow. */
	async activate(workflowId: string): Promise<void> {
		if (this.major >= 2) await this.cli(['publish:workflow', `--id=${workflowId}`]);
		else await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	/** Process id of the running `n8n start` (or worker), if any. */
	get serverPid(): number | undefined {
		return this.server?.child.pid;
	}

	/** `n8n start`; resolves once /healthz answers. */
	async start(options: { inherit?: boolean; timeoutMs?: number } = {}): Promise<void> {
		if (this.server) throw new Error('already started');
		this.server = startBackground(this.install.nodeBin, [this.install.n8nEntry, 'start'], {
			env: this.env(),
			cwd: this.userFolder,
			logFile: this.logFile,
			inherit: options.inherit,
		});
		const deadline = Date.now() + (options.timeoutMs ?? 180000);
		const server = this.server;
		let exited = false;
		server.child.once('exit', () => (exited = true));
		for (;;) {
			if (exited) throw new Error(`n8n start exited early:\n${server.output().slice(-4000)}`);
			try {
				// readiness answers before the REST routes are mounted: wait for both
				const res = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (res.ok && (await fetch(`${this.baseUrl}/rest/settings`)).ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline)
				throw new Error(
					`n8n did not become ready on ${this.baseUrl}:\n${server.output().slice(-4000)}`,
				);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/**
	 * `n8n worker` (queue mode; the queue and database settings come from `extraEnv`). Its health server
	 * listens on this instance's port (`QUEUE_HEALTH_CHECK_PORT`); resolves once `/healthz/readiness`
	 * answers (database and Redis connected) and the worker says it is ready.
	 */
	async startWorker(options: { concurrency?: number; timeoutMs?: number } = {}): Promise<void> {
		if (this.server) throw new Error('already started');
		this.server = startBackground(
			this.install.nodeBin,
			[this.install.n8nEntry, 'worker', `--concurrency=${options.concurrency ?? 1}`],
			{
				// info level at least: the worker's "ready" line and its "Worker started execution" lines
				env: {
					...this.env(),
					N8N_LOG_LEVEL: this.extraEnv.N8N_LOG_LEVEL ?? 'info',
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(this.port),
				},
				cwd: this.userFolder,
				logFile: this.logFile,
			},
		);
		const server = this.server;
		const deadline = Date.now() + (options.timeoutMs ?? 180000);
		let exited = false;
		server.child.once('exit', () => (exited = true));
		for (;;) {
			if (exited) throw new Error(`n8n worker exited early:\n${server.output().slice(-4000)}`);
			try {
				const res = await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`);
				if (res.ok && /n8n worker is now ready/.test(server.output())) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline)
				throw new Error(
					`n8n worker did not become ready on port ${this.port}:\n${server.output().slice(-4000)}`,
				);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Kills the running server or worker and its task runners at once (SIGKILL to its process group). */
	async kill(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.cookie = '';
		if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
		const exited = new Promise((r) => server.child.once('exit', r));
		if (server.child.pid !== undefined) process.kill(-server.child.pid, 'SIGKILL');
		await exited;
	}

	/** What `n8n start` printed so far. */
	serverOutput(): string {
		return this.server?.output() ?? '';
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.cookie = '';
		if (server) await server.stop();
	}

	/** Stops the server and removes the temp user folder (unless it was given). */
	async dispose(): Promise<void> {
		await this.stop();
		if (this.ownsFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** GET any path of the running instance (e.g. `/types/nodes.json`) with the session cookie. */
	async fetchAsOwner(route: string): Promise<Response> {
		return await fetch(`${this.baseUrl}/${route.replace(/^\//, '')}`, {
			headers: this.cookie ? { cookie: this.cookie } : {},
		});
	}

	/** A REST call to the running instance, with the session cookie once logged in. */
	async rest<T = unknown>(
		method: string,
		route: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const res = await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/);
		if (auth) this.cookie = auth[0];
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// keep the text
		}
		return { status: res.status, body: parsed as T };
	}

	/** Executions of a workflow, newest first (REST API; needs `setupOwnerAndLogin`). */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await this.rest<{ data?: { results?: ExecutionSummary[] } }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		if (res.status !== 200)
			throw new Error(
				`GET /rest/executions answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`,
			);
		const results = res.body.data?.results ?? [];
		return [...results].sort((a, b) => Number(b.id) - Number(a.id));
	}

	/**
	 * Waits (polling the REST API) until the workflow has a finished execution newer than `afterId`,
	 * and returns it. For runs started from the editor.
	 */
	async waitForFinishedExecution(
		workflowId: string,
		afterId = 0,
		timeoutMs = 300000,
	): Promise<ExecutionSummary> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const done = (await this.listExecutions(workflowId)).find(
				(e) => Number(e.id) > afterId && e.stoppedAt && e.status !== 'running',
			);
			if (done) return done;
			if (Date.now() > deadline)
				throw new Error(
					`No finished execution of ${workflowId} after #${afterId} in ${timeoutMs} ms`,
				);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/**
	 * One execution's run data (REST API). n8n serializes it with `flatted`; it is parsed with the
	 * `flatted` module of this n8n install, so the format always matches the version.
	 */
	async executionRun(executionId: string): Promise<RunOutput> {
		const res = await this.rest<{ data?: { data?: string } }>('GET', `/executions/${executionId}`);
		if (res.status !== 200 || typeof res.body.data?.data !== 'string') {
			throw new Error(
				`GET /rest/executions/${executionId} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`,
			);
		}
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(path.join(this.install.dir, 'node_modules', 'flatted')) as {
			parse(text: string): unknown;
		};
		return { data: flatted.parse(res.body.data.data) as RunOutput['data'] };
	}

	/** Sets up the owner account (first call) and logs in. */
	async setupOwnerAndLogin(): Promise<void> {
		const login = async () => {
			const answer = await this.rest('POST', '/login', {
				emailOrLdapLoginId: OWNER.email,
				password: OWNER.password,
			});
			if (answer.status !== 200)
				throw new Error(
					`Cannot log in as the owner: ${answer.status} ${JSON.stringify(answer.body)}`,
				);
		};
		const setup = await this.rest('POST', '/owner/setup', OWNER);
		// already set up (a kept user folder): log in instead
		if (setup.status !== 200) await login();
		if (!this.cookie) await login();
	}
}

async function runOkOrExplain(
	instance: N8nInstance,
	args: string[],
	timeoutMs: number,
	envOverrides: Record<string, string>,
): Promise<RunResult> {
	try {
		return await instance.cli(args, timeoutMs, envOverrides);
	} catch (error) {
		throw new Error(
			`n8n ${instance.install.version} ${args.join(' ')} failed:\n${(error as Error).message}`,
		);
	}
}

/** `--rawOutput` prints the IRun as pretty JSON; anything before it (warnings) is skipped. */
export function parseRawOutput(stdout: string): RunOutput {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) throw new Error(`No JSON in the output of n8n execute:\n${stdout.slice(0, 4000)}`);
	let end = lines.length;
	while (end > start && lines[end - 1] !== '}') end--;
	return JSON.parse(lines.slice(start, end).join('\n')) as RunOutput;
}

/** Items a node emitted on `output` in its `run`-th run (empty when the node did not run). */
export function nodeItems(
	run: RunOutput,
	nodeName: string,
	output = 0,
	runIndex = 0,
): Array<Record<string, unknown>> {
	const task = run.data.resultData.runData[nodeName]?.[runIndex];
	return (task?.data?.main?.[output] ?? []).map((item) => item.json);
}
