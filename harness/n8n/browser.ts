/**
 * Headless Debian Chromium (apt package `chromium`) driven by playwright-core: signs into a running n8n
 * editor and screenshots a workflow canvas. Playwright's own browser download is never used.
 */
import * as fs from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep Chromium off the network on these machines (see CONTRIBUTING.md, "End-to-end tests"). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium)`,
		);
	}
	return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface CanvasNode {
	/** The node's visible text (its name, subtitle, badges). */
	text: string;
	/** `src` of the node's icon <img>, when the icon is an image (file icons of community nodes are). */
	iconSrc: string | null;
	/** Whether that image loaded (naturalWidth > 0). */
	iconLoaded: boolean;
	/** Whether the node shows any icon (an <img> or an inline <svg>). */
	hasIcon: boolean;
}

export interface CanvasShot {
	nodes: CanvasNode[];
	/** Icon URLs the page loaded, with their HTTP status. */
	iconResponses: Array<{ url: string; status: number }>;
}

/** Signs in through the editor's sign-in form. */
export async function signIn(
	page: Page,
	baseUrl: string,
	email: string,
	password: string,
): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	const emailInput = page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first();
	await emailInput.waitFor({ state: 'visible', timeout: 60000 });
	await emailInput.fill(email);
	await page.locator('input[type="password"]').first().fill(password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 60000 });
}

/** Opens `/workflow/<id>`, waits for `expectedNodes` canvas nodes and their icons, and saves a PNG. */
export async function screenshotWorkflow(
	page: Page,
	baseUrl: string,
	workflowId: string,
	expectedNodes: number,
	outFile: string,
): Promise<CanvasShot> {
	const iconResponses: Array<{ url: string; status: number }> = [];
	page.on('response', (res) => {
		if (/\/icons\//.test(res.url()) || /\.(svg|png)(\?|$)/.test(res.url())) {
			iconResponses.push({ url: res.url(), status: res.status() });
		}
	});
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	// browser-side code is passed as strings: this project compiles without the DOM lib
	await page.waitForFunction(
		`document.querySelectorAll('[data-test-id="canvas-node"]').length >= ${Number(expectedNodes)}`,
		undefined,
		{
			timeout: 90000,
		},
	);
	await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => undefined);
	// let icons decode and the canvas settle ("fit view" runs on open)
	await page.waitForFunction(
		`[...document.querySelectorAll('[data-test-id="canvas-node"] img')].every((img) => img.complete)`,
		undefined,
		{ timeout: 30000 },
	);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(1500);
	const nodes =
		(await page.evaluate(`[...document.querySelectorAll('[data-test-id="canvas-node"]')].map((el) => {
		const img = el.querySelector('img');
		return {
			text: (el.textContent || '').replace(/\\s+/g, ' ').trim(),
			iconSrc: img ? img.getAttribute('src') : null,
			iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
			hasIcon: Boolean(el.querySelector('img, svg')),
		};
	})`)) as CanvasNode[];
	// crop to the workflow itself (nodes and sticky notes), with a margin
	const box = (await page.evaluate(`(() => {
		const rects = [...document.querySelectorAll('.vue-flow__node')].map((el) => el.getBoundingClientRect());
		if (!rects.length) return null;
		const x = Math.min(...rects.map((r) => r.left)), y = Math.min(...rects.map((r) => r.top));
		const right = Math.max(...rects.map((r) => r.right)), bottom = Math.max(...rects.map((r) => r.bottom));
		return { x, y, width: right - x, height: bottom - y };
	})()`)) as { x: number; y: number; width: number; height: number } | null;
	const viewport = page.viewportSize();
	const margin = 24;
	const clip =
		box && viewport
			? {
					x: Math.max(0, box.x - margin),
					y: Math.max(0, box.y - margin),
					width: Math.min(viewport.width - Math.max(0, box.x - margin), box.width + 2 * margin),
					height: Math.min(viewport.height - Math.max(0, box.y - margin), box.height + 2 * margin),
				}
			: undefined;
	await page.screenshot({ path: outFile, fullPage: false, ...(clip ? { clip } : {}) });
	return { nodes, iconResponses };
}

export interface PanelShot {
	/** The panel's parameter area as text (labels, values, hints), to check what it shows. */
	text: string;
	/** Parameters n8n marks as having an issue (the red triangle), by their label. */
	issues: string[];
}

/**
 * Opens `/workflow/<id>`, double-clicks the canvas node `nodeName` to open its panel (NDV), grows the
 * window until every parameter is on screen (the parameter column scrolls otherwise) and saves the
 * whole panel as a PNG.
 */
export async function screenshotPanel(
	page: Page,
	baseUrl: string,
	workflowId: string,
	nodeName: string,
	outFile: string,
): Promise<PanelShot> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	const node = page.locator(
		`[data-test-id="canvas-node"][data-node-name=${JSON.stringify(nodeName)}]`,
	);
	await node.waitFor({ state: 'visible', timeout: 90000 });
	await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => undefined);
	await node.dblclick();
	const parameters = page.locator('[data-test-id="node-parameters"]');
	await parameters.waitFor({ state: 'visible', timeout: 30000 });
	await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => undefined);
	// the parameter column scrolls inside the panel: make the window as much taller as it overflows
	const overflow = Number(
		await page.evaluate(`(() => {
			let el = document.querySelector('[data-test-id="node-parameters"]');
			let most = 0;
			for (; el && el.getAttribute('data-test-id') !== 'ndv'; el = el.parentElement)
				most = Math.max(most, el.scrollHeight - el.clientHeight);
			return most;
		})()`),
	);
	const viewport = page.viewportSize();
	if (viewport && overflow > 0) {
		await page.setViewportSize({ width: viewport.width, height: viewport.height + overflow + 40 });
	}
	// no hover effects (the double-click leaves the pointer over a parameter); let the editor re-lay
	// out and fonts settle, then take the dialog itself
	await page.mouse.move(1, 1);
	await page.waitForTimeout(1000);
	await page.locator('[data-test-id="ndv"]').screenshot({ path: outFile });
	const text = String(await parameters.innerText());
	const issues =
		(await page.evaluate(`[...document.querySelectorAll('[data-test-id="node-parameters"] [data-test-id="parameter-issues"]')]
		.map((el) => {
			const item = el.closest('[data-test-id="parameter-item"]');
			return ((item && item.querySelector('label')) || el).textContent.trim();
		})`)) as string[];
	return { text, issues };
}
