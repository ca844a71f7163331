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

export async function executeMeasured(
	instance: N8nInstance,
	workflowId: string,
	timeoutMs = 3_600_000,
): Promise<MeasuredRun> {
	const started = Date.now();
	const bg = startBackground(
		instance.install.nodeBin,
		[instance.install.n8nEntry, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			env: { ...instance.env(), N8N_LOG_LEVEL: 'info' },
			cwd: instance.userFolder,
			logFile: instance.logFile,
		},
	);
	const pid = bg.child.pid as number;
	let peak = 0;
	const childPeak = new Map<number, number>();
	const sample = () => {
		peak = Math.max(peak, statusKb(pid, 'VmHWM'));
		for (const child of childrenOf(pid)) {
			childPeak.set(child, Math.max(childPeak.get(child) ?? 0, statusKb(child, 'VmHWM')));
			for (const grandchild of childrenOf(child))
				childPeak.set(
					grandchild,
					Math.max(childPeak.get(grandchild) ?? 0, statusKb(grandchild, 'VmHWM')),
				);
		}
	};
	const timer = setInterval(sample, 200);
	const exitCode = await new Promise<number | null>((resolve) => {
		const kill = setTimeout(() => void bg.stop(), timeoutMs);
		bg.child.once('exit', (code) => {
			clearTimeout(kill);
			resolve(code);
		});
	});
	clearInterval(timer);
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
		peakRssMb: Math.round(peak / 1024),
		peakChildRssMb: Math.round(Math.max(0, ...childPeak.values()) / 1024),
	};
}
