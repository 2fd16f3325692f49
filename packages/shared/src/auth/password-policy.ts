// A plain constant rather than only a schema keyword: the SPA's first page checks it without
// loading TypeBox.

/** New passwords: length over composition rules, since long passphrases are stronger and easier to remember. */
export const passwordLength = { min: 12, max: 256 } as const;
