export async function runCorpus(_: unknown): Promise<any> {
	throw new Error('corpus not built yet');
}
