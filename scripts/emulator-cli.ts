/**
 * What the two "start an emulator by hand" scripts share: reading `--name value` arguments, and running
 * until Ctrl+C while printing each new request once.
 */

export function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Prints `describe(request)` for every request added to `requests()` (checked five times a second) and
 * closes the emulator on SIGINT or SIGTERM.
 */
export function serveUntilStopped<T>(
	emulator: { close(): Promise<void> },
	requests: () => readonly T[],
	describe: (request: T) => string,
): void {
	let logged = 0;
	const timer = setInterval(() => {
		const all = requests();
		for (const request of all.slice(logged)) console.log(describe(request));
		logged = all.length;
	}, 200);
	const stop = async () => {
		clearInterval(timer);
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

export function exitOnError(main: () => Promise<void>): void {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
