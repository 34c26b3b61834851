import { roomEndpoint } from '../room/endpoint';
import { PhoneRuntime } from '../modes/phone/phoneRuntime.svelte';

/**
 * A phone in a workshop room (`?join=CODE`): no question bank, no saved game, just the room.
 * Apart from boot.ts so a phone does not download the questions.
 */
export async function bootPhone(code: string | null) {
  const { default: PhoneApp } = await import('../modes/phone/screens/PhoneApp.svelte');
  const runtime = new PhoneRuntime({ endpoint: roomEndpoint() }, code);
  runtime.start();
  return { PhoneApp, runtime };
}
