/**
 * Headless Debian Chromium (apt package `chromium`) driven by playwright-core: signs into a running n8n
 * editor and screenshots a workflow canvas. Playwright's own browser download is never used.
 */
import * as fs from 'fs';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';

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

/*
 * The editor, driven as a user drives it (n8n 2.41's test ids: `data-test-id`). Each helper waits for a
 * condition (an element, a URL, a dialog closing), never for a fixed time.
 */

/** A signed-in editor page; `getByTestId` reads n8n's `data-test-id`. */
export async function openEditor(
	browser: Browser,
	baseUrl: string,
	email: string,
	password: string,
): Promise<Page> {
	selectors.setTestIdAttribute('data-test-id');
	const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	await signIn(page, baseUrl, email, password);
	return page;
}

/** Polls `check` (every 100 ms) until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(
	check: () => Promise<boolean> | boolean,
	what: () => string,
	timeoutMs = 30000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what()}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const canvasNode = (page: Page, name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);

/**
 * A new, empty workflow, then **⋯ → Import › From file** with the file chooser. Resolves with the id
 * the editor gave the workflow once the canvas shows `expectedNodes` nodes.
 */
export async function importWorkflowFromFile(
	page: Page,
	baseUrl: string,
	file: string,
	expectedNodes: number,
): Promise<string> {
	await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await page.getByTestId('workflow-menu').click();
	await page.getByTestId('workflow-menu-item-import').hover();
	const chooser = page.waitForEvent('filechooser');
	await page.getByTestId('workflow-menu-item-import-from-file').click();
	await (await chooser).setFiles(file);
	await page.waitForFunction(
		`document.querySelectorAll('[data-test-id="canvas-node"]').length >= ${Number(expectedNodes)}`,
		undefined,
		{ timeout: 60000 },
	);
	// the editor saves the imported workflow and moves to its own URL
	await page.waitForURL(/\/workflow\/(?!new\b)[A-Za-z0-9]+/, { timeout: 60000 });
	return new URL(page.url()).pathname.split('/').pop() as string;
}

/** Opens a node's panel (double click on the canvas). */
export async function openNode(page: Page, name: string): Promise<void> {
	await canvasNode(page, name).dblclick();
	await page.getByTestId('ndv').waitFor({ state: 'visible' });
}

/** Closes the node's panel. */
export async function closeNode(page: Page): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

/** In a node's panel, **Credential to connect with** → the credential named `credentialName`. */
export async function selectNodeCredential(
	page: Page,
	nodeName: string,
	credentialName: string,
): Promise<void> {
	await openNode(page, nodeName);
	await page.getByTestId('node-credentials-select').click();
	await page
		.locator('[data-test-id^="node-credentials-select-item-"]')
		.filter({ hasText: credentialName })
		.first()
		.click();
	const input = page.getByTestId('node-credentials-select').locator('input').first();
	await waitUntil(
		async () => (await input.inputValue()) === credentialName,
		() => `the credential select of "${nodeName}" to show "${credentialName}"`,
	);
	await closeNode(page);
}

/** In an *Execute Sub-workflow* node: **Workflow → From list** → the workflow named `workflowName`. */
export async function pickSubWorkflowFromList(
	page: Page,
	nodeName: string,
	workflowName: string,
): Promise<void> {
	await openNode(page, nodeName);
	const input = page.getByTestId('rlc-input');
	await input.click();
	// the list also shows the node's current value, marked selected, under its cached name: the
	// imported file's id, which does not exist here
	await page
		.locator('[data-test-id="rlc-item"]:not([class*="selected"])')
		.filter({ hasText: workflowName })
		.first()
		.click();
	await waitUntil(
		async () => (await input.inputValue()) === workflowName,
		() => `"${nodeName}" to show the workflow "${workflowName}"`,
	);
	await closeNode(page);
}

/**
 * **⋯ → Settings**, each select (by its test id under `workflow-settings-…`) set to the option with
 * that label, then **Save**.
 */
export async function setWorkflowSettings(
	page: Page,
	choices: Record<string, string>,
): Promise<void> {
	await page.getByTestId('workflow-menu').click();
	await page.getByTestId('workflow-menu-item-settings').click();
	const dialog = page.getByTestId('workflow-settings-dialog');
	await dialog.waitFor({ state: 'visible' });
	const openLists = page.locator('.el-select-dropdown:visible');
	for (const [testId, label] of Object.entries(choices)) {
		// one list open at a time: the previous one closes (animated) before the next opens
		await waitUntil(
			async () => (await openLists.count()) === 0,
			() => 'the previous list to close',
		);
		await dialog.getByTestId(testId).click();
		await page
			.locator('.el-select-dropdown:visible .el-select-dropdown__item')
			.filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) })
			.first()
			.click();
	}
	await waitUntil(
		async () => (await openLists.count()) === 0,
		() => 'the last list to close',
	);
	// the test id is on the full-width footer; the button is at its left
	await page.getByTestId('workflow-settings-save-button').locator('button').click();
	await dialog.waitFor({ state: 'hidden' });
}

/**
 * **Execute workflow** from the trigger `triggerName`: the ⚡ button next to that trigger on the canvas
 * (the button at the bottom runs from whichever trigger it last chose, "Every hour" by default here).
 */
export async function executeWorkflowFrom(page: Page, triggerName: string): Promise<void> {
	await canvasNode(page, triggerName).hover();
	await page.getByTestId(`execute-workflow-button-${triggerName}`).click();
}

/** **Publish** (n8n 2.x, top right), then **Publish** in its dialog. */
export async function publishWorkflow(page: Page): Promise<void> {
	await page.getByTestId('workflow-open-publish-modal-button').click();
	const dialog = page.getByTestId('workflowPublish-modal');
	await dialog.waitFor({ state: 'visible' });
	await dialog.getByTestId('workflow-publish-button').click();
	await dialog.waitFor({ state: 'hidden' });
}
