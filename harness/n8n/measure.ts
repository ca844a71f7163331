/**
 * Runs `n8n execute` for a workflow and measures the n8n process: peak resident memory (VmHWM from
 * /proc/<pid>/status, sampled every 200 ms until exit; Linux only) of the main process and, separately,
 * of its child processes (the JavaScript task runner), and the wall time.
 */
import * as fs from 'fs';
import { parseRawOutput, type N8nInstance, type RunOutput } from './instance';
import { startBackground } from './procs';

export interface MeasuredRun {
	run?: RunOutput;
	/** n8n's stdout+stderr when the output could not be parsed. */
	output: string;
	exitCode: number | null;
	seconds: number;
	/** Peak RSS of the n8n process, MB. */
	peakRssMb: number;
	/** Peak RSS of its largest child process (task runner), MB. */
	peakChildRssMb: number;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(text);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

function childrenOf(pid: number): number[] {
	const out: number[] = [];
	try {
		for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
			const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
			if (text) out.push(...text.split(/\s+/).map(Number));
		}
	} catch {
		// gone
	}
	return out;
}

/**
 * Samples a process every `intervalMs`: its peak resident memory (VmHWM, which the kernel keeps) and
 * the peak of its largest child or grandchild (the task runner).
 */
export class PeakSampler {
	private childPeakKb = new Map<number, number>();

	private peakKb = 0;

	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly pid: number) {}

	start(intervalMs = 200): this {
		this.timer = setInterval(() => this.sample(), intervalMs);
		return this;
	}

	/** Stops sampling (after one last sample) and returns the peaks, MB. */
	stop(): { peakRssMb: number; peakChildRssMb: number } {
		if (this.timer) clearInterval(this.timer);
		this.sample();
		return this.peaks();
	}

	peaks(): { peakRssMb: number; peakChildRssMb: number } {
		return {
			peakRssMb: Math.round(this.peakKb / 1024),
			peakChildRssMb: Math.round(Math.max(0, ...this.childPeakKb.values()) / 1024),
		};
	}

	private sample(): void {
		this.peakKb = Math.max(this.peakKb, statusKb(this.pid, 'VmHWM'));
		for (const child of childrenOf(this.pid)) {
			for (const pid of [child, ...childrenOf(child)])
				this.childPeakKb.set(pid, Math.max(this.childPeakKb.get(pid) ?? 0, statusKb(pid, 'VmHWM')));
		}
	}
}

/** `n8n execute` of one workflow, sampled; `env` adds to the instance's environment (a heap limit …). */
export async function executeMeasured(
	instance: N8nInstance,
	workflowId: string,
	timeoutMs = 3_600_000,
	env: NodeJS.ProcessEnv = {},
): Promise<MeasuredRun> {
	const started = Date.now();
	const bg = startBackground(
		instance.install.nodeBin,
		[instance.install.n8nEntry, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			env: { ...instance.env(), N8N_LOG_LEVEL: 'info', ...env },
			cwd: instance.userFolder,
			logFile: instance.logFile,
		},
	);
	const sampler = new PeakSampler(bg.child.pid as number).start();
	const exitCode = await new Promise<number | null>((resolve) => {
		const kill = setTimeout(() => void bg.stop(), timeoutMs);
		bg.child.once('exit', (code) => {
			clearTimeout(kill);
			resolve(code);
		});
	});
	const peaks = sampler.stop();
	const seconds = (Date.now() - started) / 1000;
	const output = bg.output();
	let run: RunOutput | undefined;
	try {
		run = parseRawOutput(output);
	} catch {
		run = undefined;
	}
	return {
		...(run ? { run } : {}),
		output,
		exitCode,
		seconds,
		...peaks,
	};
}
