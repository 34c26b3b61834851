import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';
import { WAIT_MS } from './eventually';

// findBy* and waitFor wait on the page's state as long as `eventually` does.
configure({ asyncUtilTimeout: WAIT_MS });
