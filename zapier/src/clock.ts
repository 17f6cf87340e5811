/** Where the app reads the time for schedules it keeps between runs; tests move it forward instead of waiting hours. */
export const clock = { now: (): number => Date.now() };
