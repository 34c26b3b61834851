import { render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { ranked } from '../../../../src/core/scoring';
import { podiumLayout } from '../../../../src/modes/workshop/show';
import Podium from '../../../../src/modes/workshop/screens/Podium.svelte';

const layout = (points: Record<string, number>) =>
  podiumLayout(ranked(Object.entries(points).map(([name, points]) => ({ key: name, name, points }))));

it('reads the podium from the top, and stands tied winners side by side in the middle', () => {
  render(Podium, { layout: layout({ Red: 5, Blue: 5, Green: 3 }) });
  const places = within(screen.getByRole('list', { name: 'Podium' })).getAllByRole('listitem');
  expect(places.map((place) => place.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
    '1st place: Red 5 points 1',
    '1st place: Blue 5 points 1',
    '3rd place: Green 3 points 3',
  ]);
  expect(places.map((place) => place.style.gridColumn)).toEqual(['2', '3', '4']);
  expect(places[0]!.style.getPropertyValue('--h')).toBe(places[1]!.style.getPropertyValue('--h'));
});
