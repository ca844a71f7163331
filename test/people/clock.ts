/**
 * One clock for the whole process: the simulation's hours pass for the node (n8n's host) and for the
 * Clientify emulator alike, as they do in production. `emu.advanceClock` moves only the emulator's
 * clock, which to the node looks like a clock skew between n8n and Clientify (the write path ties its
 * creation marker to `created` within a couple of minutes, docs/clientify-upsert.md "Assumed Clientify behaviour").
 *
 * `Date` is replaced by a subclass whose "now" (`Date.now()`, `new Date()`) is the real clock plus
 * the offset; dates built from a value are untouched. Restored by `uninstall`.
 */
const RealDate = Date;
let offsetMs = 0;
let installed = false;

class ShiftedDate extends RealDate {
	constructor(...args: unknown[]) {
		if (args.length === 0) super(RealDate.now() + offsetMs);
		else super(...(args as [string | number | Date]));
	}

	static now(): number {
		return RealDate.now() + offsetMs;
	}
}

export const processClock = {
	install(): void {
		if (installed) return;
		globalThis.Date = ShiftedDate as DateConstructor;
		installed = true;
	},
	/** Moves "now" forward by `ms` for everything in this process. */
	advance(ms: number): void {
		if (!(ms >= 0)) throw new Error(`processClock.advance: ${ms} is not a forward jump`);
		offsetMs += ms;
	},
	uninstall(): void {
		if (!installed) return;
		globalThis.Date = RealDate;
		installed = false;
		offsetMs = 0;
	},
};
