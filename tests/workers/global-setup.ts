// Runs on the Node side before the tests inside workerd: the fake Resend server they send to,
// on loopback, which the Worker reaches with an ordinary fetch (RESEND_BASE_URL).
import type { TestProject } from 'vitest/node';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';

let fake: FakeResend | undefined;

export async function setup(project: TestProject): Promise<void> {
  fake = await startFakeResend({ apiKey: 're_test_workers' });
  project.provide('resendUrl', fake.url);
}

export async function teardown(): Promise<void> {
  await fake?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    resendUrl: string;
  }
}
