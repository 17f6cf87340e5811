/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// A real browser on n8n's editor: Debian's Chromium (installed by scripts/ensure-chromium.mjs when missing)
// driven by puppeteer-core, with a fresh profile, headless, and nothing that calls out to the internet.
// Every wait is on a condition in the page (a selector, a text), never on a fixed time.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { ensureChromium } from '../../../scripts/ensure-chromium.mjs';

/** How long one step waits for its condition: generous, for a loaded 2-core CI machine. */
export const STEP_TIMEOUT_MS = 90_000;

export interface EditorBrowser {
	page: Page;
	/** Saves a PNG of the whole window as `<artifacts>/<name>.png` and returns its path. */
	shot(name: string): Promise<string>;
	close(): Promise<void>;
}

export async function launchEditorBrowser(artifactsDir: string): Promise<EditorBrowser> {
	const profile = mkdtempSync(join(tmpdir(), 'nyne-chromium-'));
	mkdirSync(artifactsDir, { recursive: true });
	const browser: Browser = await puppeteer.launch({
		executablePath: ensureChromium(),
		headless: true,
		defaultViewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--headless',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			`--user-data-dir=${profile}`,
		],
	});
	const [page] = await browser.pages();
	page.setDefaultTimeout(STEP_TIMEOUT_MS);
	return {
		page,
		async shot(name) {
			const path = join(artifactsDir, `${name}.png`);
			await page.screenshot({ path });
			return path;
		},
		async close() {
			await browser.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

export const byTestId = (id: string) => `[data-test-id="${id}"]`;

/**
 * Replaces a text field's value in one input event, then leaves it. n8n passes a field's first change on at
 * once and later ones only after a pause, so a field typed key by key (or cleared first) may still hold an
 * older value when the next click runs the node; one event is one change, passed on at once. The node picker's
 * search stays focused (`leave: false`): n8n 2.8 closes the picker when it loses focus.
 */
export async function fillText(
	page: Page,
	selector: string,
	text: string,
	{ leave = true } = {},
): Promise<void> {
	const field = await page.waitForSelector(selector, { visible: true });
	// A field in a panel that is still sliding in refuses clicks; focusing it is what the click is for.
	await field!.click().catch(async () => await field!.focus());
	await page.keyboard.down('Control');
	await page.keyboard.press('KeyA');
	await page.keyboard.up('Control');
	await page.keyboard.sendCharacter(text);
	await page.waitForFunction(
		(sel, value) => (document.querySelector(sel) as HTMLInputElement | null)?.value === value,
		{},
		selector,
		text,
	);
	if (leave) await page.keyboard.press('Tab');
}

/**
 * Clicks `selector` until `target` is visible (or, with `hidden`, gone). It may be already: n8n opens the node
 * picker by itself after some steps. A canvas button can be in the page before it takes clicks (a transition,
 * a panel sliding away), so a click that misses or is refused is tried again, within the step's time.
 */
export async function clickUntil(
	page: Page,
	selector: string,
	target: string,
	{ hidden = false, timeout = STEP_TIMEOUT_MS } = {},
): Promise<void> {
	const deadline = Date.now() + timeout;
	const done = async () =>
		((await page.$(target).then((handle) => handle?.isVisible())) === true) !== hidden;
	while (!(await done())) {
		if (Date.now() > deadline)
			throw new Error(`clicking ${selector} never ${hidden ? 'hid' : 'showed'} ${target}`);
		await page.click(selector).catch(() => undefined);
		await page
			.waitForSelector(target, { visible: !hidden, hidden, timeout: 500 })
			.catch(() => undefined);
	}
}

/** The texts of every element matching `selector`, trimmed. */
export async function textsOf(page: Page, selector: string): Promise<string[]> {
	return await page.$$eval(selector, (elements) =>
		elements.map((element) => (element.textContent ?? '').trim()),
	);
}

/** Waits until the first element matching `selector` whose text is `text` (trimmed, any case), or contains it, exists. */
async function elementByText(
	page: Page,
	selector: string,
	text: string,
	whole: boolean,
	timeout: number,
): Promise<ElementHandle<Element>> {
	const handle = await page.waitForFunction(
		(sel, wanted, isWhole) =>
			[...document.querySelectorAll(sel)].find((element) => {
				const own = element.textContent ?? '';
				return isWhole ? own.trim().toLowerCase() === wanted.toLowerCase() : own.includes(wanted);
			}),
		{ timeout },
		selector,
		text,
		whole,
	);
	return handle as ElementHandle<Element>;
}

/** Waits until an element matching `selector` has exactly the text `text`, and returns it. */
export const elementWithText = (
	page: Page,
	selector: string,
	text: string,
	timeout = STEP_TIMEOUT_MS,
) => elementByText(page, selector, text, true, timeout);

/** Waits until the first element matching `selector` whose text contains `text` exists, and returns it. */
export const elementContaining = (
	page: Page,
	selector: string,
	text: string,
	timeout = STEP_TIMEOUT_MS,
) => elementByText(page, selector, text, false, timeout);

/**
 * Clicks the element matching `selector` whose text is `text` until `target` shows: a panel that is still
 * sliding in can swallow a click (n8n's node creator does on a busy machine).
 */
export async function clickTextUntil(
	page: Page,
	selector: string,
	text: string,
	target: string,
	timeout = STEP_TIMEOUT_MS,
): Promise<void> {
	const deadline = Date.now() + timeout;
	const shown = async () => (await page.$(target).then((handle) => handle?.isVisible())) === true;
	while (!(await shown())) {
		if (Date.now() > deadline) throw new Error(`clicking "${text}" never showed ${target}`);
		// Clicked again only while it is still there: a click that did land closes the list.
		const element = await elementWithText(page, selector, text, 250).catch(() => undefined);
		if (element && (await element.isVisible())) await element.click().catch(() => undefined);
		await page.waitForSelector(target, { visible: true, timeout: 2_000 }).catch(() => undefined);
	}
}

/** Waits until the text of `selector` matches `pattern`; on timeout says what the element said instead. */
export async function waitForText(
	page: Page,
	selector: string,
	pattern: RegExp,
	timeout = STEP_TIMEOUT_MS,
): Promise<string> {
	try {
		await page.waitForFunction(
			(sel, source, flags) =>
				new RegExp(source, flags).test(document.querySelector(sel)?.textContent ?? ''),
			{ timeout },
			selector,
			pattern.source,
			pattern.flags,
		);
	} catch (error) {
		const seen = await page
			.$eval(selector, (element) => element.textContent ?? '')
			.catch(() => '(no such element)');
		throw new Error(
			`${selector} never matched ${pattern} within ${timeout} ms; it says: ${seen.slice(0, 800)}`,
			{
				cause: error,
			},
		);
	}
	return await page.$eval(selector, (element) => element.textContent ?? '');
}

/** Waits until `condition` holds in this process (the sandbox's counters, say), checking every 100 ms. */
export async function until(
	condition: () => boolean,
	what: string,
	timeout = STEP_TIMEOUT_MS,
): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Waits until the input inside `selector` (a select shows its choice in one) holds `value`. */
export async function waitForValue(page: Page, selector: string, value: string): Promise<void> {
	await page.waitForFunction(
		(sel, wanted) =>
			[...document.querySelectorAll(`${sel} input`)].some(
				(input) => (input as HTMLInputElement).value === wanted,
			),
		{},
		selector,
		value,
	);
}
