// Live heap of an n8n process, for the heap-limit benchmark (part 4c) and the e2e heap guard: loaded with
// NODE_OPTIONS=--require <this file>, it forces a full garbage collection every N8N_HISPATEC_LIVELOG_MS
// (default 10 s) and appends "<epoch ms> <heap used after it, bytes> <rss, bytes>" to the file
// N8N_HISPATEC_LIVELOG. What survives a full collection is the live data; memlog.cjs shows the sawtooth
// around it. Only the n8n command itself samples (not a task runner that inherits NODE_OPTIONS). A
// forced collection of a 150-300 MB heap takes 0.1-0.3 s: about 2 % of the time at the default period.
const fs = require('fs');
const file = process.env.N8N_HISPATEC_LIVELOG;
if (file && /n8n[\\/]bin[\\/]n8n$/.test(process.argv[1] || '')) {
	require('v8').setFlagsFromString('--expose-gc');
	const gc = require('vm').runInNewContext('gc');
	const period = Number(process.env.N8N_HISPATEC_LIVELOG_MS) || 10000;
	const sample = () => {
		gc();
		const m = process.memoryUsage();
		fs.appendFileSync(file, `${Date.now()} ${m.heapUsed} ${m.rss}\n`);
	};
	setInterval(sample, period).unref();
	process.on('exit', sample);
}
