import type { Confidence } from './scoring';
import type { Difficulty, Role, Topic } from './schema';

/** The names of the roles as the learner sees (and hears) them on the answer buttons. */
export const ROLE_LABELS: Record<Role, string> = {
  pm: 'Product management',
  pmm: 'Product marketing',
  both: 'Both',
};

export const ROLE_SHORT: Record<Role, string> = { pm: 'PM', pmm: 'PMM', both: 'Both' };

export const TOPIC_LABELS: Record<Topic, string> = {
  strategy: 'Vision and strategy',
  roadmap: 'Roadmap',
  requirements: 'Requirements',
  research: 'Research',
  customers: 'Knowing customers',
  competitors: 'Competitors',
  positioning: 'Positioning',
  messaging: 'Messaging',
  pricing: 'Pricing',
  promotion: 'Promotion',
  distribution: 'Distribution',
  launch: 'Launch',
  'sales-enablement': 'Sales enablement',
  'market-performance': 'Performance in the market',
  metrics: 'Metrics',
  lifecycle: 'Product lifecycle',
  collaboration: 'Working together',
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = { intro: 'Intro', core: 'Core', advanced: 'Advanced' };

/** How the learner says how sure they are. */
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  low: 'Guessing',
  medium: 'Fairly sure',
  high: 'Certain',
};
