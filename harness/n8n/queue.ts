/**
 * n8n in queue mode, as `npm run test:queue` runs it: Redis (the queue) and Postgres (the shared
 * database) from services.ts, one main (`n8n start`: editor, webhooks, triggers, schedules) and workers
 * (`n8n worker`: they run the executions). Every process is an `N8nInstance` with its own user folder
 * (the packed package installed into each, as on a real install), its own ports, and the same
 * encryption key and queue/database settings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ensureN8n } from './install';
import { N8nInstance } from './instance';
import { info } from './log';
import { installIntoUserFolder, tempDir } from './pack';
import { freePorts } from './ports';
import { startReaper } from './reaper';
import {
	ensureQueueServices,
	startPostgres,
	startRedis,
	type Postgres,
	type Service,
} from './services';
import { prepareN8n, PUBLISHED_SUBWORKFLOW_ENV, type Emulators, type WorkflowJson } from './stack';

export interface QueueClusterOptions {
	/** Number of `n8n worker` processes (default 2). */
	workers?: number;
	/** Jobs each worker runs at once (default 1: two simultaneous executions land on two workers). */
	concurrency?: number;
	/** Workflows imported next to the template. */
	workflows?: WorkflowJson[];
	/** Workflow ids published (active) before the main starts. */
	activate?: string[];
	/** Extra settings for every process. */
	extraEnv?: Record<string, string>;
	/** Extra settings for the workers only, after `extraEnv` (e.g. NODE_OPTIONS with a heap limit). */
	workerEnv?: Record<string, string>;
}

/** The settings main and workers share (queue mode, Redis, Postgres, quicker stalled-job recovery). */
export function queueEnv(redis: Service, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		// a job whose worker died is taken up by another worker after its lock expires (default 30 s),
		// found by the stalled-job check (default every 30 s): shorter, so the test waits less
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
		QUEUE_WORKER_STALLED_INTERVAL: '10000',
		// main and workers log at info: "Enqueued execution", "Worker started execution"
		N8N_LOG_LEVEL: 'info',
	};
}

/** One row of Postgres' `execution_entity` (times in ms since the epoch). */
export interface ExecutionRow {
	id: string;
	mode: string;
	status: string;
	finished: boolean;
	retryOf: string;
	startedAt: number | null;
	stoppedAt: number | null;
}

export class QueueCluster {
	readonly version: string;
	readonly redis: Service;
	readonly postgres: Postgres;
	readonly main: N8nInstance;
	readonly workers: N8nInstance[];
	private readonly concurrency: number;
	private readonly killed = new Set<number>();
	/** Holds the user folders, Redis' and Postgres' folders. */
	readonly root: string;
	private readonly reaper: { stop(): void };

	private constructor(
		version: string,
		root: string,
		reaper: { stop(): void },
		redis: Service,
		postgres: Postgres,
		main: N8nInstance,
		workers: N8nInstance[],
		concurrency: number,
	) {
		this.version = version;
		this.root = root;
		this.reaper = reaper;
		this.redis = redis;
		this.postgres = postgres;
		this.main = main;
		this.workers = workers;
		this.concurrency = concurrency;
	}

	/**
	 * Installs Redis/Postgres when missing, starts them, prepares the main (package, credentials, template
	 * and `workflows` imported into Postgres), installs the package for each worker, publishes
	 * `activate`, then starts the main and the workers and waits until all are ready.
	 */
	static async start(
		version: string,
		tarball: string,
		emulators: Emulators,
		options: QueueClusterOptions = {},
	): Promise<QueueCluster> {
		await ensureQueueServices();
		// one folder for everything this run writes (user folders, Redis, Postgres), and a watchdog that
		// kills every process carrying the run's marker and removes the folder if this process dies first
		const root = tempDir('n8n-queue-');
		fs.chmodSync(root, 0o755); // Postgres runs as another user and must reach its folder inside
		const runEnv = { N8N_HISPATEC_QUEUE_RUN: path.basename(root) };
		const reaper = startReaper(`N8N_HISPATEC_QUEUE_RUN=${runEnv.N8N_HISPATEC_QUEUE_RUN}`, root);
		let redis: Service | undefined;
		let postgres: Postgres | undefined;
		const instances: N8nInstance[] = [];
		try {
			redis = await startRedis({ parent: root, env: runEnv });
			postgres = await startPostgres({ parent: root, env: runEnv });
			const env = { ...queueEnv(redis, postgres), ...runEnv, ...(options.extraEnv ?? {}) };
			const install = await ensureN8n(version);
			const main = await prepareN8n(version, tarball, emulators, {
				userFolder: path.join(root, 'main'),
				extraEnv: env,
				workflows: options.workflows,
			});
			instances.push(main);
			const count = options.workers ?? 2;
			// the workers' health servers need ports of their own, never the main's
			const ports = (await freePorts(count + 2)).filter(
				(p) => p !== main.port && p !== main.brokerPort,
			);
			const workers: N8nInstance[] = [];
			for (let i = 0; i < count; i++) {
				const worker = await N8nInstance.create(install, {
					userFolder: path.join(root, `worker-${i + 1}`),
					port: ports[i],
					// the main's settings from prepareN8n: workers run the sub-workflows
					extraEnv: { ...PUBLISHED_SUBWORKFLOW_ENV, ...env, ...(options.workerEnv ?? {}) },
				});
				instances.push(worker);
				workers.push(worker);
			}
			await Promise.all(workers.map((w) => installIntoUserFolder(w.userFolder, tarball)));
			for (const id of options.activate ?? []) await main.activate(id);
			const cluster = new QueueCluster(
				version,
				root,
				reaper,
				redis,
				postgres,
				main,
				workers,
				options.concurrency ?? 1,
			);
			await Promise.all([cluster.startMain(), ...workers.map((_, i) => cluster.startWorker(i))]);
			info(
				`queue mode: main on ${main.baseUrl}, ${count} workers (concurrency ${cluster.concurrency}), redis :${redis.port}, postgres :${postgres.port}`,
			);
			return cluster;
		} catch (error) {
			for (const instance of instances) await instance.dispose();
			await postgres?.stop();
			await redis?.stop();
			fs.rmSync(root, { recursive: true, force: true });
			reaper.stop();
			throw error;
		}
	}

