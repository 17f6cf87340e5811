// Preloaded into an n8n process (NODE_OPTIONS=--require) by suites that need hours to pass: Date.now()
// runs `offset` milliseconds ahead, where `offset` is the number in NYNE_E2E_CLOCK_FILE, re-read when the
// test rewrites it. n8n's scheduler and the node read the same clock, so "an hour later" is what both see.
'use strict';
const fs = require('node:fs');

const file = process.env.NYNE_E2E_CLOCK_FILE;
if (file) {
	const realNow = Date.now.bind(Date);
	let offset = 0;
	const read = () => {
		try {
			const value = Number(fs.readFileSync(file, 'utf8'));
			if (Number.isFinite(value)) offset = value;
		} catch {
			// not written yet: no offset
		}
	};
	read();
	fs.watchFile(file, { interval: 100 }, read).unref();
	Date.now = () => realNow() + offset;
}
