/**
 * Prints one plain closing line that CI reads: `e2e: N passed, N failed` (plus `, N skipped` when any).
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		// suites that failed to run at all (setup errors) count as failures too
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const line = `e2e: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
		process.stdout.write(`\n${line}\n`);
	}
}
module.exports = SummaryReporter;