	/** `n8n start` for the main; waits for /healthz/readiness and the REST API, then logs in as the owner. */
	async startMain(): Promise<void> {
		await this.main.start({ timeoutMs: 240000 });
		await this.main.setupOwnerAndLogin();
	}

	/**
	 * Waits until the main has registered the production webhook `path` (activation can finish after the
	 * main answers /healthz): a CORS preflight lists its methods once it is registered, and 404s before.
	 */
	async waitForWebhook(webhookPath: string, method = 'POST', timeoutMs = 120000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const res = await fetch(`${this.main.baseUrl}/webhook/${webhookPath}`, {
					method: 'OPTIONS',
					headers: { origin: this.main.baseUrl, 'access-control-request-method': method },
				});
				if (
					res.status === 204 &&
					(res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/).includes(method)
				)
					return;
			} catch {
				// restarting
			}
			if (Date.now() > deadline)
				throw new Error(
					`The main did not register the webhook ${method} /webhook/${webhookPath} within ${timeoutMs} ms`,
				);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Stops the main (SIGTERM) and starts it again on the same port and database. */
	async restartMain(): Promise<void> {
		await this.main.stop();
		await this.startMain();
	}

	async startWorker(index: number): Promise<void> {
		await this.workers[index].startWorker({ concurrency: this.concurrency, timeoutMs: 240000 });
	}

	/** `kill -9` a worker's whole process group (the worker and its task runner). */
	async killWorker(index: number): Promise<void> {
		await this.workers[index].kill();
		this.killed.add(index);
	}

	/** Starts again the workers `killWorker` killed. */
	async restartKilledWorkers(): Promise<void> {
		const indexes = [...this.killed];
		this.killed.clear();
		await Promise.all(indexes.map((i) => this.startWorker(i)));
	}

	/** Everything a process printed since it was first started (its log file survives restarts). */
	static log(instance: N8nInstance): string {
		return fs.existsSync(instance.logFile) ? fs.readFileSync(instance.logFile, 'utf8') : '';
	}

	/** The workers (by index) whose log says they started execution `executionId`. */
	workersThatStarted(executionId: string): number[] {
		const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
		return this.workers
			.map((w, i) => (pattern.test(QueueCluster.log(w)) ? i : -1))
			.filter((i) => i >= 0);
	}

	/** The workers (by index) whose log says they finished execution `executionId`. */
	workersThatFinished(executionId: string): number[] {
		const pattern = new RegExp(`Worker finished execution ${executionId} \\(job`);
		return this.workers
			.map((w, i) => (pattern.test(QueueCluster.log(w)) ? i : -1))
			.filter((i) => i >= 0);
	}

	/** Rows of Postgres' `execution_entity` for a workflow, oldest first. */
	async executionRows(workflowId: string): Promise<ExecutionRow[]> {
		const rows = await this.postgres.query(
			`SELECT id, mode, status, finished, coalesce("retryOf", ''), ` +
				`coalesce(round(extract(epoch FROM "startedAt") * 1000)::text, ''), coalesce(round(extract(epoch FROM "stoppedAt") * 1000)::text, '') ` +
				`FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' ORDER BY id`,
		);
		return rows.map((row) => {
			const [id, mode, status, finished, retryOf, startedAt, stoppedAt] = row.split('|');
			return {
				id,
				mode,
				status,
				finished: finished === 't',
				retryOf,
				startedAt: startedAt ? Number(startedAt) : null,
				stoppedAt: stoppedAt ? Number(stoppedAt) : null,
			};
		});
	}

	/** Stops every n8n process, Postgres and Redis, and removes their temp folders. */
	async dispose(keepLogsIn?: string): Promise<void> {
		const all = [this.main, ...this.workers];
		await Promise.allSettled(all.map((i) => i.stop()));
		if (keepLogsIn) {
			fs.mkdirSync(keepLogsIn, { recursive: true });
			const names = ['main', ...this.workers.map((_, i) => `worker-${i + 1}`)];
			all.forEach((instance, i) => {
				if (fs.existsSync(instance.logFile))
					fs.copyFileSync(instance.logFile, `${keepLogsIn}/queue-${this.version}-${names[i]}.log`);
			});
		}
		await Promise.allSettled(all.map((i) => i.dispose()));
		await this.postgres.stop();
		await this.redis.stop();
		fs.rmSync(this.root, { recursive: true, force: true });
		this.reaper.stop();
	}
}
