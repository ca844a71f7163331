// Diagnostic for the benchmarks: loaded into n8n with NODE_OPTIONS=--require harness/n8n/memlog.cjs, it
// appends the process's memory (RSS, V8 heap total and used, external, array buffers) every 2 s to
// /tmp/memlog-<pid>.log. The heap-used sawtooth shows the live data (its lows, after a full
// collection) against the headroom V8 allows before collecting (its highs).
const fs = require('fs');
const file = `/tmp/memlog-${process.pid}.log`;
const t0 = Date.now();
const mb = (n) => Math.round(n / 1048576);
setInterval(() => {
	const m = process.memoryUsage();
	fs.appendFileSync(
		file,
		`${((Date.now() - t0) / 1000).toFixed(0)}s rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} heapUsed=${mb(m.heapUsed)} external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)} argv=${process.argv.slice(1, 3).join(' ').slice(-60)}\n`,
	);
}, 2000).unref();
