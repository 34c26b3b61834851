import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Component } from 'svelte';
import type { render as Render } from 'svelte/server';
import { createServer, type Plugin } from 'vite';

/** What index.html shows until the start screen is prerendered into it. */
export const PLACEHOLDER = '<div id="app"><p class="loading">Loading Role Call…</p></div>';

/**
 * Prerenders the start screen into the built index.html, from the company index, so that the
 * first paint is the start screen itself (its buttons say the questions are loading) and
 * main.ts hydrates it in place instead of drawing it again.
 */
export function prerenderStartScreen(configFile: string, define: Record<string, string>): Plugin {
  return {
    name: 'role-call:prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(PLACEHOLDER)) throw new Error('index.html has no placeholder to prerender into');
        // A server of the same config compiles the components for rendering in Node.
        const server = await createServer({
          configFile,
          logLevel: 'error',
          appType: 'custom',
          // Not the dev server's mode, and in the build's language.
          mode: 'production',
          define,
          server: { middlewareMode: true, hmr: false, ws: false, watch: null },
          plugins: [messagesInOneModule()],
        });
        try {
          // Svelte's renderer comes from the same server, so it is the instance the components use.
          const { render } = (await server.ssrLoadModule('svelte/server')) as { render: typeof Render };
          const { default: Shell } = (await server.ssrLoadModule('/app/Shell.svelte')) as {
            default: Component<object>;
          };
          const { scenarioIndex } = await server.ssrLoadModule('virtual:question-index');
          // The app never arrives here: the screen is rendered as it waits for it.
          const props = { index: scenarioIndex, app: new Promise(() => undefined), waiting: 'intro' };
          const { body } = render(Shell, { props });
          return html.replace(PLACEHOLDER, `<div id="app">${body}</div>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}

/**
 * The compiled messages as one module instead of a module per message: rendering in Node loads
 * modules one at a time, and a thousand of them took five seconds a language. Each message file
 * defines names of its own, so their bodies join as they are, under their imports, made once.
 */
function messagesInOneModule(): Plugin {
  return {
    name: 'role-call:prerender-messages',
    load(id) {
      if (!id.endsWith('/i18n/paraglide/messages/_index.js')) return null;
      const imports = new Set<string>();
      const bodies = [...readFileSync(id, 'utf8').matchAll(/^export \* from '\.\/(\w+\.js)'/gm)].map((match) =>
        readFileSync(join(dirname(id), match[1]!), 'utf8').replace(/^import .*$/gm, (line) => {
          imports.add(line);
          return '';
        }),
      );
      return [...imports, ...bodies].join('\n');
    },
  };
}
