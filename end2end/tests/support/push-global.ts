import { FakePushService, PUSH_FAKE_PORT } from "./push-service";

/** Playwright global setup (`globalSetup` in playwright.config.ts): one fake push service for
 * every worker and project, on PUSH_FAKE_PORT, stopped when the run ends. */
export default async function startFakePushService() {
  const service = new FakePushService(PUSH_FAKE_PORT);
  await service.start();
  return async () => service.stop();
}
