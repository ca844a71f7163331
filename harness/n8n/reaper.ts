/**
 * A watchdog for everything a test run starts, which works even when the run cannot clean up itself:
 * under jest, `process.on('SIGINT' | 'exit')` handlers registered by test code never fire (the test's
 * `process` is a copy), so Ctrl-C or a killed jest would leave n8n, Redis and Postgres running.
 *
 * `startReaper(marker, root)` spawns a small detached Node process that checks every second whether this
 * process is still alive. Once it is gone, the reaper kills (SIGKILL) every process whose environment
 * holds `marker` (`NAME=value`; every process the run starts gets it), and every pid listed in
 * `<root>/.pids` (`notePid`), and removes `root`. When `root`
 * disappears (the run cleaned up normally), the reaper just exits.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const SCRIPT = `
const fs = require('fs');
const [parent, marker, root] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(Number(pid), 0); return true; } catch (e) { return e.code === 'EPERM'; } };
function reap() {
	for (let round = 0; round < 3; round++) {
		for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
			if (Number(pid) === process.pid) continue;
			let env = '';
			try { env = fs.readFileSync('/proc/' + pid + '/environ', 'utf8'); } catch { continue; }
			if (env.split('\\0').includes(marker)) { try { process.kill(Number(pid), 'SIGKILL'); } catch {} }
		}
		// processes that overwrite their environment (redis-server's process title) are listed by pid
		try {
			for (const pid of fs.readFileSync(root + '/.pids', 'utf8').split('\\n').filter(Boolean)) { try { process.kill(Number(pid), 'SIGKILL'); } catch {} }
		} catch {}
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
	}
	try { fs.rmSync(root, { recursive: true, force: true }); } catch {}
	process.exit(0);
}
setInterval(() => {
	if (!fs.existsSync(root)) process.exit(0);
	if (!alive(parent)) reap();
}, 1000);
`;

/** Starts the watchdog; `marker` is `NAME=value`, set in the environment of every process to reap. */
export function startReaper(marker: string, root: string): { stop(): void } {
	const child = spawn(process.execPath, ['-e', SCRIPT, String(process.pid), marker, root], {
		detached: true,
		stdio: 'ignore',
		env: { PATH: process.env.PATH ?? '' },
	});
	child.unref();
	return {
		stop: () => {
			try {
				if (child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		},
	};
}

/** Lists a pid for the reaper of `root` (for processes whose environment cannot be read back). */
export function notePid(root: string, pid: number | undefined): void {
	if (pid !== undefined) fs.appendFileSync(path.join(root, '.pids'), `${pid}\n`);
}
