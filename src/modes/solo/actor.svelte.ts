import { createContext } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import type { Actor, AnyActorLogic, SnapshotFrom } from 'xstate';
import type { IndexedBank } from '../../core/bank';
import type { PlayMachine } from './playMachine';

/**
 * Exposes an XState actor's snapshot to runes. Reading `snapshot` inside a template or
 * `$derived` re-runs it whenever the actor emits; the snapshot itself is never proxied.
 */
export class ActorView<Logic extends AnyActorLogic> {
  readonly #subscribe: () => void;

  constructor(readonly actor: Actor<Logic>) {
    this.#subscribe = createSubscriber((update) => {
      const subscription = actor.subscribe(update);
      return () => subscription.unsubscribe();
    });
  }

  get snapshot(): SnapshotFrom<Logic> {
    this.#subscribe();
    return this.actor.getSnapshot();
  }

  /**
   * Sends an event with any rune state in it copied out of its proxy: the machine's context
   * must hold plain data, which storage can clone and JSON can carry.
   */
  send: Actor<Logic>['send'] = (event) => this.actor.send($state.snapshot(event) as typeof event);
}

/** What every self-paced screen reads: the one play actor, and the bank it plays. */
export interface PlayApp {
  actor: ActorView<PlayMachine>;
  bank: IndexedBank;
}

export const [getPlayApp, setPlayApp] = createContext<PlayApp>();
