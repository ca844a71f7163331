/**
 * How many files one record crosses: one contact from the Hispatec node's *Get Many* (limit 1) to a
 * Clientify create, both against the emulators (harness/recordPath.ts). Prints the files under
 * `nodes/` and `credentials/` in which a function ran, then the count of files and folders.
 *
 *   npm run trace:record
 */
import { recordPath } from '../harness/recordPath';

recordPath()
	.then(({ files, folders }) => {
		console.log(files.join('\n'));
		console.log(`${files.length} files in ${folders.length} folders`);
	})
	.catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
