// Jest ignores `testTimeout` inside multi-project entries; the slow projects (integration, e2e,
// browser, bench) set theirs here, through setupFilesAfterEnv, which is a per-project option.
const seconds = Number(process.env.KNM_TEST_TIMEOUT_S ?? '') || 180;
jest.setTimeout(seconds * 1000);
