/**
 * A promise's outcome as a value, so failures are handled (mapped, retried) in one place after the step,
 * without re-throwing inside `catch`. No n8n imports.
 */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
}
